// A bounded load test (issue 8): minutes of mixed traffic against a real `skirosim serve` process —
// searching and browsing through wrk at full speed, registering and logging in through clients of
// our own at the same time — with no error allowed, the server's memory watched for growth, and
// every registration the server accepted looked up in the database afterwards.
// scripts/load-test.sh runs it for SKIROSIM_LOAD_SECONDS (180 by default) on SQLite and PostgreSQL;
// scripts/test.sh runs a short round of it.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "storage/database.hpp"
#include "support/browser.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using Clock = std::chrono::steady_clock;

int load_seconds() {
    const char* text = std::getenv("SKIROSIM_LOAD_SECONDS");
    const int seconds = text ? std::atoi(text) : 180;
    return seconds > 0 ? seconds : 180;
}

// Resident memory of a process in KiB, from /proc.
long resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) return std::atol(line.c_str() + 6);
    }
    return -1;
}

// An activity far enough ahead that the test does not depend on the sample data's dates.
std::string activity_document() {
    const std::time_t later = std::chrono::system_clock::to_time_t(test_moment()) + 30 * 24 * 3600;
    char day[16];
    std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&later));
    const std::string start = std::string(day) + "T15:00", end = std::string(day) + "T16:30";
    return R"({"format": "skirosim/1", "sample": true, "activities": [{
        "id": "load-test-workshop", "institution": "cerinu-biblioteka", "sample": true,
        "title": {"lv": "Slodzes pārbaude", "ru": "Проверка нагрузки", "en": "Load test"},
        "description": {"lv": "-", "ru": "-", "en": "-"},
        "start": ")" +
           start + R"(", "end": ")" + end + R"(", "venue": "Ceriņu bibliotēka",
        "kind": "workshop", "audiences": ["adults"], "held_in": ["lv"],
        "capacity": 40, "registration": true}]})";
}

struct WrkFigures {
    long requests = -1;
    double per_second = 0;
    long bad_status = 0;  // "Non-2xx or 3xx responses"
    long socket_errors = 0;
    std::string output;
};

WrkFigures read_wrk(const CommandResult& run) {
    WrkFigures f;
    f.output = run.output;
    std::smatch m;
    if (std::regex_search(run.output, m, std::regex(R"((\d+) requests in)")))
        f.requests = std::stol(m[1]);
    if (std::regex_search(run.output, m, std::regex(R"(Requests/sec:\s+([\d.]+))")))
        f.per_second = std::stod(m[1]);
    if (std::regex_search(run.output, m, std::regex(R"(Non-2xx or 3xx responses: (\d+))")))
        f.bad_status = std::stol(m[1]);
    if (std::regex_search(
            run.output, m,
            std::regex(
                R"(Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+))"))) {
        for (int i = 1; i <= 4; ++i) f.socket_errors += std::stol(m[i]);
    }
    return f;
}

class Load : public ::testing::TestWithParam<std::string> {};

TEST_P(Load, MixedTrafficHasNoErrorsNoMemoryGrowthAndLosesNoAcceptedWrite) {
    const int seconds = load_seconds();
    const std::string url = fresh_database_url(GetParam());
    const std::string dir = fresh_test_directory();
    const std::string cli = skirosim_cli() + " --database " + shell_quote(url);
    {
        std::ofstream(dir + "/activity.json") << activity_document();
        auto imported = run_command(cli + " import " + shell_quote(dir + "/activity.json"));
        ASSERT_EQ(imported.exit_code, 0) << imported.output;
        auto account = run_command("echo 'load test password' | " + cli +
                                   " add-account load@example.org --name 'Slodzes Tests'");
        ASSERT_EQ(account.exit_code, 0) << account.output;
    }
    storage::Database db(*storage::DatabaseUrl::parse(url), 1);
    long long activity = 0;
    ASSERT_TRUE(db.read<long long>([&](soci::session& sql) -> Result<long long> {
        sql << "SELECT id FROM activities WHERE external_id = 'load-test-workshop'",
            soci::into(activity);
        return activity;
    }));
    ASSERT_GT(activity, 0);
    const std::string activity_page = "/lv/activities/" + std::to_string(activity);

    ::setenv("SKIROSIM_LOG_LEVEL", "warn", 1);  // no access log: minutes of it would fill a disk
    ServerProcess server(url);
    const HttpClient client(server.port());
    ASSERT_EQ(client.get("/lv/").status, 200);
    const auto started = Clock::now();
    const auto deadline = started + std::chrono::seconds(seconds);

    // Reading: wrk at full speed over what visitors read, weighted as they read it: the guide's
    // search (the page asks it as one types) and the home page most, the rest once a round.
    WrkFigures reads;
    std::thread wrk([&] {
        const std::vector<std::string> paths = {"/api/v1/search?q=baterijas&lang=lv",
                                                "/lv/",
                                                "/api/v1/search?q=batareiki&lang=ru",
                                                "/ru/guide?q=stiklo",
                                                "/api/v1/search?q=pizza%20box&lang=en",
                                                "/ru/",
                                                "/lv/activities",
                                                "/api/v1/search?q=plastmasas%20pudele&lang=lv",
                                                activity_page,
                                                "/en/",
                                                "/api/v1/search?q=spuldze&lang=lv",
                                                "/ru/points",
                                                "/api/v1/search?q=banka&lang=lv",
                                                "/lv/results",
                                                "/en/guide?q=pizza%20box",
                                                "/en/institutions/cerinu-biblioteka"};
        std::string command = "wrk -t1 -c8 -d" + std::to_string(seconds) + "s -s " +
                              shell_quote(source_dir() + "/bench/mixed.lua") +
                              " http://127.0.0.1:" + std::to_string(server.port()) + " --";
        for (const auto& p : paths) command += " " + shell_quote(p);
        reads = read_wrk(run_command(command));
    });

    // Writing: registrations and log-ins through clients that keep cookies and CSRF tokens.
    std::mutex mutex;
    std::set<std::string> accepted;
    std::map<std::string, int> errors;  // "what: status" → how many
    std::atomic<long> log_ins{0};
    auto error = [&](const std::string& what, int status) {
        std::lock_guard lock(mutex);
        ++errors[what + ": " + std::to_string(status)];
    };
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
        writers.emplace_back([&, w] {
            for (int n = 0; Clock::now() < deadline; ++n) {
                const std::string name = "load-" + std::to_string(w) + "-" + std::to_string(n);
                Browser person(client);
                if (auto page = person.get(activity_page); page.status != 200) {
                    error("activity page", page.status);
                    continue;
                }
                auto r = person.post(activity_page + "/register",
                                     {{"name", name}, {"contact", name + "@example.org"}});
                if (r.status != 200) {
                    error("registration", r.status);
                    continue;
                }
                std::lock_guard lock(mutex);
                accepted.insert(name);
            }
        });
    }
    writers.emplace_back([&] {
        while (Clock::now() < deadline) {
            Browser resident(client);
            resident.get("/lv/login");
            auto in = resident.post(
                "/lv/login", {{"login", "load@example.org"}, {"password", "load test password"}});
            if (in.status != 303) {
                error("log-in", in.status);
                continue;
            }
            auto account = resident.get("/lv/account");
            if (account.status != 200 || account.body.find("Slodzes Tests") == std::string::npos) {
                error("account page", account.status);
                continue;
            }
            if (auto out = resident.post("/lv/logout", {}); out.status != 303)
                error("log-out", out.status);
            ++log_ins;
        }
    });

    // Memory: the server's resident size every half second.
    std::vector<std::pair<double, long>> memory;  // seconds since start, KiB
    while (Clock::now() < deadline) {
        memory.emplace_back(std::chrono::duration<double>(Clock::now() - started).count(),
                            resident_kib(server.pid()));
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    for (auto& t : writers) t.join();
    wrk.join();

    // No error of any kind.
    ASSERT_GT(reads.requests, 0) << "wrk did not run:\n" << reads.output;
    EXPECT_EQ(reads.bad_status, 0) << reads.output;
    EXPECT_EQ(reads.socket_errors, 0) << reads.output;
    for (const auto& [what, n] : errors) ADD_FAILURE() << n << " × " << what;
    EXPECT_GT(accepted.size(), 0u);
    EXPECT_GT(log_ins.load(), 0);

    // Every accepted registration is there, and nothing else is.
    std::set<std::string> stored;
    ASSERT_TRUE(db.read<int>([&](soci::session& sql) -> Result<int> {
        soci::rowset<std::string> rows =
            (sql.prepare << "SELECT name FROM registrations WHERE name LIKE 'load-%'");
        for (const auto& name : rows) stored.insert(name);
        return 0;
    }));
    EXPECT_EQ(stored, accepted);

    // No growth: after the first quarter (caches filling), the last quarter's peak stays within a
    // small margin of the second quarter's.
    long settled = 0, last = 0;
    for (const auto& [at, kib] : memory) {
        if (at >= seconds * 0.25 && at < seconds * 0.5) settled = std::max(settled, kib);
        if (at >= seconds * 0.75) last = std::max(last, kib);
    }
    ASSERT_GT(settled, 0);
    const long allowed = 16 * 1024 + settled / 10;
    EXPECT_LE(last - settled, allowed)
        << "resident memory grew from " << settled / 1024 << " to " << last / 1024 << " MiB";

    std::printf(
        "load (%s, %d s): reads %ld (%.0f/s, wrk -c8), registrations %zu, log-ins %ld, errors %zu; "
        "resident memory %ld MiB after the first quarter, %ld MiB at the end (peak)\n",
        GetParam().c_str(), seconds, reads.requests, reads.per_second, accepted.size(),
        log_ins.load(), errors.size(), settled / 1024, last / 1024);
}

INSTANTIATE_TEST_SUITE_P(Backends, Load, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace skirosim::testing
