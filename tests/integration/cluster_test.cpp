// The way the project grows past one machine: PostgreSQL, two `skirosim serve` processes and nginx
// in front of them on loopback. A session made through one server works on the other; a catalogue
// change made on one is searchable on the other within a second (LISTEN/NOTIFY: the servers' own
// polling is set to a minute here); registrations for a full activity through both servers at
// once never exceed its capacity.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "storage/database.hpp"
#include "support/browser.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

// Sanitizer builds run several times slower: a time limit that a test asserts is multiplied by
// this, so that it still says "fast enough" in the normal build and catches only memory errors
// and undefined behaviour in the sanitizer run.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kSlowdown = 5;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr int kSlowdown = 5;
#else
inline constexpr int kSlowdown = 1;
#endif
#else
inline constexpr int kSlowdown = 1;
#endif

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// nginx as a reverse proxy over the given app servers, round robin, on a free port.
class Nginx {
public:
    explicit Nginx(const std::vector<unsigned short>& upstreams) : dir_(fresh_test_directory()) {
        fs::create_directories(dir_ + "/logs");
        port_ = free_port();
        std::ofstream conf(dir_ + "/nginx.conf");
        conf << "worker_processes 1;\npid " << dir_ << "/nginx.pid;\nerror_log " << dir_
             << "/logs/error.log;\n"
             << (geteuid() == 0 ? "user root root;\n" : "")
             << "events { worker_connections 1024; }\n"
             << "http {\n  access_log off;\n  client_body_temp_path " << dir_ << "/body;\n"
             << "  proxy_temp_path " << dir_ << "/proxy;\n  upstream skirosim {\n";
        for (auto port : upstreams) conf << "    server 127.0.0.1:" << port << ";\n";
        conf << "    keepalive 16;\n  }\n  server {\n    listen 127.0.0.1:" << port_ << ";\n"
             << "    location / {\n      proxy_pass http://skirosim;\n      proxy_http_version "
                "1.1;\n"
             << "      proxy_set_header Connection \"\";\n      proxy_set_header Host $host;\n"
             << "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    }\n  "
                "}\n}\n";
        conf.close();
        auto started =
            run_command(nginx_binary() + " -p " + dir_ + " -c " + dir_ + "/nginx.conf 2>&1");
        ok_ = started.exit_code == 0;
        output_ = started.output;
        for (int i = 0; i < 50 && ok_ && !fs::exists(dir_ + "/nginx.pid"); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    ~Nginx() {
        if (ok_)
            run_command(nginx_binary() + " -p " + dir_ + " -c " + dir_ +
                        "/nginx.conf -s stop 2>&1");
    }
    bool ok() const { return ok_; }
    const std::string& output() const { return output_; }
    unsigned short port() const { return port_; }

    static std::string nginx_binary() {
        for (const char* path : {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
            if (fs::exists(path)) return path;
        }
        return "";
    }

private:
    static unsigned short free_port() {
        boost::asio::io_context io;
        boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
        return probe.local_endpoint().port();
    }
    std::string dir_, output_;
    unsigned short port_ = 0;
    bool ok_ = false;
};

class Cluster : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::getenv("SKIROSIM_TEST_POSTGRES"))
            GTEST_SKIP() << "needs PostgreSQL (scripts/test.sh starts one)";
        ASSERT_FALSE(Nginx::nginx_binary().empty()) << "nginx is part of the test dependencies";
        url_ = fresh_database_url("postgresql");
        // The first server migrates and loads the data; the second joins the same database.
        // nginx connects from 127.0.0.1: that one address is the proxy; visitors come from
        // 127.0.0.2, 127.0.0.3… (all loopback on Linux) and nginx passes their address on.
        const std::vector<std::string> args{"--catalogue-poll-ms", "60000", "--insecure-cookies",
                                            "--trusted-proxy", "127.0.0.1/32"};
        first_ = std::make_unique<ServerProcess>(url_, args);
        second_ = std::make_unique<ServerProcess>(url_, args);
        nginx_ =
            std::make_unique<Nginx>(std::vector<unsigned short>{first_->port(), second_->port()});
        ASSERT_TRUE(nginx_->ok()) << nginx_->output();
        auto created = run_command(
            "echo 'coord password' | " + binary() + " --database '" + url_ +
            "' add-account coord@example.org --name Koordinatore --role coordinator 2>&1");
        ASSERT_EQ(created.exit_code, 0) << created.output;
    }
    std::string url_;
    std::unique_ptr<ServerProcess> first_, second_;
    std::unique_ptr<Nginx> nginx_;
};

TEST_F(Cluster, ASessionMadeOnOneServerWorksOnTheOther) {
    HttpClient a(first_->port()), b(second_->port());
    Browser on_a(a);
    on_a.get("/lv/login");
    auto in =
        on_a.post("/lv/login", {{"login", "coord@example.org"}, {"password", "coord password"}});
    ASSERT_EQ(in.status, 303) << in.body.substr(0, 300);
    Browser on_b(b);
    on_b.set_cookie("skirosim_session", on_a.cookie("skirosim_session"));
    auto account = on_b.get("/lv/account");
    EXPECT_EQ(account.status, 200);
    EXPECT_THAT(account.body, HasSubstr("Koordinatore"));
    // And through nginx, whichever server answers.
    HttpClient proxy(nginx_->port());
    Browser through(proxy);
    through.set_cookie("skirosim_session", on_a.cookie("skirosim_session"));
    for (int i = 0; i < 4; ++i) EXPECT_EQ(through.get("/lv/account").status, 200);
}

TEST_F(Cluster, ACatalogueChangeOnOneServerIsSearchableOnTheOtherWithinASecond) {
    HttpClient a(first_->port()), b(second_->port());
    auto top = [](const HttpClient& server, const std::string& query) {
        auto results =
            boost::json::parse(server.get("/api/v1/search?lang=lv&q=" + query).body).at("results");
        return results.as_array().empty() ? std::string()
                                          : std::string(results.at(0).at("item").as_string());
    };
    ASSERT_NE(top(b, "zorbakumulators"), "battery");
    Browser coordinator(a);
    coordinator.get("/lv/login");
    ASSERT_EQ(
        coordinator
            .post("/lv/login", {{"login", "coord@example.org"}, {"password", "coord password"}})
            .status,
        303);
    coordinator.get("/lv/coordinator/misses");
    const auto before = std::chrono::steady_clock::now();
    ASSERT_EQ(coordinator
                  .post("/lv/coordinator/misses/synonym",
                        {{"query", "zorbakumulators"}, {"language", "lv"}, {"item", "battery"}})
                  .status,
              303);
    EXPECT_EQ(top(a, "zorbakumulators"), "battery");  // at once where it was made
    std::string on_b;
    while (on_b != "battery" &&
           std::chrono::steady_clock::now() - before < kSlowdown * std::chrono::seconds(3)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        on_b = top(b, "zorbakumulators");
    }
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_EQ(on_b, "battery");
    EXPECT_LT(took, kSlowdown * std::chrono::seconds(1))
        << "the other server must hear of the change, not wait for its poll";
}

TEST_F(Cluster, AFullActivityTakesNoMoreThanItsPlacesThroughBothServers) {
    auto url = storage::DatabaseUrl::parse(url_);
    storage::Database db(*url, 1);
    auto id = db.read<long long>([](soci::session& sql) -> Result<long long> {
        long long v = 0;
        sql << "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'",
            soci::into(v);
        return v;
    });
    ASSERT_TRUE(id && *id > 0);
    const std::string target = "/lv/activities/" + std::to_string(*id);
    HttpClient proxy(nginx_->port());
    std::atomic<int> answered{0};
    std::vector<std::future<void>> people;
    for (int i = 0; i < 60; ++i) {
        people.push_back(std::async(std::launch::async, [&, i] {
            Browser person(proxy);
            person.get(target);
            auto r = person.post(target + "/register",
                                 {{"name", "Person " + std::to_string(i)},
                                  {"contact", "p" + std::to_string(i) + "@example.org"}});
            if (r.status == 200) ++answered;
        }));
    }
    for (auto& p : people) p.get();
    EXPECT_EQ(answered.load(), 60);
    auto confirmed = db.read<long long>([&](soci::session& sql) -> Result<long long> {
        long long v = 0;
        sql << "SELECT COALESCE(SUM(adults + children), 0) FROM registrations WHERE activity_id = "
               ":a AND "
               "status = 'confirmed'",
            soci::use(*id), soci::into(v);
        return v;
    });
    EXPECT_EQ(confirmed.value_or(-1), 20);
    // Both servers took part.
    auto served = [](const ServerProcess& server) {
        std::ifstream log(server.log_path());
        std::string line;
        int posts = 0;
        while (std::getline(log, line))
            posts += line.find("\"method\":\"POST\"") != std::string::npos;
        return posts;
    };
    EXPECT_GT(served(*first_), 0);
    EXPECT_GT(served(*second_), 0);
}

// Behind nginx every connection comes from 127.0.0.1; with the proxy trusted, each visitor is
// counted by the address nginx saw, so one visitor's guessing does not lock out the next.
TEST_F(Cluster, OneVisitorsFailedLogInsDoNotLockOutAnotherBehindTheProxy) {
    HttpClient attacker_client(nginx_->port()), resident_client(nginx_->port());
    attacker_client.set_source_address("127.0.0.2");
    resident_client.set_source_address("127.0.0.3");
    for (int i = 0; i < 20; ++i) {
        Browser attacker(attacker_client);
        attacker.get("/lv/login");
        EXPECT_EQ(attacker
                      .post("/lv/login", {{"login", "user" + std::to_string(i) + "@example.org"},
                                          {"password", "guess"}})
                      .status,
                  400);
    }
    Browser attacker(attacker_client);
    attacker.get("/lv/login");
    EXPECT_EQ(
        attacker.post("/lv/login", {{"login", "coord@example.org"}, {"password", "coord password"}})
            .status,
        429);
    Browser resident(resident_client);
    resident.get("/lv/login");
    EXPECT_EQ(
        resident.post("/lv/login", {{"login", "coord@example.org"}, {"password", "coord password"}})
            .status,
        303);
    // The access log names the visitor and the proxy it came through.
    std::ifstream log(first_->log_path());
    const std::string text((std::istreambuf_iterator<char>(log)), {});
    EXPECT_THAT(text, HasSubstr(R"("remote":"127.0.0.2","via":"127.0.0.1")"));
}

}  // namespace
}  // namespace skirosim::testing
