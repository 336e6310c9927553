// From a parsed request to its response, without a socket: the target, the language, the route,
// the middleware and the handler, and errors turned into pages. The server runs this for every
// request; tests run it in-process.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/router.hpp"

namespace skirosim::http {

// Turns an error into the page or JSON a person sees, in their language.
using ErrorRenderer = std::function<Response(const Request&, const Error&)>;
// Sets request.language before routing (path prefix or Accept-Language).
using LanguageResolver = std::function<void(Request&)>;
// Wraps every handler that runs on the worker pool (sessions, CSRF): it may answer itself or
// call the handler.
using Middleware = std::function<Result<Response>(Request&, const Handler&)>;

class Dispatcher {
public:
    Dispatcher(const Router& router, ErrorRenderer render_error, LanguageResolver resolve_language,
               Middleware middleware = {});

    struct Routed {
        const Route* route = nullptr;    // to run (on the thread its execution asks for)
        std::optional<Response> answer;  // or the answer already (a bad target, 404, 405)
        std::string route_name;          // for metrics and the access log
    };
    // Fills path, segments, query, language and path parameters.
    Routed route(Request& request) const;
    // The middleware and the handler; an error or an exception becomes its page.
    Response run(const Route& route, Request& request) const;
    // Both, here and now (in-process tests).
    Response handle(Request& request) const;

    const ErrorRenderer& render_error() const { return render_error_; }
    const LanguageResolver& resolve_language() const { return resolve_language_; }

private:
    const Router& router_;
    ErrorRenderer render_error_;
    LanguageResolver resolve_language_;
    Middleware middleware_;
};

}  // namespace skirosim::http
