// A year of a whole town's data on SQLite or PostgreSQL, and how long the coordinator's figures,
// the public statistics and the misses page take on it; and registration latency while the figures
// are being read. Prints a markdown table.
//
//   bench_scale --resources . --database sqlite:/tmp/scale.db
//   bench_scale --resources . --database postgresql://postgres@127.0.0.1:5432/scale
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "activities/figures.hpp"
#include "activities/module.hpp"
#include "activities/service.hpp"
#include "app/application.hpp"
#include "guide/repository.hpp"
#include "storage/database.hpp"

namespace {

using namespace skirosim;
using Clock = std::chrono::steady_clock;

struct Sizes {
    long long residents = 50'000, activities = 5'000, registrations = 500'000, misses = 5'000'000;
};

// 2025 in UTC seconds: the year the generated activities fall in.
constexpr long long kYearStart = 1735689600, kYear = 365LL * 86400;

// Rows from 1 to n, the same SQL on both databases.
std::string numbers(long long n) {
    return fmt::format(
        "WITH RECURSIVE seq(n) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT n + 1 FROM seq WHERE "
        "n < {}) ",
        n);
}

void generate(storage::Database& db, const Sizes& s) {
    auto step = [&](const char* what, const std::string& query) {
        const auto start = Clock::now();
        auto done = db.transaction<int>([&](soci::session& sql) -> Result<int> {
            sql << query;
            return 0;
        });
        if (!done) throw std::runtime_error(std::string(what) + ": " + done.error().message);
        fmt::print(stderr, "  {:<28} {:>8.1f} s\n", what,
                   std::chrono::duration<double>(Clock::now() - start).count());
    };
    int position = 0;
    for (const char* id : {"pii-26", "pii-21", "cerinu-biblioteka", "gimenes-atbalsta-centrs",
                           "darbigas-kopienas", "mezgls"}) {
        step("institutions",
             fmt::format(
                 "INSERT INTO institutions (id, position, role, kind, name_lv, name_ru, name_en, "
                 "short_name_lv, short_name_ru, short_name_en, description_lv, description_ru, "
                 "description_en) VALUES ('{0}', {1}, 'partner', 'partner', '{0}', '{0}', '{0}', "
                 "'{0}', '{0}', '{0}', '', '', '')",
                 id, ++position));
    }
    step("residents",
         numbers(s.residents) +
             "INSERT INTO accounts (email, display_name, language, created_at, confirmed_at) "
             "SELECT 'resident' || n || '@example.org', 'Resident ' || n, CASE WHEN n % 3 = 0 THEN "
             "'ru' ELSE 'lv' END, " +
             std::to_string(kYearStart) + ", " + std::to_string(kYearStart) + " FROM seq");
    step("activities",
         numbers(s.activities) +
             fmt::format("INSERT INTO activities (external_id, institution_id, kind, title_lv, "
                         "title_ru, title_en, description_lv, "
                         "description_ru, description_en, starts_at, ends_at, venue, audiences, "
                         "held_in, capacity, registration, "
                         "attendance_marked_at) SELECT 'scale-' || n, CASE n % 6 WHEN 0 THEN "
                         "'pii-26' WHEN 1 THEN 'pii-21' WHEN 2 "
                         "THEN 'cerinu-biblioteka' WHEN 3 THEN 'gimenes-atbalsta-centrs' WHEN 4 "
                         "THEN 'darbigas-kopienas' ELSE "
                         "'mezgls' END, CASE n % 4 WHEN 0 THEN 'lesson' WHEN 1 THEN 'workshop' "
                         "WHEN 2 THEN 'clean-up' ELSE "
                         "'swap-market' END, 'Nodarbība ' || n, 'Занятие ' || n, 'Lesson ' || n, "
                         "'', '', '', {0} + (n * {1}) / {2}, "
                         "{0} + (n * {1}) / {2} + 7200, '', 'adults', 'lv', 120, 1, {0} + (n * "
                         "{1}) / {2} + 7200 FROM seq",
                         kYearStart, kYear, s.activities));
    step("registrations",
         numbers(s.registrations) +
             fmt::format("INSERT INTO registrations (activity_id, account_id, name, contact, "
                         "language, adults, children, status, "
                         "cancel_hash, created_at, ages, attended) SELECT (SELECT MIN(id) FROM "
                         "activities WHERE external_id LIKE "
                         "'scale-%') + n % {0}, (SELECT MIN(id) FROM accounts) + n % {1}, "
                         "'Resident ' || n, 'r' || n || "
                         "'@example.org', 'lv', 1 + n % 2, n % 3, CASE WHEN n % 20 = 0 THEN "
                         "'cancelled' WHEN n % 25 = 0 THEN "
                         "'waiting' ELSE 'confirmed' END, 'scale-' || n, {2} + (n * {3}) / {4}, "
                         "'adults=' || (1 + n % 2), CASE WHEN "
                         "n % 7 = 0 THEN 0 ELSE 1 END FROM seq",
                         s.activities, s.residents, kYearStart, kYear, s.registrations));
    step("registration summary",
         "INSERT INTO registration_counts (activity_id, state, parties, people) "
         "SELECT activity_id, CASE WHEN status <> 'confirmed' THEN status WHEN attended = 1 "
         "THEN 'came' WHEN attended = 0 THEN 'no-show' ELSE 'confirmed' END, COUNT(*), "
         "SUM(adults + children) FROM registrations GROUP BY 1, 2");
    // The participation snapshot and results of every activity, as attendance marking writes them.
    for (const char* audience :
         {"*", "*walk-ins", "adults", "age-1-6", "age-7-12", "age-65-plus", "families"}) {
        step(audience[0] == '*' ? "participation" : "participation by audience",
             fmt::format("INSERT INTO participation (activity_id, audience, people) SELECT id, "
                         "'{}', 5 + id % 40 "
                         "FROM activities WHERE external_id LIKE 'scale-%'",
                         audience));
    }
    for (const char* measure : {"kg:paper", "kg:plastic", "kg:glass", "kg:batteries", "items"}) {
        step("collection records",
             fmt::format("INSERT INTO activity_results (activity_id, measure, amount) SELECT id, "
                         "'{}', 1.5 + id % 30 FROM activities WHERE external_id LIKE 'scale-%'",
                         measure));
    }
    step("searches that found nothing",
         numbers(s.misses) + fmt::format("INSERT INTO search_misses (query, language, searched_at) "
                                         "SELECT 'vārds ' || (n % 200000), 'lv', {} + n % {} "
                                         "FROM seq",
                                         kYearStart, kYear));
    step("misses summary",
         "INSERT INTO search_miss_counts (query, language, searches, last_at) SELECT query, "
         "MIN(language), COUNT(*), MAX(searched_at) FROM search_misses GROUP BY query");
    step("analyze", "ANALYZE");
}

struct Timing {
    double p50 = 0, p99 = 0, max = 0;
};

Timing measure(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    work();  // warm the caches once
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
    };
    return {at(0.5), at(0.99), ms.back()};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Šķirosim at the scale of a town: figures and registration on a year of data"};
    std::string url, resources = ".";
    double scale = 1.0;
    int runs = 30, registrations = 500;
    cli.add_option("--database", url, "sqlite:PATH or postgresql://…")->required();
    cli.add_option("--resources", resources, "The folder with migrations/");
    cli.add_option("--scale", scale, "Fraction of the full sizes (1 = 50,000 residents …)");
    cli.add_option("--runs", runs, "Timed runs of each figure");
    cli.add_option("--registrations", registrations,
                   "Registrations timed while the figures are read");
    CLI11_PARSE(cli, argc, argv);

    // The application opens the database and applies the migrations, as the server does; the
    // data are generated below instead of loading the town's.
    app::Options options;
    options.database = url;
    options.resources = resources;
    options.locale_dir = SKIROSIM_LOCALE_DIR;
    options.empty = true;
    options.pool_size = 4;
    options.run_chores = false;
    // Hundreds of guest registrations from one address in a few seconds: a bench, not a visitor.
    options.activities.guests.per_address.events = 1'000'000;
    options.activities.guests.per_contact.events = 1'000'000;
    std::unique_ptr<app::Application> application;
    try {
        application = std::make_unique<app::Application>(options);
    } catch (const std::exception& e) {
        fmt::print(stderr, "{}\n", e.what());
        return 1;
    }
    storage::Database& db = application->database();
    Sizes sizes;
    for (long long* n :
         {&sizes.residents, &sizes.activities, &sizes.registrations, &sizes.misses}) {
        *n = std::max(1LL, static_cast<long long>(static_cast<double>(*n) * scale));
    }
    const char* backend = db.backend() == storage::Backend::sqlite ? "SQLite" : "PostgreSQL";
    fmt::print(
        stderr,
        "Generating on {}: {} residents, {} activities, {} registrations, {} missed searches\n",
        backend, sizes.residents, sizes.activities, sizes.registrations, sizes.misses);
    generate(db, sizes);

    auto figures = [&](long long from, long long to) {
        return [&db, from, to] {
            auto f = db.read<activities::Figures>(
                [&](soci::session& sql) -> Result<activities::Figures> {
                    return activities::read_figures(sql, from, to, kYearStart + kYear);
                });
            if (!f || f->activities == 0) throw std::runtime_error("no figures");
        };
    };
    struct Row {
        std::string name;
        Timing t;
    };
    std::vector<Row> rows;
    rows.push_back({"coordinator: figures for the year",
                    measure(runs, figures(kYearStart, kYearStart + kYear))});
    // For comparison: what the registrations part alone costs when counted from the rows.
    rows.push_back(
        {"(without the summary: counting registration rows for the year)", measure(runs, [&db] {
             auto n = db.read<long long>([](soci::session& sql) -> Result<long long> {
                 long long from = kYearStart, to = kYearStart + kYear, parties = 0;
                 std::string state;
                 soci::statement st =
                     (sql.prepare
                          << "SELECT CASE WHEN r.status <> 'confirmed' THEN r.status WHEN "
                             "r.attended = 1 THEN 'came' WHEN r.attended = 0 THEN 'no-show' ELSE "
                             "'confirmed' END, COUNT(*) FROM registrations r JOIN activities a ON "
                             "a.id = r.activity_id WHERE a.starts_at >= :f AND a.starts_at < :t "
                             "AND a.cancelled = 0 GROUP BY 1",
                      soci::into(state), soci::into(parties), soci::use(from, "f"),
                      soci::use(to, "t"));
                 st.execute();
                 long long total = 0;
                 while (st.fetch()) total += parties;
                 return total;
             });
             if (!n || *n == 0) throw std::runtime_error("no registrations");
         })});
    rows.push_back({"coordinator: figures for one month",
                    measure(runs, figures(kYearStart + 150 * 86400, kYearStart + 181 * 86400))});
    rows.push_back({"public: results so far", measure(runs, figures(0, kYearStart + kYear))});
    rows.push_back({"coordinator: searches that found nothing (top 100)", measure(runs, [&db] {
                        auto misses = db.read<std::vector<guide::MissedSearch>>(
                            [](soci::session& sql) -> Result<std::vector<guide::MissedSearch>> {
                                return guide::Repository::misses(sql, 100);
                            });
                        if (!misses || misses->size() != 100) throw std::runtime_error("no misses");
                    })});

    // Registrations for a new activity with no limit, alone and while a reader keeps asking for
    // the year's figures.
    activities::Service& service = application->module<activities::Module>().service();
    auto insert_activity = [&](const std::string& external_id) {
        return db
            .transaction<long long>([&](soci::session& sql) -> Result<long long> {
                const long long start = kYearStart + kYear + 86400;
                sql << "INSERT INTO activities (external_id, institution_id, kind, title_lv, "
                       "title_ru, title_en, "
                       "description_lv, description_ru, description_en, starts_at, ends_at, venue, "
                       "capacity, registration) "
                       "VALUES (:e, 'mezgls', 'lesson', 'x', 'x', 'x', '', '', '', :s, :s2, '', 0, "
                       "1)",
                    soci::use(external_id, "e"), soci::use(start, "s"),
                    soci::use(start + 3600, "s2");
                long long id = 0;
                sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(external_id),
                    soci::into(id);
                return id;
            })
            .value();
    };
    auto register_many = [&](long long activity) {
        std::vector<double> ms;
        for (int i = 0; i < registrations; ++i) {
            activities::RegistrationForm form;
            form.activity = activity;
            form.name = "Bench " + std::to_string(i);
            form.contact = "bench" + std::to_string(i) + "@example.org";
            form.language = "lv";
            const auto start = Clock::now();
            if (!service.register_party(form, kYearStart + kYear))
                throw std::runtime_error("registration failed");
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            // Spread over a few seconds, as people register, so that they meet many reads.
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        std::sort(ms.begin(), ms.end());
        return Timing{ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)],
                      ms.back()};
    };
    rows.push_back({"registration, alone", register_many(insert_activity("bench-alone"))});
    std::atomic<bool> stop{false};
    std::atomic<long long> reads{0};
    std::thread reader([&] {
        auto year = figures(kYearStart, kYearStart + kYear);
        while (!stop) {
            year();
            ++reads;
        }
    });
    rows.push_back(
        {"registration, while the figures are read", register_many(insert_activity("bench-busy"))});
    stop = true;
    reader.join();

    fmt::print(
        "\n{} at a year of a town ({} residents, {} activities, {} registrations, {} missed "
        "searches):\n\n",
        backend, sizes.residents, sizes.activities, sizes.registrations, sizes.misses);
    fmt::print("| {} | what | p50 ms | p99 ms | max ms | target |\n|---|---|---|---|---|---|\n",
               backend);
    for (const auto& r : rows) {
        const bool registration = r.name.starts_with("registration");
        if (r.name.starts_with("(")) {
            fmt::print("| | {} | {:.2f} | {:.2f} | {:.2f} | — |\n", r.name, r.t.p50, r.t.p99,
                       r.t.max);
            continue;
        }
        fmt::print("| | {} | {:.2f} | {:.2f} | {:.2f} | {} |\n", r.name, r.t.p50, r.t.p99, r.t.max,
                   registration ? (r.t.p99 < 20 ? "p99 < 20 ms ✓" : "p99 < 20 ms ✗")
                                : (r.t.max < 100 ? "< 100 ms ✓" : "< 100 ms ✗"));
    }
    fmt::print("\n(figures read {} times by the concurrent reader)\n", reads.load());
    return 0;
}
