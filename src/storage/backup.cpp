// sqlite3_backup_* between two connections of our own.
#include "storage/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace skirosim::storage {

namespace {

struct Close {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, Close>;

Result<Connection> open(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Connection db(raw);
    if (rc != SQLITE_OK) {
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "Cannot open the database {1}: {2}.",
                        {path, db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)}));
    }
    sqlite3_busy_timeout(db.get(), 10'000);
    return db;
}

// Copies every page of `from` into `to` in one step, under one read transaction of `from`.
Result<void> copy(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) {
        return std::unexpected(Error::make(ErrorCode::unavailable, "Cannot copy {1}: {2}.",
                                           {what, sqlite3_errmsg(to)}));
    }
    int rc = SQLITE_OK;
    // Busy or locked: another connection is writing; wait a little and go on.
    for (int tries = 0; tries < 600; ++tries) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(50);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        return std::unexpected(Error::make(ErrorCode::unavailable, "Cannot copy {1}: {2}.",
                                           {what, sqlite3_errstr(rc)}));
    }
    return {};
}

}  // namespace

Result<void> backup_sqlite(const std::string& source, const std::string& destination) {
    std::error_code ec;
    if (std::filesystem::exists(destination, ec)) {
        return std::unexpected(Error::make(
            ErrorCode::invalid_input, "{1} already exists: choose a new file.", {destination}));
    }
    // Read-write although it only reads: a read-only connection to a WAL database needs its -shm.
    auto from = open(source, SQLITE_OPEN_READWRITE);
    if (!from) return std::unexpected(from.error());
    auto to = open(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to) return std::unexpected(to.error());
    return copy(from->get(), to->get(), source);
}

Result<void> restore_sqlite(const std::string& backup, const std::string& destination) {
    auto from = open(backup, SQLITE_OPEN_READONLY);
    if (!from) return std::unexpected(from.error());
    char* error = nullptr;
    if (sqlite3_exec(from->get(), "SELECT COUNT(*) FROM schema_migrations", nullptr, nullptr,
                     &error) != SQLITE_OK) {
        sqlite3_free(error);
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "{1} is not a Šķirosim backup.", {backup}));
    }
    auto to = open(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to) return std::unexpected(to.error());
    // The copy replaces the database in one transaction of the destination: a server that has
    // it open keeps it locked, and the restore waits and then says so.
    sqlite3_busy_timeout(to->get(), 2'000);
    auto done = copy(from->get(), to->get(), backup);
    if (!done) {
        return std::unexpected(Error::make(
            ErrorCode::unavailable,
            "Cannot write {1}: stop the server that uses it, then restore again.", {destination}));
    }
    return {};
}

}  // namespace skirosim::storage
