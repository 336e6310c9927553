// A database that cannot write under a running server: the disk fills up (SQLite; the limit is
// the process's file-size limit, which needs no privileges), or PostgreSQL turns read-only. Writes
// get a clear 503 page and save nothing, the data stays sound, and when writing is possible again
// the server writes again by itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>

#include "storage/database.hpp"
#include "support/browser.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A guest registers for the activity at target, as a person's browser would.
HttpResult register_guest(const HttpClient& client, const std::string& target,
                          const std::string& name) {
    Browser person(client);
    person.get(target);
    return person.post(target + "/register", {{"name", name}, {"contact", name + "@example.org"}});
}

// Sets the soft limit only: raising a hard limit again would need a privilege.
void limit_file_size(pid_t pid, rlim_t bytes) {
    rlimit limit{};
    ASSERT_EQ(::prlimit(pid, RLIMIT_FSIZE, nullptr, &limit), 0) << "prlimit";
    limit.rlim_cur = std::min(bytes, limit.rlim_max);
    ASSERT_EQ(::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr), 0) << "prlimit";
}

TEST(DiskFull, WritesFailClearlyNothingBreaksAndTheyWorkAgainWhenThereIsRoom) {
    const std::string url = temp_sqlite_url();
    const std::string path = url.substr(std::string("sqlite:").size());
    ServerProcess server(url);
    const HttpClient client(server.port());
    auto db_url = storage::DatabaseUrl::parse(url);
    storage::Database db(*db_url, 1);
    auto count = [&](const std::string& query) {
        return db
            .read<long long>([&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << query, soci::into(v);
                return v;
            })
            .value_or(-1);
    };
    const long long activity =
        count("SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'");
    const std::string target = "/en/activities/" + std::to_string(activity);
    auto register_one = [&](int n) {
        return register_guest(client, target, "disk-" + std::to_string(n));
    };
    ASSERT_EQ(register_one(0).status, 200);

    // No file may grow past what the largest one is now: the write-ahead log fills up soon.
    std::uintmax_t largest = fs::file_size(path);
    if (fs::exists(path + "-wal")) largest = std::max(largest, fs::file_size(path + "-wal"));
    limit_file_size(server.pid(), largest + 16 * 1024);
    int saved = 1, refused = 0;
    for (int n = 1; n < 400 && refused < 3; ++n) {
        auto r = register_one(n);
        if (r.status == 200) {
            ++saved;
            continue;
        }
        EXPECT_EQ(r.status, 503) << r.body.substr(0, 300);
        EXPECT_THAT(r.body, HasSubstr("cannot save anything right now"));
        ++refused;
    }
    ASSERT_EQ(refused, 3) << "the limit was never reached";
    EXPECT_EQ(count("SELECT COUNT(*) FROM registrations WHERE name LIKE 'disk-%'"),
              saved);  // nothing half saved
    auto check = db.read<std::string>([](soci::session& sql) -> Result<std::string> {
        std::string v;
        sql << "PRAGMA integrity_check", soci::into(v);
        return v;
    });
    EXPECT_EQ(check.value_or(""), "ok");
    EXPECT_EQ(client.get("/en/guide?q=battery").status, 200);  // reading goes on

    // Room again: the same server saves again, without a restart.
    limit_file_size(server.pid(), RLIM_INFINITY);
    EXPECT_EQ(register_one(1000).status, 200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM registrations WHERE name LIKE 'disk-%'"), saved + 1);
}

TEST(ReadOnlyDatabase, PostgresTurningReadOnlyRefusesWritesClearlyAndTheyWorkAgainAfterwards) {
    auto all = backends();
    if (std::find(all.begin(), all.end(), "postgresql") == all.end()) {
        GTEST_SKIP() << "needs PostgreSQL: run through scripts/test.sh";
    }
    const std::string url = fresh_database_url("postgresql");
    const std::string name =
        url.substr(url.rfind('/') + 1, url.find('?', url.rfind('/')) - url.rfind('/') - 1);
    ServerProcess server(url);
    const HttpClient client(server.port());
    storage::Database db(*storage::DatabaseUrl::parse(url), 1);
    auto registered = [&] {
        return db
            .read<long long>([&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT COUNT(*) FROM registrations WHERE name LIKE 'ro-%'", soci::into(v);
                return v;
            })
            .value_or(-1);
    };
    long long activity = 0;
    ASSERT_TRUE(db.read<long long>([&](soci::session& sql) -> Result<long long> {
        sql << "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'",
            soci::into(activity);
        return activity;
    }));
    const std::string target = "/ru/activities/" + std::to_string(activity);
    auto register_one = [&](int n) {
        return register_guest(client, target, "ro-" + std::to_string(n));
    };
    ASSERT_EQ(register_one(0).status, 200);

    // The database turns read-only for every new session, and the server's sessions are cut.
    soci::session admin(
        soci::postgresql,
        storage::DatabaseUrl::parse(std::getenv("SKIROSIM_TEST_POSTGRES"))->connect_string);
    auto cut_sessions = [&] {
        long long cut = 0;
        admin << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                 "WHERE datname = :name AND pid <> pg_backend_pid()",
            soci::use(name), soci::into(cut);
    };
    admin << "ALTER DATABASE " + name +
                 " SET default_transaction_read_only = on";  // a generated name
    cut_sessions();
    int clear_refusals = 0;
    for (int n = 1; n <= 4; ++n) {
        auto r = register_one(n);
        EXPECT_EQ(r.status, 503) << r.body.substr(0, 300);
        if (r.body.find("База данных сейчас не может ничего сохранить.") != std::string::npos)
            ++clear_refusals;
    }
    EXPECT_GE(clear_refusals, 3);  // the first may meet a cut session instead
    EXPECT_EQ(registered(), 1);
    EXPECT_EQ(client.get(target).status, 200);  // reading goes on
    EXPECT_EQ(
        client.get("/ru/guide?q=%D0%B1%D0%B0%D1%82%D0%B0%D1%80%D0%B5%D0%B9%D0%BA%D0%B8").status,
        200);

    // Writable again: the server opens fresh sessions by itself and saves again.
    admin << "ALTER DATABASE " + name + " RESET default_transaction_read_only";
    auto again = register_one(100);
    EXPECT_EQ(again.status, 200) << again.body.substr(0, 300);
    EXPECT_EQ(registered(), 2);
}

}  // namespace
}  // namespace skirosim::testing
