// Page handler helpers.
#include "web/page_helpers.hpp"

#include <algorithm>
#include <cctype>

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

namespace {
std::string as_key(std::string id) {
    std::replace(id.begin(), id.end(), '-', '_');
    return id;
}
}  // namespace

bool is_form_problem(const Error& error) {
    return error.code == ErrorCode::invalid_input || error.code == ErrorCode::too_many_requests ||
           error.code == ErrorCode::conflict || error.code == ErrorCode::too_large;
}

Result<http::Response> form_error(const Views& views, const http::Request& request, Page page,
                                  const Error& error, const FormShape& shape) {
    if (!is_form_problem(error)) return std::unexpected(error);
    const std::string message = views.translator().message(request.language, error);
    page.data.set("error", message);
    const bool on_a_field =
        std::find(shape.fields.begin(), shape.fields.end(), error.field) != shape.fields.end();
    const std::string id = on_a_field ? shape.id_prefix + error.field : std::string();
    if (on_a_field) page.data.set("error_" + as_key(id), message);
    page.problems.push_back({message, id});
    for (const auto& [key, value] : request.form()) {
        if (key == "password" || key == "csrf" || key == "password_again") continue;
        page.data.set("value_" + as_key(shape.id_prefix + key), value);
        // Radio buttons and ticks: "chosen_language_ru" for the choice that was made.
        if (!value.empty() && value.size() <= 40 &&
            std::all_of(value.begin(), value.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
            }))
            page.data.set("chosen_" + as_key(shape.id_prefix + key) + "_" + as_key(value), true);
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
