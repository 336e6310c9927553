// Side-by-side search benchmark: our engine, SQLite FTS5 (trigram) and PostgreSQL pg_trgm on
// the same catalogue and the same realistic queries. Prints top-1 accuracy, p50/p99 latency
// and memory, for the default catalogue and for a synthetic one of 100,000 items.
//
// The peers get the same folded text as our engine (diacritics removed, Cyrillic in Latin
// letters), so that they are not handicapped by what SQLite 3.40 and pg_trgm cannot fold.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "catalogue_loader.hpp"
#include "guide/search_index.hpp"
#include "text/normalize.hpp"

using namespace skirosim;
using Clock = std::chrono::steady_clock;

namespace {

std::string folded_text(const std::string& text) {
    std::string out;
    for (const auto& word : text::words(text)) {
        if (!out.empty()) out += ' ';
        out += text::fold(word);
    }
    return out;
}

struct Measured {
    std::string engine;
    double accuracy = 0, p50_us = 0, p99_us = 0, memory_mib = 0, build_s = 0;
};

// Runs every query `rounds` times; the first round also counts correct answers.
Measured measure(const std::string& name, const std::vector<bench::Query>& queries, int rounds,
                 const std::function<std::string(const bench::Query&)>& top1,
                 int show_slowest = 0) {
    Measured r{name};
    std::vector<double> latencies;
    std::vector<std::pair<double, std::string>> slowest(queries.size());
    std::size_t right = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const auto& q : queries) {
            const auto start = Clock::now();
            std::string got = top1(q);
            latencies.push_back(
                std::chrono::duration<double, std::micro>(Clock::now() - start).count());
            auto& slot = slowest[static_cast<std::size_t>(&q - queries.data())];
            slot.first += latencies.back() / rounds;
            slot.second = q.text;
            if (round == 0 && got == q.expected) ++right;
        }
    }
    std::sort(latencies.begin(), latencies.end());
    if (show_slowest > 0) {
        std::sort(slowest.rbegin(), slowest.rend());
        std::printf("slowest queries for %s (mean µs):", name.c_str());
        for (int i = 0; i < show_slowest && i < static_cast<int>(slowest.size()); ++i) {
            std::printf(" \"%s\" %.0f;", slowest[i].second.c_str(), slowest[i].first);
        }
        std::printf("\n");
    }
    r.accuracy = 100.0 * static_cast<double>(right) / static_cast<double>(queries.size());
    r.p50_us = latencies[latencies.size() / 2];
    r.p99_us = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
    return r;
}

template <typename F>
void each_term(const guide::CatalogueData& data, F f) {
    for (const auto& item : data.items) {
        for (std::size_t l = 0; l < 3; ++l) {
            f(item.id, item.name[l]);
            for (const auto& s : item.synonyms[l]) f(item.id, s);
        }
    }
}

class Fts5 {
public:
    explicit Fts5(const guide::CatalogueData& data) {
        const auto before = sqlite3_memory_used();
        sqlite3_open(":memory:", &db_);
        exec("CREATE VIRTUAL TABLE terms USING fts5(item UNINDEXED, body, tokenize='trigram')");
        exec("BEGIN");
        sqlite3_stmt* insert = nullptr;
        sqlite3_prepare_v2(db_, "INSERT INTO terms (item, body) VALUES (?1, ?2)", -1, &insert,
                           nullptr);
        each_term(data, [&](const std::string& id, const std::string& text) {
            const std::string body = folded_text(text);
            sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 2, body.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_step(insert);
            sqlite3_reset(insert);
        });
        sqlite3_finalize(insert);
        exec("COMMIT");
        sqlite3_prepare_v2(db_, "SELECT item FROM terms WHERE terms MATCH ?1 ORDER BY rank LIMIT 1",
                           -1, &query_, nullptr);
        memory_ = static_cast<double>(sqlite3_memory_used() - before);
    }
    ~Fts5() {
        sqlite3_finalize(query_);
        sqlite3_close(db_);
    }
    std::string top1(const bench::Query& q) {
        // Trigram FTS matches substrings of three letters or more; words are OR-ed.
        std::string match;
        for (const auto& word : text::words(q.text)) {
            std::string key = text::fold(word);
            if (key.size() < 3) continue;
            if (!match.empty()) match += " OR ";
            match += "\"" + key + "\"";
        }
        if (match.empty()) return "";
        sqlite3_bind_text(query_, 1, match.c_str(), -1, SQLITE_TRANSIENT);
        std::string id;
        if (sqlite3_step(query_) == SQLITE_ROW)
            id = reinterpret_cast<const char*>(sqlite3_column_text(query_, 0));
        sqlite3_reset(query_);
        return id;
    }
    double memory_mib() const { return memory_ / 1048576.0; }

private:
    void exec(const char* sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(message);
        }
    }
    sqlite3* db_ = nullptr;
    sqlite3_stmt* query_ = nullptr;
    double memory_ = 0;
};

class PgTrgm {
public:
    PgTrgm(const std::string& conninfo, const guide::CatalogueData& data) {
        conn_ = PQconnectdb(conninfo.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_));
        exec("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        exec("DROP TABLE IF EXISTS bench_terms");
        exec("CREATE TABLE bench_terms (item text NOT NULL, body text NOT NULL)");
        exec("COPY bench_terms (item, body) FROM STDIN");
        each_term(data, [&](const std::string& id, const std::string& text) {
            std::string line = id + "\t" + folded_text(text) + "\n";
            PQputCopyData(conn_, line.data(), static_cast<int>(line.size()));
        });
        PQputCopyEnd(conn_, nullptr);
        PQclear(PQgetResult(conn_));
        exec("CREATE INDEX bench_terms_trgm ON bench_terms USING gin (body gin_trgm_ops)");
        exec("ANALYZE bench_terms");
        PGresult* prepared = PQprepare(conn_, "top1",
                                       "SELECT item FROM bench_terms WHERE $1 <% body "
                                       "ORDER BY $1 <<-> body LIMIT 1",
                                       1, nullptr);
        PQclear(prepared);
        PGresult* size = PQexec(conn_, "SELECT pg_total_relation_size('bench_terms')");
        memory_ = std::stod(PQgetvalue(size, 0, 0));
        PQclear(size);
    }
    ~PgTrgm() {
        exec("DROP TABLE IF EXISTS bench_terms");
        PQfinish(conn_);
    }
    std::string top1(const bench::Query& q) {
        const std::string folded = folded_text(q.text);
        const char* params[1] = {folded.c_str()};
        PGresult* r = PQexecPrepared(conn_, "top1", 1, params, nullptr, nullptr, 0);
        std::string id =
            PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
        PQclear(r);
        return id;
    }
    double memory_mib() const { return memory_ / 1048576.0; }

private:
    void exec(const char* sql) {
        PGresult* r = PQexec(conn_, sql);
        auto status = PQresultStatus(r);
        PQclear(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
            throw std::runtime_error(std::string(sql) + ": " + PQerrorMessage(conn_));
        }
    }
    PGconn* conn_ = nullptr;
    double memory_ = 0;
};

void print(const std::string& title, const std::vector<Measured>& results) {
    std::printf("\n%s\n", title.c_str());
    std::printf("%-18s %8s %10s %10s %12s %10s %14s\n", "engine", "top-1", "p50 µs", "p99 µs",
                "memory MiB", "build s", "p99 ÷ ours");
    for (const Measured& r : results) {
        std::printf("%-18s %7.1f%% %10.1f %10.1f %12.1f %10.2f %13.1f×\n", r.engine.c_str(),
                    r.accuracy, r.p50_us, r.p99_us, r.memory_mib, r.build_s,
                    r.p99_us / results.front().p99_us);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Search engine benchmark: ours vs SQLite FTS5 (trigram) vs PostgreSQL pg_trgm"};
    std::string profile = "data/daugavpils-kimija", queries_dir = "tests/data", postgres;
    int rounds = 20;
    std::size_t synthetic = 100000;
    int show_slowest = 0;
    cli.add_option("--slowest", show_slowest, "Print our N slowest queries (for profiling)");
    cli.add_option("--profile", profile, "Data profile folder")->capture_default_str();
    cli.add_option("--queries", queries_dir, "Folder with queries-*.tsv")->capture_default_str();
    cli.add_option("--postgres", postgres, "libpq connection string; pg_trgm is skipped without it")
        ->envname("SKIROSIM_BENCH_POSTGRES");
    cli.add_option("--rounds", rounds, "Times every query runs")->capture_default_str();
    cli.add_option("--synthetic", synthetic, "Items in the synthetic catalogue (0: skip)")
        ->capture_default_str();
    CLI11_PARSE(cli, argc, argv);

    const auto base = bench::load_profile_catalogue(profile);
    const auto queries = bench::load_queries(queries_dir);
    std::vector<std::pair<std::string, guide::CatalogueData>> catalogues{{"default", base}};
    if (synthetic > base.items.size())
        catalogues.emplace_back("synthetic", bench::synthetic_catalogue(base, synthetic));

    for (const auto& [label, data] : catalogues) {
        std::vector<Measured> results;
        {
            const auto memory_before = bench::resident_bytes();
            const auto start = Clock::now();
            guide::Catalogue catalogue(data);
            guide::SearchIndex index(catalogue, {});
            const double build = std::chrono::duration<double>(Clock::now() - start).count();
            Measured r = measure(
                "skirosim", queries, rounds,
                [&](const bench::Query& q) {
                    auto outcome = index.search(q.text + " ", q.language, 1);
                    return outcome.hits.empty() ? std::string()
                                                : catalogue.items()[outcome.hits[0].item].id;
                },
                show_slowest);
            r.memory_mib = static_cast<double>(bench::resident_bytes() - memory_before) / 1048576.0;
            r.build_s = build;
            results.push_back(r);
        }
        {
            const auto start = Clock::now();
            Fts5 fts(data);
            const double build = std::chrono::duration<double>(Clock::now() - start).count();
            Measured r = measure("sqlite fts5", queries, rounds,
                                 [&](const bench::Query& q) { return fts.top1(q); });
            r.memory_mib = fts.memory_mib();
            r.build_s = build;
            results.push_back(r);
        }
        if (!postgres.empty()) {
            const auto start = Clock::now();
            PgTrgm pg(postgres, data);
            const double build = std::chrono::duration<double>(Clock::now() - start).count();
            // pg_trgm is slower: fewer rounds keep the run short without changing percentiles much.
            Measured r = measure("postgres pg_trgm", queries, std::max(1, rounds / 4),
                                 [&](const bench::Query& q) { return pg.top1(q); });
            r.memory_mib = pg.memory_mib();
            r.build_s = build;
            results.push_back(r);
        }
        print("Search, " + label + " catalogue: " + std::to_string(data.items.size()) + " items, " +
                  std::to_string(queries.size()) + " queries × " + std::to_string(rounds) +
                  " rounds",
              results);
    }
    return 0;
}
