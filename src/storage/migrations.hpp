// Numbered schema migrations from files, recorded in the database, the same sequence on both
// backends.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace skirosim::storage {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

// Reads migrations/NNNN_name.sql, ordered by number; two files with one number are an error.
Result<std::vector<Migration>> load_migrations(const std::filesystem::path& directory);

struct MigrationReport {
    int applied = 0;                  // how many this call applied
    bool database_was_empty = false;  // no migration had ever been applied
};

// Applies what is not yet applied, each migration in its own transaction. Safe when several
// servers start at once: PostgreSQL serialises them with an advisory lock, SQLite with its
// write lock.
// `now`: when they are recorded as applied.
Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations,
                                std::time_t now);

// Splits a script into statements at semicolons that end a line (migrations keep to that).
std::vector<std::string> split_statements(const std::string& script);

}  // namespace skirosim::storage
