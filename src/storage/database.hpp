// The one access layer over SQLite and PostgreSQL: a pool of SOCI sessions, transactions, and
// the mapping of database failures to expected errors (unavailable → 503, constraint → 409).
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace skirosim::storage {

enum class Backend { sqlite, postgresql };

struct DatabaseUrl {
    Backend backend = Backend::sqlite;
    std::string connect_string;  // what SOCI's backend takes
    std::string display;         // for logs: no password
    std::string sqlite_path;     // the file, for SQLite

    // "sqlite:PATH" or "postgresql://user@host/db?…" (also "postgres://").
    static Result<DatabaseUrl> parse(const std::string& url);
};

class Database;

// One write transaction, rolled back unless committed. On SQLite it takes the write lock at its
// start (BEGIN IMMEDIATE), where busy_timeout queues it behind other writers; a plain BEGIN that
// read first and wrote later would fail at once with SQLITE_BUSY if another connection wrote in
// between, which no timeout waits out.
class WriteTransaction {
public:
    WriteTransaction(soci::session& session, Backend backend);
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    ~WriteTransaction();
    void commit();
    void rollback();

private:
    soci::session& session_;
    bool open_ = true;
};

// A leased session, given back to the pool when it goes out of scope.
class Lease {
public:
    Lease(Database& db, std::size_t slot);
    Lease(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    soci::session& operator*() const;
    soci::session* operator->() const;

private:
    Database* db_;
    std::size_t slot_;
};

class Database {
public:
    Database(const DatabaseUrl& url, std::size_t pool_size);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Backend backend() const { return url_.backend; }
    const DatabaseUrl& url() const { return url_; }

    // Waits for a free session (at most `timeout`); reconnects it when it was broken.
    // Throws soci::soci_error when the database cannot be reached.
    Lease lease(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // Runs `work` inside a transaction and maps database failures to errors: a lost connection
    // to `unavailable`, a constraint violation to `conflict`. Anything `work` returns as an error
    // rolls the transaction back.
    template <typename T>
    Result<T> transaction(const std::function<Result<T>(soci::session&)>& work);

    // Runs `work` without a transaction (reads), with the same error mapping.
    template <typename T>
    Result<T> read(const std::function<Result<T>(soci::session&)>& work);

    // SELECT 1 with a short timeout: for /healthz.
    bool ping();

    // Translates the neutral SQL of migrations and repositories into this backend's dialect.
    std::string dialect(std::string sql) const;

private:
    friend class Lease;
    void give_back(std::size_t slot);
    // After one lost connection the others are most likely dead too (a server restart):
    // each reconnects before its next use instead of failing once more.
    void mark_all_broken();
    void open_session(soci::session& session);
    // What a failed database call means for the request and for the session that made it.
    struct Failure {
        Error error;
        bool reconnect = false;        // the session is useless now: open a fresh one
        bool nothing_written = false;  // the database refused to write: safe to try again
    };
    Failure classify(const std::exception& e) const;

    template <typename T>
    Result<T> run(bool in_transaction, const std::function<Result<T>(soci::session&)>& work);

    DatabaseUrl url_;
    soci::connection_pool pool_;
    std::size_t size_;
    std::unique_ptr<std::atomic<bool>[]> broken_;
};

template <typename T>
Result<T> Database::transaction(const std::function<Result<T>(soci::session&)>& work) {
    return run<T>(true, work);
}

template <typename T>
Result<T> Database::read(const std::function<Result<T>(soci::session&)>& work) {
    return run<T>(false, work);
}

template <typename T>
Result<T> Database::run(bool in_transaction, const std::function<Result<T>(soci::session&)>& work) {
    std::optional<Lease> held;
    try {
        held.emplace(lease());
    } catch (const std::exception& e) {
        return std::unexpected(
            Error::make(ErrorCode::unavailable, "The database is not available right now."));
    }
    soci::session& session = **held;
    Failure failure;
    try {
        if (!in_transaction) return work(session);
        WriteTransaction tx(session, url_.backend);
        Result<T> result = work(session);
        if (result)
            tx.commit();
        else
            tx.rollback();
        return result;
    } catch (const std::exception& e) {
        failure = classify(e);
        if (!failure.reconnect) return std::unexpected(std::move(failure.error));
        mark_all_broken();
    }
    held.reset();
    // A read whose connection died is safe to try once more on a fresh connection, and so is a
    // write the database refused (a disk that was full, a server that was read-only: the fresh
    // session may find it writable again). A write whose connection died is not: its commit may
    // have happened.
    if (in_transaction && !failure.nothing_written)
        return std::unexpected(std::move(failure.error));
    try {
        Lease retry = lease();
        if (!in_transaction) return work(*retry);
        WriteTransaction tx(*retry, url_.backend);
        Result<T> result = work(*retry);
        if (result)
            tx.commit();
        else
            tx.rollback();
        return result;
    } catch (const std::exception& e) {
        failure = classify(e);
        if (failure.reconnect) mark_all_broken();
        return std::unexpected(std::move(failure.error));
    }
}

}  // namespace skirosim::storage
