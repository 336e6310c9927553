// Test environment: resource paths and fresh databases on SQLite and PostgreSQL.
#include "support/test_env.hpp"

#include "storage/database.hpp"
#include "support/process.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace skirosim::testing {

namespace fs = std::filesystem;

std::string source_dir() { return SKIROSIM_SOURCE_DIR; }
std::string locale_dir() { return SKIROSIM_LOCALE_DIR; }
std::string binary() { return SKIROSIM_BINARY; }

namespace {
std::string unique_name() {
    static std::atomic<int> counter{0};
    std::random_device random;
    return "t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(random() % 100000);
}
}  // namespace

std::string temp_sqlite_url() {
    fs::path dir = fs::temp_directory_path() / "skirosim-tests";
    fs::create_directories(dir);
    return "sqlite:" + (dir / (unique_name() + ".db")).string();
}

std::string fresh_test_directory() {
    const fs::path dir = fs::temp_directory_path() / "skirosim-tests" / unique_name();
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

const std::string& test_profile() {
    static const std::string profile = source_dir() + "/data/daugavpils-kimija";
    return profile;
}

const char* test_moment_text() { return "2026-12-01T09:00:00+02:00"; }

platform::Clock::time_point test_moment() {
    // 2026-12-01 07:00 UTC: a Tuesday morning in Riga, before every sample activity.
    return std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{7};
}

std::string skirosim_cli() {
    return shell_quote(binary()) + " --resources " + shell_quote(source_dir()) + " --locale-dir " +
           shell_quote(locale_dir()) + " --profile " + shell_quote(test_profile()) +
           " --clock-start " + test_moment_text();
}

std::string skirosim_command(const std::string& database_path) {
    return skirosim_cli() + " --database sqlite:" + shell_quote(database_path);
}

std::vector<std::string> backends() {
    std::vector<std::string> result{"sqlite"};
    const char* pg = std::getenv("SKIROSIM_TEST_POSTGRES");
    if (pg && *pg) {
        result.push_back("postgresql");
    } else if (const char* require = std::getenv("SKIROSIM_REQUIRE_POSTGRES");
               require && std::string(require) == "1") {
        throw std::runtime_error("SKIROSIM_REQUIRE_POSTGRES=1 but SKIROSIM_TEST_POSTGRES is unset");
    }
    return result;
}

std::string fresh_database_url(const std::string& backend) {
    if (backend == "sqlite") return temp_sqlite_url();
    const std::string server = std::getenv("SKIROSIM_TEST_POSTGRES");
    const std::string name = unique_name();
    {
        auto url = storage::DatabaseUrl::parse(server);
        if (!url) throw std::runtime_error("bad SKIROSIM_TEST_POSTGRES: " + server);
        soci::session admin(soci::postgresql, url->connect_string);
        admin << "CREATE DATABASE " + name;  // a generated identifier, not user input
    }
    // Replace the database part of the server URL ("…/postgres") with the new one.
    auto slash = server.rfind('/');
    auto query = server.find('?', slash);
    return server.substr(0, slash + 1) + name +
           (query == std::string::npos ? "" : server.substr(query));
}

}  // namespace skirosim::testing
