// Routes by method and path pattern ("/{lang}/guide/{item}", "/static/{*path}").
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace skirosim::http {

using Handler = std::function<Result<Response>(Request&)>;

// Where a handler runs: in-memory work may answer on the I/O thread; anything that can block
// (the database, files) runs on the worker pool so that it never stalls other connections.
enum class Execution { io_thread, worker };

struct Route {
    boost::beast::http::verb method;
    std::string pattern;
    std::vector<std::string> parts;  // "{name}" captures one segment, "{*name}" the rest
    Handler handler;
    Execution execution = Execution::worker;
};

struct RouteMatch {
    const Route* route = nullptr;
    bool method_not_allowed = false;  // the path exists with another method
    std::vector<boost::beast::http::verb> allowed;
};

class Router {
public:
    void add(boost::beast::http::verb method, std::string pattern, Handler handler,
             Execution execution = Execution::worker);
    void get(std::string pattern, Handler handler, Execution execution = Execution::worker) {
        add(boost::beast::http::verb::get, std::move(pattern), std::move(handler), execution);
    }
    void post(std::string pattern, Handler handler) {
        add(boost::beast::http::verb::post, std::move(pattern), std::move(handler));
    }

    // Fills request.path_params on a match. HEAD is served by the GET route.
    RouteMatch match(Request& request) const;

private:
    std::vector<Route> routes_;
};

}  // namespace skirosim::http
