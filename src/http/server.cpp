// Beast coroutine server. One strand per connection on a multi-threaded io_context; handlers
// that may block are co_spawned onto a separate worker pool and awaited, so a slow database call
// never holds an I/O thread.
#include "http/server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/url/parse.hpp>

#include <cctype>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/utf8.hpp"

namespace skirosim::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);

std::string json_string(std::string_view text) {
    return boost::json::serialize(boost::json::string(text));
}

}  // namespace

struct Connection {
    beast::tcp_stream* stream = nullptr;
    net::any_io_executor executor;
    std::atomic<bool> busy{false};
};

struct Server::Impl {
    ServerOptions options;
    const Dispatcher& dispatcher;
    Metrics& metrics;

    net::io_context ioc;
    net::thread_pool workers;
    tcp::acceptor acceptor;
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::set<std::shared_ptr<Connection>> connections;
    std::atomic<std::uint64_t> request_counter{0};
    std::string id_prefix;
    std::unique_ptr<net::steady_timer> grace_timer;

    Impl(ServerOptions opts, const Dispatcher& d, Metrics& m)
        : options(std::move(opts)),
          dispatcher(d),
          metrics(m),
          ioc(static_cast<int>(options.io_threads)),
          workers(options.worker_threads),
          acceptor(ioc) {
        std::random_device random;
        id_prefix = fmt::format("{:06x}", random() & 0xffffff);
    }

    std::string next_request_id() {
        return fmt::format("{}-{}", id_prefix, request_counter.fetch_add(1) + 1);
    }

    Response render_error(const Request& request, const Error& error) const {
        return dispatcher.render_error()(request, error);
    }
    void resolve_language(Request& request) const { dispatcher.resolve_language()(request); }

    // Routes and runs one request: in-memory routes here, the rest on the worker pool.
    net::awaitable<Response> handle(Request& request, std::string& route_name) {
        auto routed = dispatcher.route(request);
        route_name = routed.route_name;
        if (routed.answer) co_return std::move(*routed.answer);
        const Route& route = *routed.route;
        if (route.execution == Execution::io_thread) co_return dispatcher.run(route, request);
        co_return co_await net::co_spawn(
            workers,
            [&]() -> net::awaitable<Response> { co_return dispatcher.run(route, request); },
            net::use_awaitable);
    }

    bhttp::response<bhttp::string_body> to_wire(Response&& response, const Request& request,
                                                bool keep_alive) {
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status),
                                                request.raw.version() ? request.raw.version() : 11};
        out.set(bhttp::field::server, "skirosim");
        if (!response.content_type.empty()) {
            out.set(bhttp::field::content_type, safe_header_value(response.content_type));
        }
        // Safe by construction: no header value can carry a line break, whatever a handler put in.
        for (auto& [name, value] : response.headers) out.insert(name, safe_header_value(value));
        if (out.find(bhttp::field::cache_control) == out.end()) {
            out.set(bhttp::field::cache_control, "no-store");
        }
        out.set("Content-Security-Policy", options.content_security_policy);
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "strict-origin-when-cross-origin");
        out.set("X-Frame-Options", "DENY");
        out.set("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
        out.set("X-Request-Id", request.request_id);
        out.keep_alive(keep_alive);
        const std::size_t length = response.body.size();
        if (request.method != bhttp::verb::head) out.body() = std::move(response.body);
        if (response.status == 304 || response.status == 204) {
            out.body().clear();
        } else {
            out.content_length(length);
        }
        return out;
    }

    void log_access(const Request& request, const std::string& route, int status, std::size_t bytes,
                    double seconds) {
        // The path only: queries may hold what a person typed, which is theirs.
        spdlog::info(
            R"({{"request":"{}","remote":{},"via":{},"method":"{}","path":{},"route":{},"status":{},"bytes":{},"ms":{:.3f}}})",
            request.request_id, json_string(request.remote_address),
            json_string(request.forwarded ? request.peer_address : std::string()),
            std::string(bhttp::to_string(request.method)), json_string(request.path),
            json_string(route), status, bytes, seconds * 1000);
    }

    // Sets remote_address to the visitor's address (through a trusted proxy, the one it names).
    void identify_client(Request& request, const bhttp::request_header<>& header) const {
        std::vector<std::string_view> forwarded;
        for (auto [it, end] = header.equal_range("X-Forwarded-For"); it != end; ++it) {
            forwarded.emplace_back(it->value().data(), it->value().size());
        }
        request.forwarded = !forwarded.empty();
        if (forwarded.empty()) return;
        request.remote_address =
            options.trusted_proxies.client_address(request.peer_address, forwarded);
    }

    // RFC 9112: a request with a transfer coding other than a final "chunked" cannot be framed
    // (6.1, 6.3) and one with more or fewer than one Host is invalid (3.2); both get a 400 and
    // the connection is closed, so that no byte of it is read as the next request.
    static const char* framing_problem(const bhttp::request_header<>& header) {
        if (header.version() >= 11 && header.count(bhttp::field::host) != 1)
            return "not exactly one Host header";
        if (header.version() < 11 && header.count(bhttp::field::host) > 1)
            return "more than one Host header";
        if (header.count(bhttp::field::transfer_encoding) == 0) return nullptr;
        std::string codings;
        for (auto [it, end] = header.equal_range(bhttp::field::transfer_encoding); it != end;
             ++it) {
            if (!codings.empty()) codings += ',';
            codings.append(it->value().data(), it->value().size());
        }
        std::string normalised;
        for (char c : codings) {
            if (c != ' ' && c != '\t')
                normalised += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (normalised != "chunked") return "a transfer coding other than chunked alone";
        return nullptr;
    }

    // An answer for a request that could not be read (limits, malformed, timeout).
    net::awaitable<void> reject(beast::tcp_stream& stream, Request& request, ErrorCode code,
                                int status, std::string message) {
        Response response = render_error(request, Error::make(code, std::move(message)));
        response.status = status;
        auto out = to_wire(std::move(response), request, false);
        stream.expires_after(std::chrono::seconds(5));
        metrics.record("rejected", status, 0);
        co_await bhttp::async_write(stream, out, kAsTuple);
        log_access(request, "rejected", status, out.body().size(), 0);
        // A client still sending its body would get a reset and never read our answer: stop
        // our side, then read and drop what it sends for a moment (a "lingering close").
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16384> sink;
        std::size_t drained = 0;
        while (drained < 16 * options.body_limit) {
            auto [ec, n] = co_await stream.async_read_some(net::buffer(sink), kAsTuple);
            if (ec) break;
            drained += n;
        }
    }

    net::awaitable<void> session(std::shared_ptr<Connection> connection, tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        connection->stream = &stream;
        beast::flat_buffer buffer;
        boost::system::error_code endpoint_error;
        const auto endpoint = stream.socket().remote_endpoint(endpoint_error);
        const std::string remote = endpoint_error ? "" : endpoint.address().to_string();

        while (!stopping) {
            connection->busy = false;
            if (buffer.size() == 0) {
                // Idle: wait for the first byte of the next request.
                stream.expires_after(options.idle_timeout);
                auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kAsTuple);
                if (ec) break;
                buffer.commit(n);
            }
            connection->busy = true;
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
            parser.body_limit(options.body_limit);
            stream.expires_after(options.read_timeout);
            // The header first: what it says about framing is checked before any body is read.
            auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kAsTuple);
            Request request;
            request.peer_address = remote;
            request.remote_address = remote;
            request.request_id = next_request_id();
            if (!ec) {
                identify_client(request, parser.get());
                if (const char* problem = framing_problem(parser.get())) {
                    request.raw.base() = parser.get().base();
                    request.method = request.raw.method();
                    (void)parse_target(request);
                    resolve_language(request);
                    spdlog::warn("request {} refused: {}", request.request_id, problem);
                    co_await reject(stream, request, ErrorCode::invalid_input, 400,
                                    "The request is malformed.");
                    break;
                }
                if (!parser.is_done()) {
                    auto [body_error, body_bytes] =
                        co_await bhttp::async_read(stream, buffer, parser, kAsTuple);
                    ec = body_error;
                }
            }
            if (ec) {
                // The fields read so far tell the language and format of the answer (Beast
                // reports a too-long Content-Length before it counts the header as done).
                request.raw.base() = parser.get().base();
                request.method = request.raw.method();
                (void)parse_target(request);
                resolve_language(request);
                if (ec == bhttp::error::body_limit) {
                    co_await reject(stream, request, ErrorCode::too_large, 413,
                                    "The request is too large.");
                } else if (ec == bhttp::error::header_limit) {
                    co_await reject(stream, request, ErrorCode::too_large, 431,
                                    "The request headers are too large.");
                } else if (ec == beast::error::timeout) {
                    // Beast's tcp_stream has closed the socket: nothing more can be said.
                    metrics.record("timeout", 408, 0);
                    log_access(request, "timeout", 408, 0, 0);
                } else if (ec.category() ==
                               bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
                           ec != bhttp::error::end_of_stream &&
                           ec != bhttp::error::partial_message) {
                    co_await reject(stream, request, ErrorCode::invalid_input, 400,
                                    "The request is malformed.");
                }
                break;
            }
            request.raw = parser.release();
            request.method = request.raw.method();
            const auto started = Clock::now();
            std::string route_name = "unmatched";
            Response response = co_await handle(request, route_name);
            const int status = response.status;
            const bool keep_alive = request.raw.keep_alive() && !stopping;
            auto out = to_wire(std::move(response), request, keep_alive);
            const std::size_t bytes = out.body().size();
            // Counted before the answer leaves, so that a client's next request sees it.
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            metrics.record(route_name, status, seconds);
            stream.expires_after(options.read_timeout);
            auto [write_error, written] = co_await bhttp::async_write(stream, out, kAsTuple);
            log_access(request, route_name, status, bytes, seconds);
            if (write_error || !keep_alive) break;
        }
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        connection->stream = nullptr;
        forget(connection);
    }

    void forget(const std::shared_ptr<Connection>& connection) {
        bool last = false;
        {
            std::lock_guard lock(mutex);
            connections.erase(connection);
            last = connections.empty();
        }
        if (last && stopping) ioc.stop();
    }

    net::awaitable<void> accept_loop() {
        while (!stopping) {
            auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), kAsTuple);
            if (ec) {
                if (ec == net::error::operation_aborted || stopping) co_return;
                spdlog::warn("accept failed: {}", ec.message());
                continue;
            }
            auto connection = std::make_shared<Connection>();
            connection->executor = socket.get_executor();
            {
                std::lock_guard lock(mutex);
                connections.insert(connection);
            }
            auto executor = socket.get_executor();
            net::co_spawn(executor, session(connection, std::move(socket)), net::detached);
        }
    }

    // Stops accepting, closes idle connections, lets busy ones finish their request.
    void begin_shutdown() {
        if (stopping.exchange(true)) return;
        spdlog::info("shutting down: finishing requests in flight");
        boost::system::error_code ignored;
        acceptor.close(ignored);
        std::vector<std::shared_ptr<Connection>> open;
        {
            std::lock_guard lock(mutex);
            open.assign(connections.begin(), connections.end());
        }
        if (open.empty()) {
            ioc.stop();
            return;
        }
        for (const auto& connection : open) {
            net::post(connection->executor, [connection] {
                if (!connection->busy && connection->stream) connection->stream->cancel();
            });
        }
        grace_timer = std::make_unique<net::steady_timer>(ioc, options.shutdown_grace);
        grace_timer->async_wait([this](boost::system::error_code ec) {
            if (!ec) {
                spdlog::warn("shutdown grace period over; closing remaining connections");
                ioc.stop();
            }
        });
    }
};

Server::Server(ServerOptions options, const Dispatcher& dispatcher, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher, metrics)) {}

Server::~Server() { impl_->workers.join(); }

void Server::listen() {
    auto& acceptor = impl_->acceptor;
    const tcp::endpoint endpoint(net::ip::make_address(impl_->options.address),
                                 impl_->options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run(bool handle_signals) {
    Impl& impl = *impl_;
    if (!impl.acceptor.is_open()) listen();
    net::co_spawn(impl.ioc, impl.accept_loop(), net::detached);
    std::unique_ptr<net::signal_set> signals;
    if (handle_signals) {
        signals = std::make_unique<net::signal_set>(impl.ioc, SIGINT, SIGTERM);
        signals->async_wait([&impl](boost::system::error_code ec, int) {
            if (!ec) impl.begin_shutdown();
        });
    }
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < impl.options.io_threads; ++i) {
        threads.emplace_back([&impl] { impl.ioc.run(); });
    }
    impl.ioc.run();
    for (auto& thread : threads) thread.join();
    spdlog::info("server stopped");
}

void Server::stop() {
    net::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

}  // namespace skirosim::http
