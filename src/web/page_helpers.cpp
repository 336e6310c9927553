// Page handler helpers.
#include "web/page_helpers.hpp"

#include "core/ids.hpp"

namespace skirosim::web {

http::Handler localized(http::Handler handler) {
    return [handler = std::move(handler)](http::Request& request) -> Result<http::Response> {
        if (!parse_language(request.path_param("lang"))) {
            return std::unexpected(not_found());
        }
        return handler(request);
    };
}

std::string lang(const http::Request& request) { return std::string(code(request.language)); }

Result<http::Response> form_error(const Views& views, const http::Request& request, Page page,
                                  const Error& error) {
    if (error.code != ErrorCode::invalid_input && error.code != ErrorCode::too_many_requests &&
        error.code != ErrorCode::conflict && error.code != ErrorCode::too_large) {
        return std::unexpected(error);
    }
    page.data.set("error", views.translator().message(request.language, error));
    page.data.set("error_field_" + (error.field.empty() ? std::string("none") : error.field), true);
    for (const auto& [key, value] : request.form()) {
        if (key != "password" && key != "csrf" && key != "password_again")
            page.data.set("value_" + key, value);
    }
    page.status = http::http_status(error.code);
    return views.render(request, std::move(page));
}

Result<long long> id_param(const http::Request& request, std::string_view name) {
    if (auto id = parse_id(request.path_param(name))) return *id;
    return std::unexpected(not_found());
}

void set_text(mustache::data& data, const std::string& key, const std::string& value) {
    if (!value.empty()) data.set(key, value);
}

mustache::data list_of(const std::vector<std::string>& values) {
    mustache::data list{mustache::data::type::list};
    for (const auto& value : values) {
        mustache::data entry;
        entry.set("name", value);
        list.push_back(entry);
    }
    return list;
}

}  // namespace skirosim::web
