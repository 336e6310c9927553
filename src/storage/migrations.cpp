// Applies numbered SQL migrations.
#include "storage/migrations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace skirosim::storage {

namespace fs = std::filesystem;

Result<std::vector<Migration>> load_migrations(const fs::path& directory) {
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        return std::unexpected(Error::make(
            ErrorCode::internal, "The migrations folder {1} is missing.", {directory.string()}));
    }
    std::map<int, Migration> by_version;
    for (const auto& entry : fs::directory_iterator(directory)) {
        const std::string file = entry.path().filename().string();
        if (entry.path().extension() != ".sql") continue;
        int version = 0;
        auto [ptr, err] = std::from_chars(file.data(), file.data() + file.size(), version);
        if (err != std::errc{} || ptr == file.data() || *ptr != '_' || version <= 0) {
            return std::unexpected(Error::make(
                ErrorCode::internal, "Migration file {1} does not start with NNNN_.", {file}));
        }
        if (by_version.contains(version)) {
            return std::unexpected(Error::make(ErrorCode::internal,
                                               "Two migrations have the number {1}.",
                                               {std::to_string(version)}));
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        by_version[version] = Migration{version, file, text.str()};
    }
    std::vector<Migration> result;
    for (auto& [version, migration] : by_version) result.push_back(std::move(migration));
    return result;
}

std::vector<std::string> split_statements(const std::string& script) {
    std::vector<std::string> statements;
    std::string current;
    std::istringstream lines(script);
    std::string line;
    while (std::getline(lines, line)) {
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
        current += line;
        current += '\n';
        auto last = line.find_last_not_of(" \t\r");
        if (line[last] == ';') {
            current.erase(current.find_last_of(';'));
            statements.push_back(std::move(current));
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) {
        statements.push_back(std::move(current));
    }
    return statements;
}

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

std::vector<int> applied_versions(soci::session& sql) {
    std::vector<int> versions;
    soci::rowset<int> rows = sql.prepare << "SELECT version FROM schema_migrations";
    for (int v : rows) versions.push_back(v);
    return versions;
}

}  // namespace

Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations,
                                std::time_t now) {
    MigrationReport report;
    auto created = db.read<bool>([](soci::session& sql) -> Result<bool> {
        sql << kCreateTable;
        return true;
    });
    if (!created) return std::unexpected(created.error());

    auto before = db.read<std::vector<int>>(
        [](soci::session& sql) -> Result<std::vector<int>> { return applied_versions(sql); });
    if (!before) return std::unexpected(before.error());
    report.database_was_empty = before->empty();

    for (const Migration& migration : migrations) {
        auto applied = db.transaction<bool>([&](soci::session& sql) -> Result<bool> {
            if (db.backend() == Backend::postgresql) {
                // Held to the end of the transaction: one server migrates, the others wait.
                sql << "SELECT pg_advisory_xact_lock(727001)";
            }
            int count = 0;
            sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v",
                soci::use(migration.version), soci::into(count);
            if (count > 0) return false;
            for (const std::string& statement : split_statements(migration.sql)) {
                sql << db.dialect(statement);
            }
            long long applied_at = now;
            sql << "INSERT INTO schema_migrations (version, name, applied_at) "
                   "VALUES (:v, :n, :t)",
                soci::use(migration.version), soci::use(migration.name), soci::use(applied_at);
            return true;
        });
        if (!applied) {
            spdlog::error("migration {} failed", migration.name);
            return std::unexpected(applied.error());
        }
        if (*applied) {
            spdlog::info("applied migration {}", migration.name);
            ++report.applied;
        }
    }
    return report;
}

}  // namespace skirosim::storage
