// The HTTP server: Beast coroutine sessions on a few I/O threads, a worker pool for handlers
// that may block, limits and timeouts, security headers, access log, metrics and graceful
// shutdown.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "http/client_address.hpp"
#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace skirosim::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  // 0: an ephemeral port (tests)
    unsigned io_threads = 2;
    unsigned worker_threads = 8;
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::chrono::milliseconds read_timeout{15'000};  // a whole request must arrive in this time
    std::chrono::milliseconds idle_timeout{60'000};  // a kept-alive connection may idle this long
    std::chrono::milliseconds shutdown_grace{10'000};
    // Proxies whose X-Forwarded-For is believed (none by default: every peer is the visitor).
    TrustedProxies trusted_proxies;
    std::string content_security_policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
};

class Server {
public:
    Server(ServerOptions options, const Dispatcher& dispatcher, Metrics& metrics);
    ~Server();

    // Binds the listening socket; after this, port() is the real port.
    void listen();
    unsigned short port() const;
    // Serves until stop() or SIGINT/SIGTERM; in-flight requests finish first.
    void run(bool handle_signals = true);
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace skirosim::http
