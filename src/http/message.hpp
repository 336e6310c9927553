// The request a handler reads and the response it returns: handlers never touch the socket.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/value.hpp>

#include <any>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/language.hpp"

namespace skirosim::http {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Request {
    boost::beast::http::request<boost::beast::http::string_body> raw;
    boost::beast::http::verb method = boost::beast::http::verb::get;
    std::string path;                   // decoded, without the query
    std::vector<std::string> segments;  // decoded path segments
    Params query;                       // decoded query parameters, in order
    std::map<std::string, std::string, std::less<>> path_params;  // from the route pattern
    std::string remote_address;  // the visitor: the peer, or what a trusted proxy says of it
    std::string peer_address;    // the other end of the TCP connection
    bool forwarded = false;      // the request came through a proxy (it sent X-Forwarded-For)
    std::string request_id;
    Language language = kDefaultLanguage;  // from the path prefix, else Accept-Language

    std::string_view header(std::string_view name) const;
    // The first value of a query parameter.
    std::optional<std::string> query_param(std::string_view name) const;
    std::string path_param(std::string_view name) const;
    // application/x-www-form-urlencoded body, decoded (empty for other content types).
    const Params& form() const;
    std::optional<std::string> form_param(std::string_view name) const;
    bool is_api() const { return path.starts_with("/api/"); }
    // The Cookie header's pairs.
    const std::map<std::string, std::string, std::less<>>& cookies() const;
    std::optional<std::string> cookie(std::string_view name) const;

    // What the layers above put on a request for the handlers and views (the signed-in person,
    // the form token), one value of each type; http itself knows none of them.
    template <typename T>
    void attach(T value) {
        attachments_[std::type_index(typeid(T))] = std::move(value);
    }
    template <typename T>
    const T* attached() const {
        auto it = attachments_.find(std::type_index(typeid(T)));
        return it == attachments_.end() ? nullptr : std::any_cast<T>(&it->second);
    }

    mutable std::optional<Params> form_cache;
    mutable std::optional<std::map<std::string, std::string, std::less<>>> cookie_cache;

private:
    std::map<std::type_index, std::any> attachments_;
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    static Response html(std::string body, int status = 200);
    static Response json(const boost::json::value& value, int status = 200);
    static Response text(std::string body, std::string content_type = "text/plain; charset=utf-8",
                         int status = 200);
    // 303 after a form post, 302 for a plain move.
    static Response redirect(std::string location, int status = 302);

    Response& header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    // Set-Cookie, HttpOnly and SameSite=Lax always; max_age 0 deletes the cookie.
    Response& cookie(const std::string& name, const std::string& value, long long max_age_seconds,
                     bool secure);
};

// The HTTP status that answers an expected failure (a unique violation is a 409, and so on).
int http_status(ErrorCode code);

// Every header value we send passes through this: CR, LF, NUL and the other control characters
// become %XX, so that nothing a request carried can end a header or start another one.
std::string safe_header_value(std::string_view value);
// A Location: what safe_header_value does, and spaces, non-ASCII bytes and the other characters a
// URI may not hold percent-encoded.
std::string safe_location(std::string_view location);
// `attachment; filename="ascii-fallback"; filename*=UTF-8''…` (RFC 6266, RFC 8187).
std::string content_disposition(std::string_view type, std::string_view filename);
// Percent-encodes everything but RFC 3986's unreserved characters: a query value, a segment.
std::string percent_encode(std::string_view text);

// Fills path, segments and query from the raw request's target; refuses a malformed target and
// text that is not UTF-8 (also in the form body).
Result<void> parse_target(Request& request);

// Decodes application/x-www-form-urlencoded or a query string; nullopt when malformed.
std::optional<Params> decode_form(std::string_view encoded);
// The other way: pairs as a form body or query string ("a=b%20c&d=e").
std::string encode_form(const Params& pairs);

}  // namespace skirosim::http
