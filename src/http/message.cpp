// Request accessors and response constructors.
#include "http/message.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/params_encoded_view.hpp>

namespace skirosim::http {

std::string_view Request::header(std::string_view name) const {
    auto it = raw.find(boost::beast::string_view(name.data(), name.size()));
    if (it == raw.end()) return {};
    auto value = it->value();
    return {value.data(), value.size()};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::string Request::path_param(std::string_view name) const {
    auto it = path_params.find(name);
    return it == path_params.end() ? std::string{} : it->second;
}

const Params& Request::form() const {
    if (!form_cache) {
        auto content_type = header("Content-Type");
        if (content_type.starts_with("application/x-www-form-urlencoded")) {
            form_cache = decode_form(raw.body()).value_or(Params{});
        } else {
            form_cache = Params{};
        }
    }
    return *form_cache;
}

std::optional<std::string> Request::form_param(std::string_view name) const {
    for (const auto& [key, value] : form()) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::optional<Params> decode_form(std::string_view encoded) {
    auto parsed = boost::urls::parse_query(encoded);
    if (!parsed) return std::nullopt;
    Params params;
    for (auto param : *parsed) {
        // Forms encode spaces as '+'; decode() on the view honours that for queries.
        std::string key = param.key.decode(boost::urls::encoding_opts(true));
        std::string value = param.has_value ? param.value.decode(boost::urls::encoding_opts(true)) : "";
        params.emplace_back(std::move(key), std::move(value));
    }
    return params;
}

Response Response::html(std::string body, int status) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response Response::json(const boost::json::value& value, int status) {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = boost::json::serialize(value);
    return response;
}

Response Response::text(std::string body, std::string content_type, int status) {
    Response response;
    response.status = status;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    return response;
}

Response Response::redirect(std::string location, int status) {
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.headers.emplace_back("Location", std::move(location));
    return response;
}

}  // namespace skirosim::http
