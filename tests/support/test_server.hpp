// Starts the real application and server on an ephemeral port, and speaks real HTTP to it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "accounts/module.hpp"
#include "activities/module.hpp"
#include "app/application.hpp"
#include "guide/module.hpp"
#include "platform/outbox.hpp"

namespace skirosim::testing {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Plain HTTP/1.1 to 127.0.0.1:PORT, a new connection per request (a server, or nginx in front).
class HttpClient {
public:
    explicit HttpClient(unsigned short port = 0) : port_(port) {}
    virtual ~HttpClient() = default;
    unsigned short port() const { return port_; }
    // Connects from this local address (another 127.0.0.x is another visitor to a proxy).
    void set_source_address(std::string address) { source_ = std::move(address); }
    HttpResult get(const std::string& target, const Headers& headers = {}) const;
    HttpResult post_form(const std::string& target, const std::string& body,
                         const Headers& headers = {}) const;
    // Over a socket; the in-process client (support/in_process.hpp) hands it to the router instead.
    virtual HttpResult request(const std::string& method, const std::string& target,
                               const std::string& body, const Headers& headers) const;

protected:
    unsigned short port_ = 0;
    std::string source_;
};

class TestServer : public HttpClient {
public:
    // A fresh database of the given backend ("sqlite" or "postgresql") with the default data.
    explicit TestServer(const std::string& backend, http::ServerOptions server_options = {},
                        bool empty = false);
    explicit TestServer(app::Options options, http::ServerOptions server_options = {});
    ~TestServer();

    app::Application& app() { return *app_; }
    // The capabilities the tests speak to most, and the server's clock.
    accounts::Service& accounts() { return app_->module<accounts::Module>().service(); }
    activities::Service& activities() { return app_->module<activities::Module>().service(); }
    guide::Service& guide() { return app_->module<guide::Module>().service(); }
    std::time_t now() { return app_->platform().now(); }
    const std::string& database_url() const { return options_.database; }
    // What the site has written to the outbox: to one recipient, or the newest `limit` messages.
    Result<std::vector<platform::OutboxMessage>> outbox_to(const std::string& recipient);
    Result<std::vector<platform::OutboxMessage>> outbox_newest(int limit);

    // Sends raw bytes and returns whatever the server answers before closing (or timeout).
    std::string raw(const std::string& bytes,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

    static app::Options default_options(const std::string& database_url);

private:
    void start(http::ServerOptions server_options);
    app::Options options_;
    std::unique_ptr<app::Application> app_;
    std::thread thread_;
};

// The request a client sends: Host, the given headers, the body with its length.
boost::beast::http::request<boost::beast::http::string_body> make_request(const std::string& method,
                                                                          const std::string& target,
                                                                          const std::string& body,
                                                                          const Headers& headers);

// One HTTP/1.1 exchange on an existing connection helper, for keep-alive tests.
// A database with the migrations and the data profile already in it, copied from one made once
// per run (SQLite: a file; PostgreSQL: CREATE DATABASE … TEMPLATE), instead of importing the
// profile for every test.
std::string loaded_database_url(const std::string& backend);

class Connection {
public:
    explicit Connection(unsigned short port);
    ~Connection();
    HttpResult get(const std::string& target, const Headers& headers = {});
    bool is_open() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace skirosim::testing
