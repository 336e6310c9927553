// Pattern matching on decoded path segments.
#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace skirosim::http {

namespace {

std::vector<std::string> split_pattern(const std::string& pattern) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    if (pattern.empty() || pattern[0] != '/') {
        throw std::invalid_argument("route pattern must start with '/': " + pattern);
    }
    while (start <= pattern.size()) {
        auto slash = pattern.find('/', start);
        if (slash == std::string::npos) slash = pattern.size();
        parts.push_back(pattern.substr(start, slash - start));
        start = slash + 1;
    }
    if (parts.size() == 1 && parts[0].empty()) parts.clear();  // "/"
    return parts;
}

bool is_capture(const std::string& part) {
    return part.size() > 2 && part.front() == '{' && part.back() == '}';
}

// Matches segments against parts; captures go into params.
bool matches(const Route& route, const std::vector<std::string>& segments,
             std::map<std::string, std::string, std::less<>>& params) {
    params.clear();
    const auto& parts = route.parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        if (is_capture(part) && part[1] == '*') {
            std::string rest;
            for (std::size_t j = i; j < segments.size(); ++j) {
                if (j > i) rest += '/';
                rest += segments[j];
            }
            if (rest.empty()) return false;
            params[part.substr(2, part.size() - 3)] = rest;
            return true;
        }
        if (i >= segments.size()) return false;
        if (is_capture(part)) {
            if (segments[i].empty()) return false;
            params[part.substr(1, part.size() - 2)] = segments[i];
        } else if (part != segments[i]) {
            return false;
        }
    }
    return parts.size() == segments.size();
}

}  // namespace

void Router::add(boost::beast::http::verb method, std::string pattern, Handler handler,
                 Execution execution) {
    Route route{method, pattern, split_pattern(pattern), std::move(handler), execution};
    routes_.push_back(std::move(route));
}

RouteMatch Router::match(Request& request) const {
    using boost::beast::http::verb;
    RouteMatch result;
    const verb wanted = request.method == verb::head ? verb::get : request.method;
    std::map<std::string, std::string, std::less<>> params;
    for (const Route& route : routes_) {
        if (!matches(route, request.segments, params)) continue;
        if (route.method == wanted) {
            result.route = &route;
            result.method_not_allowed = false;
            request.path_params = std::move(params);
            return result;
        }
        result.method_not_allowed = true;
        result.allowed.push_back(route.method);
    }
    return result;
}

}  // namespace skirosim::http
