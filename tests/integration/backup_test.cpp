// `skirosim backup` copies the SQLite database while the server keeps writing; `skirosim restore`
// puts the copy into a fresh folder, and every write the server had acknowledged before the
// backup began is there, whole. And the server's log, which an operator reads and keeps, names
// accounts by id, never by their e-mail address.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "storage/database.hpp"
#include "support/browser.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

long long number(soci::session& sql, const std::string& query) {
    long long v = 0;
    sql << query, soci::into(v);  // test-only, fixed statements
    return v;
}

TEST(Backup, TakenWhileTheServerWritesAndRestoredIntoAFreshFolderItHoldsEveryAcknowledgedWrite) {
    const std::string dir = fresh_test_directory();
    const std::string live = "sqlite:" + dir + "/live.db";
    ServerProcess server(live);
    long long workshop = 0;
    {
        storage::Database db(*storage::DatabaseUrl::parse(live), 1);
        auto lease = db.lease();
        workshop = number(
            *lease,
            "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'");
    }
    const std::string page = "/en/activities/" + std::to_string(workshop);
    HttpClient client(server.port());
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<bool> stop{false};
    std::atomic<int> sequence{0};
    auto writer = [&] {
        while (!stop) {
            const std::string name = "writer-" + std::to_string(sequence++);
            Browser b(client);
            b.get(page);
            auto r =
                b.post(page + "/register", {{"name", name}, {"contact", name + "@example.org"}});
            if (r.status == 200) {
                std::lock_guard lock(mutex);
                acknowledged.push_back(name);
            }
        }
    };
    std::thread first(writer), second(writer);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    std::set<std::string> before_backup;
    {
        std::lock_guard lock(mutex);
        before_backup.insert(acknowledged.begin(), acknowledged.end());
    }
    auto copied = run_command(skirosim_cli() + " --database " + shell_quote(live) + " backup " +
                              shell_quote(dir + "/copy.db"));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // writes go on after it
    stop = true;
    first.join();
    second.join();
    ASSERT_EQ(copied.exit_code, 0) << copied.output;
    ASSERT_GT(before_backup.size(), 10u);

    fs::create_directories(dir + "/fresh");
    const std::string restored = "sqlite:" + dir + "/fresh/restored.db";
    auto put_back = run_command(skirosim_cli() + " --database " + shell_quote(restored) +
                                " restore " + shell_quote(dir + "/copy.db"));
    ASSERT_EQ(put_back.exit_code, 0) << put_back.output;

    storage::Database db(*storage::DatabaseUrl::parse(restored), 1);
    auto sql = db.lease();
    std::string integrity;
    *sql << "PRAGMA integrity_check", soci::into(integrity);
    EXPECT_EQ(integrity, "ok");
    std::set<std::string> names;
    {
        std::string name;
        soci::statement st =
            (sql->prepare << "SELECT name FROM registrations WHERE name LIKE 'writer-%'",
             soci::into(name));
        st.execute();
        while (st.fetch()) names.insert(name);
    }
    for (const auto& name : before_backup)
        EXPECT_TRUE(names.contains(name)) << name << " was acknowledged before the backup";
    // Nothing half there: each registration in the copy has its message and its count.
    EXPECT_EQ(number(*sql, "SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'writer-%'"),
              static_cast<long long>(names.size()));
    EXPECT_EQ(
        number(*sql,
               "SELECT COALESCE(SUM(parties), 0) FROM registration_counts WHERE activity_id = " +
                   std::to_string(workshop)),
        number(*sql, "SELECT COUNT(*) FROM registrations WHERE activity_id = " +
                         std::to_string(workshop)));
    // The restored database serves.
    ServerProcess again(restored);
    EXPECT_EQ(HttpClient(again.port()).get(page).status, 200);
}

TEST(Backup, OnPostgreSqlTheCommandPointsToPgDump) {
    auto r = run_command(skirosim_cli() +
                         " --database postgresql://nobody@127.0.0.1:1/none backup /tmp/x.db");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.output, HasSubstr("pg_dump"));
}

TEST(ServerLog, NamesAccountsByIdNeverByTheirAddress) {
    const std::string dir = fresh_test_directory();
    const std::string url = "sqlite:" + dir + "/log.db";
    auto made =
        run_command("echo 'a long password' | " + skirosim_cli() + " --database " +
                    shell_quote(url) + " add-account known.person@example.org --name Known");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    {
        ServerProcess server(url);
        HttpClient client(server.port());
        for (const std::string login :
             {"known.person@example.org", "ghost.person@example.org", "2612 3456"}) {
            Browser b(client);
            b.get("/en/login");
            EXPECT_EQ(
                b.post("/en/login", {{"login", login}, {"password", "wrong password"}}).status,
                400);
        }
        std::ifstream log(server.log_path());
        const std::string text((std::istreambuf_iterator<char>(log)), {});
        EXPECT_THAT(text, HasSubstr("log-in failed for account 1"));
        EXPECT_THAT(text, HasSubstr("log-in failed for an unknown login"));
        EXPECT_THAT(text, Not(HasSubstr("known.person")));
        EXPECT_THAT(text, Not(HasSubstr("ghost.person")));
        EXPECT_THAT(text, Not(HasSubstr("37126123456")));
    }
}

// Links in e-mails and SMS carry the public address, not the listening one: the server says at
// start which it is, so whoever runs it sees a wrong one before any message goes out.
TEST(ServerLog, SaysWhichAddressLinksInMessagesUse) {
    const auto log_of = [](ServerProcess& server) {
        std::ifstream log(server.log_path());
        return std::string((std::istreambuf_iterator<char>(log)), {});
    };
    {
        ServerProcess server("sqlite:" + fresh_test_directory() + "/default.db");
        EXPECT_THAT(log_of(server), HasSubstr("links in messages use http://localhost:8080 "
                                              "(--public-url or SKIROSIM_PUBLIC_URL changes it)"));
    }
    ServerProcess server("sqlite:" + fresh_test_directory() + "/set.db",
                         {"--public-url", "https://kimija.example.lv"});
    const std::string text = log_of(server);
    EXPECT_THAT(text, HasSubstr("links in messages use https://kimija.example.lv "));
    EXPECT_THAT(text, Not(HasSubstr("http://localhost:8080")));
}

}  // namespace
}  // namespace skirosim::testing
