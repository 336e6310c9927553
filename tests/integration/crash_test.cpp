// Kill -9 during a burst of writes, then start again: the database is consistent, every write that
// was answered as successful is there, and none that failed is half there (on SQLite and
// PostgreSQL).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <atomic>
#include <csignal>
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

class Crash : public ::testing::TestWithParam<std::string> {};

long long count(storage::Database& db, const std::string& query) {
    auto n = db.read<long long>([&](soci::session& sql) -> Result<long long> {
        long long v = 0;
        sql << query, soci::into(v);
        return v;
    });
    return n.value_or(-1);
}

TEST_P(Crash, KillNineDuringABurstOfRegistrationsLosesNothingAnswered) {
    const std::string url = fresh_database_url(GetParam());
    auto server = std::make_unique<ServerProcess>(url);
    const HttpClient client(server->port());
    auto db_url = storage::DatabaseUrl::parse(url);
    storage::Database db(*db_url, 1);
    const long long activity = count(
        db, "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'");
    ASSERT_GT(activity, 0);
    const std::string target = "/lv/activities/" + std::to_string(activity);

    std::mutex mutex;
    std::set<std::string> answered;
    std::atomic<int> attempts{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            for (int n = 0; !stop; ++n) {
                const std::string name = "crash-" + std::to_string(w) + "-" + std::to_string(n);
                try {
                    Browser person(client);
                    person.get(target);
                    ++attempts;
                    auto r = person.post(target + "/register",
                                         {{"name", name}, {"contact", name + "@example.org"}});
                    if (r.status == 200) {
                        std::lock_guard lock(mutex);
                        answered.insert(name);
                    }
                } catch (const std::exception&) {
                    // The server is gone: this write's fate is unknown to the client.
                }
            }
        });
    }
    while (attempts < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server->signal(SIGKILL);
    EXPECT_NE(server->wait(std::chrono::seconds(5)), 0);
    stop = true;
    for (auto& t : writers) t.join();
    ASSERT_GE(answered.size(), 10u);

    // Start again on the same database: it opens, answers, and holds every answered registration.
    server = std::make_unique<ServerProcess>(url);
    EXPECT_EQ(HttpClient(server->port()).get(target).status, 200);
    if (GetParam() == "sqlite") {
        auto check = db.read<std::string>([](soci::session& sql) -> Result<std::string> {
            std::string v;
            sql << "PRAGMA integrity_check", soci::into(v);
            return v;
        });
        EXPECT_EQ(check.value_or(""), "ok");
    }
    for (const auto& name : answered) {
        auto n = db.read<long long>([&](soci::session& sql) -> Result<long long> {
            long long v = 0;
            sql << "SELECT COUNT(*) FROM registrations WHERE name = :n", soci::use(name),
                soci::into(v);
            return v;
        });
        EXPECT_EQ(n.value_or(-1), 1) << name;
    }
    // No write is half there: each registration came with its confirmation message and its place
    // in the summary, in the same transaction.
    const long long rows =
        count(db, "SELECT COUNT(*) FROM registrations WHERE name LIKE 'crash-%'");
    EXPECT_GE(rows, static_cast<long long>(answered.size()));
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'crash-%'"), rows);
    EXPECT_EQ(
        count(db, "SELECT COALESCE(SUM(parties), 0) FROM registration_counts WHERE activity_id = " +
                      std::to_string(activity)),
        count(db, "SELECT COUNT(*) FROM registrations WHERE activity_id = " +
                      std::to_string(activity)));
    EXPECT_EQ(count(db,
                    "SELECT COALESCE(SUM(adults + children), 0) FROM registrations WHERE status = "
                    "'confirmed' "
                    "AND activity_id = " +
                        std::to_string(activity)),
              std::min(rows, 20LL));  // the places were filled in order, none twice
}

INSTANTIATE_TEST_SUITE_P(Backends, Crash, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
