// The in-process client: the same parse, routing, middleware and handler as over a socket.
#include "support/in_process.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>

#include "http/message.hpp"

namespace skirosim::testing {

InProcess::InProcess(const std::string& backend)
    : app_(std::make_unique<app::Application>(
          TestServer::default_options(loaded_database_url(backend)))) {}

InProcess::~InProcess() = default;

HttpResult InProcess::request(const std::string& method, const std::string& target,
                              const std::string& body, const Headers& headers) const {
    static std::atomic<long long> counter{0};
    http::Request request;
    request.raw = make_request(method, target, body, headers);
    request.method = request.raw.method();
    request.peer_address = request.remote_address = source_.empty() ? "127.0.0.1" : source_;
    request.request_id = "in-process-" + std::to_string(++counter);
    http::Response response = app_->handle(request);

    HttpResult result;
    result.status = response.status;
    result.headers["content-type"] = response.content_type;
    for (const auto& [name, value] : response.headers) {
        std::string key = name;
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        auto& slot = result.headers[key];
        slot += slot.empty() ? value : ", " + value;  // folded as a client sees repeated headers
    }
    result.body = std::move(response.body);
    return result;
}

}  // namespace skirosim::testing
