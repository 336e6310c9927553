// Routing and running one request.
#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

namespace skirosim::http {

namespace bhttp = boost::beast::http;

Dispatcher::Dispatcher(const Router& router, ErrorRenderer render_error,
                       LanguageResolver resolve_language, Middleware middleware)
    : router_(router),
      render_error_(std::move(render_error)),
      resolve_language_(std::move(resolve_language)),
      middleware_(std::move(middleware)) {}

Dispatcher::Routed Dispatcher::route(Request& request) const {
    Routed routed;
    auto prepared = parse_target(request);
    resolve_language_(request);
    if (!prepared) {
        routed.route_name = "unmatched";
        routed.answer = render_error_(request, prepared.error());
        return routed;
    }
    RouteMatch match = router_.match(request);
    if (match.route) {
        routed.route = match.route;
        routed.route_name = match.route->pattern;
        return routed;
    }
    if (match.method_not_allowed) {
        routed.route_name = "method_not_allowed";
        Response response = render_error_(
            request, Error::make(ErrorCode::invalid_input,
                                 "This address does not accept this kind of request."));
        response.status = 405;
        std::string allow;
        for (auto verb : match.allowed) {
            if (!allow.empty()) allow += ", ";
            allow += std::string(bhttp::to_string(verb));
            if (verb == bhttp::verb::get) allow += ", HEAD";
        }
        response.header("Allow", allow);
        routed.answer = std::move(response);
        return routed;
    }
    routed.route_name = "not_found";
    routed.answer = render_error_(request, not_found());
    return routed;
}

Response Dispatcher::run(const Route& route, Request& request) const {
    Result<Response> result;
    try {
        result = middleware_ && route.execution == Execution::worker
                     ? middleware_(request, route.handler)
                     : route.handler(request);
    } catch (const std::exception& e) {
        spdlog::error("request {} failed: {}", request.request_id, e.what());
        result =
            std::unexpected(Error::make(ErrorCode::internal, "Something went wrong on our side."));
    } catch (...) {
        spdlog::error("request {} failed with an unknown exception", request.request_id);
        result =
            std::unexpected(Error::make(ErrorCode::internal, "Something went wrong on our side."));
    }
    if (!result) return render_error_(request, result.error());
    return std::move(*result);
}

Response Dispatcher::handle(Request& request) const {
    Routed routed = route(request);
    if (routed.answer) return std::move(*routed.answer);
    return run(*routed.route, request);
}

}  // namespace skirosim::http
