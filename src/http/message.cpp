// Request accessors and response constructors.
#include "http/message.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <cctype>

#include "core/utf8.hpp"

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

const std::map<std::string, std::string, std::less<>>& Request::cookies() const {
    if (!cookie_cache) {
        cookie_cache.emplace();
        std::string_view header_value = header("Cookie");
        while (!header_value.empty()) {
            auto semi = header_value.find(';');
            std::string_view pair = header_value.substr(0, semi);
            header_value =
                semi == std::string_view::npos ? std::string_view{} : header_value.substr(semi + 1);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            auto eq = pair.find('=');
            if (eq == std::string_view::npos || eq == 0) continue;
            cookie_cache->emplace(std::string(pair.substr(0, eq)),
                                  std::string(pair.substr(eq + 1)));
        }
    }
    return *cookie_cache;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    const auto& all = cookies();
    auto it = all.find(name);
    if (it == all.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Request::form_param(std::string_view name) const {
    for (const auto& [key, value] : form()) {
        if (key == name) return value;
    }
    return std::nullopt;
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decodes one key or value; '+' is a space in forms and queries.
std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

// Our own decoder: Boost.URL 1.81's parse_query decoded the last value of a target that
// Beast hands over (not NUL-terminated) with a stray byte ("lang=ru" → "rua").
std::optional<Params> decode_form(std::string_view encoded) {
    Params params;
    while (!encoded.empty()) {
        auto amp = encoded.find('&');
        std::string_view pair = encoded.substr(0, amp);
        encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq));
        auto value =
            percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!key || !value) return std::nullopt;
        params.emplace_back(std::move(*key), std::move(*value));
    }
    return params;
}

Response& Response::cookie(const std::string& name, const std::string& value,
                           long long max_age_seconds, bool secure) {
    std::string text = name + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
                       "; HttpOnly; SameSite=Lax";
    if (secure) text += "; Secure";
    headers.emplace_back("Set-Cookie", std::move(text));
    return *this;
}

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return 400;
        case ErrorCode::unauthorized:
            return 401;
        case ErrorCode::forbidden:
            return 403;
        case ErrorCode::not_found:
            return 404;
        case ErrorCode::conflict:
            return 409;
        case ErrorCode::too_large:
            return 413;
        case ErrorCode::too_many_requests:
            return 429;
        case ErrorCode::unavailable:
            return 503;
        case ErrorCode::internal:
            return 500;
    }
    return 500;
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
    response.headers.emplace_back("Location", safe_location(location));
    return response;
}

namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

void append_escaped(std::string& out, unsigned char c) {
    out += '%';
    out += kHexDigits[c >> 4];
    out += kHexDigits[c & 15];
}

bool is_unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

}  // namespace

std::string safe_header_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (unsigned char c : value) {
        // Horizontal tab is allowed inside a field value (RFC 9110 5.5); nothing else below space.
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            append_escaped(out, c);
        else
            out += static_cast<char>(c);
    }
    return out;
}

std::string safe_location(std::string_view location) {
    std::string out;
    out.reserve(location.size());
    for (unsigned char c : location) {
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
            c == '`' || c == '{' || c == '|' || c == '}') {
            append_escaped(out, c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string content_disposition(std::string_view type, std::string_view filename) {
    std::string fallback, encoded;
    for (unsigned char c : filename) {
        fallback += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%')
                        ? static_cast<char>(c)
                        : '_';
        if (is_unreserved(c))
            encoded += static_cast<char>(c);
        else
            append_escaped(encoded, c);
    }
    return std::string(type) + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

std::string percent_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (is_unreserved(c))
            out += static_cast<char>(c);
        else
            append_escaped(out, c);
    }
    return out;
}

Result<void> parse_target(Request& request) {
    const auto target = request.raw.target();
    auto parsed = boost::urls::parse_origin_form({target.data(), target.size()});
    const Error bad_request =
        Error::make(ErrorCode::invalid_input, "The address of this request is not valid.");
    if (!parsed) return std::unexpected(bad_request);
    const Error bad_text =
        Error::make(ErrorCode::invalid_input, "The request contains text that is not valid UTF-8.");
    request.path = parsed->path();
    if (!is_valid_utf8(request.path)) return std::unexpected(bad_text);
    for (auto segment : parsed->segments()) request.segments.push_back(std::string(segment));
    // "/a/" and "/a" name the same page; a trailing empty segment is dropped.
    if (!request.segments.empty() && request.segments.back().empty()) request.segments.pop_back();
    for (const auto& segment : request.segments) {
        if (!is_valid_utf8(segment) || segment.find('\0') != std::string::npos) {
            return std::unexpected(bad_text);
        }
    }
    if (parsed->has_query()) {
        auto query = decode_form(parsed->encoded_query());
        if (!query) return std::unexpected(bad_request);
        request.query = std::move(*query);
    }
    for (const auto& [key, value] : request.query) {
        if (!is_valid_utf8(key) || !is_valid_utf8(value) || value.find('\0') != std::string::npos) {
            return std::unexpected(bad_text);
        }
    }
    for (const auto& [key, value] : request.form()) {
        if (!is_valid_utf8(key) || !is_valid_utf8(value) || value.find('\0') != std::string::npos) {
            return std::unexpected(bad_text);
        }
    }
    return {};
}

std::string encode_form(const Params& pairs) {
    std::string out;
    for (const auto& [key, value] : pairs) {
        if (!out.empty()) out += '&';
        out += percent_encode(key);
        out += '=';
        out += percent_encode(value);
    }
    return out;
}

}  // namespace skirosim::http
