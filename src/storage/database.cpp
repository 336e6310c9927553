// SOCI session pool with reconnection, and database error classification.
#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "core/json_reader.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace skirosim::storage {

Result<DatabaseUrl> DatabaseUrl::parse(const std::string& url) {
    DatabaseUrl result;
    if (url.starts_with("sqlite:")) {
        std::string path = url.substr(7);
        if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path too
        if (path.empty()) {
            return std::unexpected(
                Error::make(ErrorCode::invalid_input, "The SQLite database path is empty."));
        }
        result.backend = Backend::sqlite;
        // SOCI's sqlite3 backend takes "db=PATH timeout=SECONDS"; quote the path for spaces.
        result.connect_string = "db=\"" + path + "\" timeout=10";
        result.display = "sqlite:" + path;
        result.sqlite_path = path;
        return result;
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        auto parsed = boost::urls::parse_uri(url);
        if (!parsed) {
            return std::unexpected(Error::make(ErrorCode::invalid_input,
                                               "The PostgreSQL URL is not valid: {1}",
                                               {parsed.error().message()}));
        }
        result.backend = Backend::postgresql;
        // SOCI 4.0 mangles libpq's URI form ("database \"postgres=\" does not exist"), so
        // it gets libpq's keyword form instead.
        auto quote = [](const std::string& value) {
            std::string out = "'";
            for (char c : value) {
                if (c == '\\' || c == '\'') out += '\\';
                out += c;
            }
            return out + "'";
        };
        std::string keywords;
        auto add = [&](const char* key, const std::string& value) {
            if (value.empty()) return;
            if (!keywords.empty()) keywords += ' ';
            keywords += key;
            keywords += '=';
            keywords += quote(value);
        };
        add("host", std::string(parsed->host_address()));
        add("port", std::string(parsed->port()));
        add("user", parsed->user());
        add("password", parsed->password());
        std::string database = parsed->path();
        if (!database.empty() && database.front() == '/') database.erase(0, 1);
        add("dbname", database);
        if (parsed->has_query()) {
            std::string query(parsed->encoded_query());
            std::size_t start = 0;
            while (start <= query.size()) {
                auto amp = query.find('&', start);
                if (amp == std::string::npos) amp = query.size();
                std::string pair = query.substr(start, amp - start);
                auto eq = pair.find('=');
                if (eq != std::string::npos) {
                    const std::string key = pair.substr(0, eq);
                    if (!is_identifier(key)) {
                        return std::unexpected(Error::make(ErrorCode::invalid_input,
                                                           "The PostgreSQL URL is not valid: {1}",
                                                           {"bad option " + key}));
                    }
                    add(key.c_str(), pair.substr(eq + 1));
                }
                start = amp + 1;
            }
        }
        result.connect_string = keywords;
        boost::urls::url shown = *parsed;
        if (shown.has_password()) shown.set_password("***");
        result.display = std::string(shown.buffer());
        return result;
    }
    return std::unexpected(Error::make(
        ErrorCode::invalid_input,
        "Unknown database \"{1}\": use sqlite:PATH or postgresql://USER@HOST/DATABASE.", {url}));
}

Lease::Lease(Database& db, std::size_t slot) : db_(&db), slot_(slot) {}
Lease::Lease(Lease&& other) noexcept : db_(other.db_), slot_(other.slot_) { other.db_ = nullptr; }
Lease::~Lease() {
    if (db_) db_->give_back(slot_);
}
soci::session& Lease::operator*() const { return db_->pool_.at(slot_); }
soci::session* Lease::operator->() const { return &db_->pool_.at(slot_); }

Database::Database(const DatabaseUrl& url, std::size_t pool_size)
    : url_(url),
      pool_(pool_size),
      size_(pool_size),
      broken_(std::make_unique<std::atomic<bool>[]>(pool_size)) {
    // Open the first session eagerly so that a wrong URL fails at start with a clear message;
    // the others open lazily, so a server can start while PostgreSQL is still coming up.
    for (std::size_t i = 0; i < size_; ++i) broken_[i] = true;
    auto first = lease();
}

Database::~Database() = default;

void Database::open_session(soci::session& session) {
    if (url_.backend == Backend::sqlite) {
        session.open(soci::sqlite3, url_.connect_string);
        // WAL lets readers go on while one writer writes; busy_timeout makes writers queue
        // instead of failing with SQLITE_BUSY.
        session << "PRAGMA journal_mode=WAL";
        session << "PRAGMA busy_timeout=10000";
        session << "PRAGMA foreign_keys=ON";
        session << "PRAGMA synchronous=NORMAL";
    } else {
        session.open(soci::postgresql, url_.connect_string);
        session << "SET TIME ZONE 'UTC'";
    }
}

Lease Database::lease(std::chrono::milliseconds timeout) {
    std::size_t slot = 0;
    if (!pool_.try_lease(slot, static_cast<int>(timeout.count()))) {
        throw soci::soci_error("no database session became free in time");
    }
    Lease lease(*this, slot);
    if (broken_[slot]) {
        soci::session& session = pool_.at(slot);
        session.close();
        open_session(session);
        broken_[slot] = false;
    }
    return lease;
}

void Database::give_back(std::size_t slot) { pool_.give_back(slot); }

void Database::mark_all_broken() {
    for (std::size_t i = 0; i < size_; ++i) broken_[i] = true;
}

bool Database::ping() {
    auto result = read<int>([](soci::session& sql) -> Result<int> {
        int one = 0;
        sql << "SELECT 1", soci::into(one);
        return one;
    });
    return result && *result == 1;
}

WriteTransaction::WriteTransaction(soci::session& session, Backend backend) : session_(session) {
    if (backend == Backend::sqlite)
        session_ << "BEGIN IMMEDIATE";
    else
        session_.begin();
}

WriteTransaction::~WriteTransaction() {
    if (!open_) return;
    try {
        session_.rollback();
    } catch (...) {
        // The connection is gone, and the transaction with it.
    }
}

void WriteTransaction::commit() {
    session_.commit();
    open_ = false;
}

void WriteTransaction::rollback() {
    open_ = false;
    session_.rollback();
}

Database::Failure Database::classify(const std::exception& e) const {
    if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
        switch (soci_error->get_error_category()) {
            case soci::soci_error::connection_error:
                return {
                    Error::make(ErrorCode::unavailable, "The database is not available right now."),
                    true};
            case soci::soci_error::constraint_violation:
                return {
                    Error::make(ErrorCode::conflict, "This conflicts with data already saved.")};
            default:
                break;
        }
        // libpq reports a dropped server as a plain error on some paths; check the message.
        const std::string message = soci_error->get_error_message();
        if (message.find("server closed the connection") != std::string::npos ||
            message.find("no connection to the server") != std::string::npos ||
            message.find("could not connect") != std::string::npos ||
            message.find("terminating connection") != std::string::npos ||
            message.find("Connection refused") != std::string::npos) {
            return {Error::make(ErrorCode::unavailable, "The database is not available right now."),
                    true};
        }
        if (message.find("UNIQUE constraint") != std::string::npos ||
            message.find("duplicate key") != std::string::npos) {
            return {Error::make(ErrorCode::conflict, "This conflicts with data already saved.")};
        }
        // The database refused to write (no room, or read-only): nothing of the transaction
        // was kept, so it may be tried once more on a fresh session. A fresh session because a
        // PostgreSQL session opened read-only stays read-only.
        if (message.find("readonly database") != std::string::npos ||
            message.find("database or disk is full") != std::string::npos ||
            message.find("No space left") != std::string::npos ||
            message.find("could not extend file") != std::string::npos ||
            message.find("read-only transaction") != std::string::npos) {
            spdlog::error("database cannot write: {}", message);
            return {
                Error::make(ErrorCode::unavailable, "The database cannot save anything right now."),
                true, true};
        }
        // A write that failed at the disk (a file-size limit gives this): the session is reopened,
        // but the write is not tried again.
        if (message.find("disk I/O error") != std::string::npos) {
            spdlog::error("database cannot write: {}", message);
            return {
                Error::make(ErrorCode::unavailable, "The database cannot save anything right now."),
                true};
        }
    }
    spdlog::error("database error: {}", e.what());
    return {Error::make(ErrorCode::internal, "Something went wrong on our side.")};
}

std::string Database::dialect(std::string sql) const {
    // The neutral SQL spells an auto-numbered key as @ID@; each backend has its own form. On
    // SQLite AUTOINCREMENT keeps a deleted row's id from being handed out again (a plain
    // INTEGER PRIMARY KEY reuses the highest one); PostgreSQL's identity never reuses.
    static const std::string kIdMarker = "@ID@";
    const std::string id = url_.backend == Backend::sqlite
                               ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                               : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    for (auto pos = sql.find(kIdMarker); pos != std::string::npos;
         pos = sql.find(kIdMarker, pos + id.size())) {
        sql.replace(pos, kIdMarker.size(), id);
    }
    return sql;
}

}  // namespace skirosim::storage
