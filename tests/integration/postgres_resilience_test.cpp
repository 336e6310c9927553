// PostgreSQL going away and coming back, and a slow database call that must not stall
// unrelated requests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <future>
#include <regex>
#include <thread>

#include "storage/database.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;

bool have_postgres() {
    auto all = backends();
    return std::find(all.begin(), all.end(), "postgresql") != all.end();
}

std::string export_value(const std::string& output, const std::string& name) {
    std::smatch m;
    std::regex re(name + "=([^ \\n]+)");
    return std::regex_search(output, m, re) ? m[1].str() : "";
}

// A PostgreSQL server of the test's own, so that stopping it disturbs no other test.
class OwnPostgres {
public:
    OwnPostgres() {
        auto started = run_command(shell_quote(source_dir() + "/scripts/postgres.sh") + " start");
        if (started.exit_code != 0) throw std::runtime_error(started.output);
        dir_ = export_value(started.output, "SKIROSIM_PG_DIR");
        url_ = export_value(started.output, "SKIROSIM_TEST_POSTGRES");
    }
    ~OwnPostgres() { run_command(script() + " stop " + shell_quote(dir_)); }
    const std::string& url() const { return url_; }
    void pause() { EXPECT_EQ(run_command(script() + " pause " + shell_quote(dir_)).exit_code, 0); }
    void resume() {
        EXPECT_EQ(run_command(script() + " resume " + shell_quote(dir_)).exit_code, 0);
    }

private:
    static std::string script() { return shell_quote(source_dir() + "/scripts/postgres.sh"); }
    std::string dir_, url_;
};

TEST(PostgresResilience, AnOutageGives503AndTheServerRecoversByItself) {
    if (!have_postgres()) GTEST_SKIP() << "needs PostgreSQL: run through scripts/test.sh";
    OwnPostgres postgres;
    TestServer server(TestServer::default_options(postgres.url()));
    ASSERT_EQ(server.get("/lv/").status, 200);

    postgres.pause();
    auto page = server.get("/lv/");
    EXPECT_EQ(page.status, 503);
    EXPECT_THAT(page.body,
                HasSubstr("Pašlaik nevaram piekļūt saviem datiem"));  // friendly, in Latvian
    EXPECT_EQ(page.header("retry-after"), "30");
    EXPECT_EQ(server.get("/healthz").status, 503);
    auto api = server.get("/healthz");
    EXPECT_THAT(api.body, HasSubstr("unreachable"));
    EXPECT_EQ(server.get("/static/css/site.css").status, 200);  // the server itself lives on

    postgres.resume();
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) {
        status = server.get("/lv/").status;
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(status, 200);
    EXPECT_EQ(server.get("/healthz").status, 200);
    EXPECT_EQ(server.get("/ru/about").status, 200);
}

TEST(PostgresResilience, ASlowDatabaseCallDoesNotStallOtherRequests) {
    if (!have_postgres()) GTEST_SKIP() << "needs PostgreSQL: run through scripts/test.sh";
    TestServer server("postgresql");
    auto url = storage::DatabaseUrl::parse(server.database_url());
    ASSERT_TRUE(url);
    soci::session blocker(soci::postgresql, url->connect_string);
    blocker.begin();
    blocker << "LOCK TABLE activities IN ACCESS EXCLUSIVE MODE";

    std::vector<std::future<int>> slow;
    for (int i = 0; i < 2; ++i) {
        slow.push_back(std::async(std::launch::async, [&] { return server.get("/en/").status; }));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (const auto& f : slow) {
        EXPECT_EQ(f.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
            << "the home page should be waiting for the lock";
    }
    for (const char* target : {"/static/css/site.css", "/metrics", "/healthz", "/en/about"}) {
        const auto started = std::chrono::steady_clock::now();
        EXPECT_EQ(server.get(target).status, 200) << target;
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1000))
            << target << " waited for an unrelated slow query";
    }
    blocker.commit();
    for (auto& f : slow) EXPECT_EQ(f.get(), 200);
}

}  // namespace
}  // namespace skirosim::testing
