// Test server and a small synchronous Beast client.
#include "support/test_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <fcntl.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/test_env.hpp"

namespace skirosim::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
namespace fs = std::filesystem;

app::Options TestServer::default_options(const std::string& database_url) {
    app::Options options;
    options.database = database_url;
    options.resources = source_dir();
    options.locale_dir = locale_dir();
    options.profile = test_profile();
    options.pool_size = 4;
    // Tests call the reminders and the retention job directly and count what they did;
    // the server's own run at start would race them (seen under AddressSanitizer).
    options.run_chores = false;
    // Tests change the database directly and look at once; one test turns the cache on.
    options.page_cache = std::chrono::milliseconds(0);
    // Tests make hundreds of accounts: the cheapest hash libsodium allows (one test checks the
    // production cost, security_test.cpp), and guests from 127.0.0.1 without the limits that
    // their own tests (security_test.cpp) set back to what a server has.
    options.accounts.password_cost = accounts::PasswordCost::cheapest();
    options.accounts.sign_ups_per_address.events = 100000;
    options.activities.guests.per_address.events = 100000;
    options.activities.guests.per_contact.events = 100000;
    // Every test starts at the same moment, whatever the machine's date.
    options.clock_start = test_moment();
    return options;
}

namespace {

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// What a database made from the profile depends on: the migrations, the profile and the code
// that reads them (this test binary).
std::string template_key() {
    std::string all;
    std::vector<fs::path> files;
    for (const auto& dir : {fs::path(source_dir()) / "migrations", fs::path(test_profile())}) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) all += f.string() + file_text(f);
    std::error_code ec;
    const auto self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) all += std::to_string(fs::last_write_time(self, ec).time_since_epoch().count());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(all));
    return hex;
}

// Holds a lock file while the template is made: the test processes of one run share it.
class FileLock {
public:
    explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR, 0644)) {
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~FileLock() {
        if (fd_ >= 0) ::close(fd_);
    }

private:
    int fd_;
};

void make_template(const std::string& url) {
    auto options = TestServer::default_options(url);
    options.run_chores = false;
    app::Application application(options);
}

}  // namespace

std::string loaded_database_url(const std::string& backend) {
    const std::string key = template_key();
    const fs::path dir = fs::temp_directory_path() / "skirosim-tests";
    fs::create_directories(dir);
    FileLock lock((dir / ("template-" + key + ".lock")).string());
    if (backend == "sqlite") {
        const fs::path made = dir / ("template-" + key + ".db");
        if (!fs::exists(made)) {
            const fs::path building = dir / ("template-" + key + "-building.db");
            fs::remove(building);
            make_template("sqlite:" + building.string());
            fs::rename(building, made);
        }
        const std::string copy = temp_sqlite_url();
        fs::copy_file(made, copy.substr(7));
        return copy;
    }
    // PostgreSQL copies a database with CREATE DATABASE … TEMPLATE.
    const std::string server = std::getenv("SKIROSIM_TEST_POSTGRES");
    auto url = storage::DatabaseUrl::parse(server);
    if (!url) throw std::runtime_error("bad SKIROSIM_TEST_POSTGRES: " + server);
    const std::string template_name = "template_" + key;
    auto database_url = [&](const std::string& name) {
        auto slash = server.rfind('/');
        auto query = server.find('?', slash);
        return server.substr(0, slash + 1) + name +
               (query == std::string::npos ? "" : server.substr(query));
    };
    soci::session admin(soci::postgresql, url->connect_string);
    int exists = 0;
    admin << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(template_name),
        soci::into(exists);
    if (!exists) {
        const std::string building = template_name + "_building";
        admin << "DROP DATABASE IF EXISTS " + building;  // generated identifiers, not user input
        admin << "CREATE DATABASE " + building;
        make_template(database_url(building));
        admin << "ALTER DATABASE " + building + " RENAME TO " + template_name;
    }
    const std::string name =
        "t" + key.substr(0, 6) + "_" + fs::path(temp_sqlite_url()).stem().string();
    admin << "CREATE DATABASE " + name + " TEMPLATE " + template_name;
    return database_url(name);
}

TestServer::TestServer(const std::string& backend, http::ServerOptions server_options, bool empty)
    : options_(
          default_options(empty ? fresh_database_url(backend) : loaded_database_url(backend))) {
    options_.empty = empty;
    start(std::move(server_options));
}

TestServer::TestServer(app::Options options, http::ServerOptions server_options)
    : options_(std::move(options)) {
    start(std::move(server_options));
}

void TestServer::start(http::ServerOptions server_options) {
    app_ = std::make_unique<app::Application>(options_);
    server_options.address = "127.0.0.1";
    server_options.port = 0;
    server_options.io_threads = 2;
    server_options.worker_threads = 4;
    auto& server = app_->server(server_options);
    server.listen();
    port_ = server.port();
    thread_ = std::thread([&server] { server.run(false); });
}

TestServer::~TestServer() {
    if (app_) {
        // Stop the server that start() created; the Application owns it.
        app_->server_if_running()->stop();
    }
    if (thread_.joinable()) thread_.join();
}

namespace {

HttpResult to_result(bhttp::response<bhttp::string_body>&& response) {
    HttpResult result;
    result.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        auto& slot = result.headers[name];
        slot += slot.empty() ? std::string(field.value()) : ", " + std::string(field.value());
    }
    result.body = std::move(response.body());
    return result;
}

}  // namespace

bhttp::request<bhttp::string_body> make_request(const std::string& method,
                                                const std::string& target, const std::string& body,
                                                const Headers& headers) {
    bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "POST") {
        request.body() = body;
        request.prepare_payload();
    }
    return request;
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body, const Headers& headers) const {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(30));
    if (!source_.empty()) {
        stream.socket().open(tcp::v4());
        stream.socket().bind(tcp::endpoint(net::ip::make_address(source_), 0));
    }
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    auto request = make_request(method, target, body, headers);
    request.keep_alive(false);
    bhttp::write(stream, request);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    bhttp::read(stream, buffer, parser);
    return to_result(parser.release());
}

HttpResult HttpClient::get(const std::string& target, const Headers& headers) const {
    return request("GET", target, "", headers);
}

HttpResult HttpClient::post_form(const std::string& target, const std::string& body,
                                 const Headers& headers) const {
    Headers all = headers;
    all.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return request("POST", target, body, all);
}

std::string TestServer::raw(const std::string& bytes, std::chrono::milliseconds timeout) const {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    stream.expires_after(timeout);
    boost::system::error_code ec;
    net::write(stream.socket(), net::buffer(bytes), ec);
    std::string answer;
    char chunk[4096];
    while (true) {
        stream.expires_after(timeout);
        std::size_t n = stream.read_some(net::buffer(chunk), ec);
        answer.append(chunk, n);
        if (ec) break;
    }
    return answer;
}

struct Connection::Impl {
    net::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    bool open = true;
};

Connection::Connection(unsigned short port) : impl_(std::make_unique<Impl>()) {
    impl_->stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

Connection::~Connection() = default;

HttpResult Connection::get(const std::string& target, const Headers& headers) {
    auto request = make_request("GET", target, "", headers);
    request.keep_alive(true);
    impl_->stream.expires_after(std::chrono::seconds(30));
    bhttp::write(impl_->stream, request);
    bhttp::response<bhttp::string_body> response;
    bhttp::read(impl_->stream, impl_->buffer, response);
    impl_->open = response.keep_alive();
    return to_result(std::move(response));
}

bool Connection::is_open() const { return impl_->open; }

Result<std::vector<platform::OutboxMessage>> TestServer::outbox_to(const std::string& recipient) {
    return app_->database().read<std::vector<platform::OutboxMessage>>(
        [&](soci::session& sql) -> Result<std::vector<platform::OutboxMessage>> {
            return platform::Outbox::to_recipient(sql, recipient);
        });
}

Result<std::vector<platform::OutboxMessage>> TestServer::outbox_newest(int limit) {
    return app_->database().read<std::vector<platform::OutboxMessage>>(
        [&](soci::session& sql) -> Result<std::vector<platform::OutboxMessage>> {
            return platform::Outbox::newest(sql, limit);
        });
}

}  // namespace skirosim::testing
