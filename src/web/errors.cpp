// Errors as pages and API answers; a page that needs a signed-in person sends them to log in.
#include "web/errors.hpp"

#include <boost/json.hpp>

namespace skirosim::web {

http::Response render_error(const Views* views, const i18n::Translator& translator,
                            const http::Request& request, const Error& error) {
    const int status = http::http_status(error.code);
    const std::string message =
        error.code == ErrorCode::internal
            ? translator.text(request.language, "Something went wrong on our side.")
            : translator.message(request.language, error);
    if (error.code == ErrorCode::unauthorized && !request.is_api()) {
        // The page (with its query) comes back percent-encoded as one value: never raw into a
        // header.
        return http::Response::redirect("/" + std::string(code(request.language)) + "/login?next=" +
                                            http::percent_encode(request.raw.target()),
                                        303);
    }
    http::Response response;
    if (request.is_api() || !views) {
        boost::json::object body{
            {"error",
             boost::json::object{{"code", error_code_name(error.code)}, {"message", message}}}};
        if (!error.field.empty()) body["error"].as_object()["field"] = error.field;
        response = http::Response::json(body, status);
    } else {
        Page page{.template_name = "error", .title = message, .status = status};
        page.data.set("message", message);
        page.data.set("status", std::to_string(status));
        page.data.set("not_found", error.code == ErrorCode::not_found);
        page.data.set("unavailable", error.code == ErrorCode::unavailable);
        page.data.set("home", "/" + std::string(code(request.language)) + "/");
        response = views->render(request, std::move(page));
    }
    if (error.code == ErrorCode::unavailable) response.header("Retry-After", "30");
    return response;
}

}  // namespace skirosim::web
