#include "site/language_memory.hpp"

namespace skirosim::site {

namespace {
constexpr long long kRememberedFor = 365LL * 24 * 3600;
}  // namespace

http::Middleware remember_language(bool secure_cookies) {
    return [secure_cookies](http::Request& request,
                            const http::Handler& handler) -> Result<http::Response> {
        auto response = handler(request);
        if (!response || response->status != 200 ||
            request.method != boost::beast::http::verb::get || request.segments.empty())
            return response;
        const auto page_language = parse_language(request.segments[0]);
        if (!page_language) return response;  // static files, the API, "/"
        const auto remembered = request.cookie(kLanguageCookie);
        if (remembered && parse_language(*remembered) == page_language) return response;
        response->cookie(kLanguageCookie, std::string(code(*page_language)), kRememberedFor,
                         secure_cookies);
        return response;
    };
}

Language opening_language(const http::Request& request) {
    if (const auto remembered = request.cookie(kLanguageCookie)) {
        if (const auto language = parse_language(*remembered)) return *language;
    }
    return negotiate_language(request.header("Accept-Language"));
}

}  // namespace skirosim::site
