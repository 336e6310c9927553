// Migration files: ordering, numbering errors, statement splitting, and applying them twice.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/migrations.hpp"
#include "support/test_env.hpp"

namespace skirosim::storage {
namespace {

namespace fs = std::filesystem;

fs::path temp_folder(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / "skirosim-tests" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(Migrations, SplitsStatementsAtLineEndingSemicolons) {
    auto statements = split_statements(
        "-- a comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nCREATE TABLE b (\n  y INTEGER\n);\n"
        "INSERT INTO a VALUES ('x')");
    ASSERT_EQ(statements.size(), 3u);
    EXPECT_EQ(statements[0], "CREATE TABLE a (x TEXT DEFAULT ';')");
    EXPECT_NE(statements[1].find("y INTEGER"), std::string::npos);
    EXPECT_EQ(statements[2], "INSERT INTO a VALUES ('x')\n");
}

TEST(Migrations, LoadsInNumberOrderAndRejectsDuplicates) {
    auto dir = temp_folder("migrations-order");
    write(dir / "0010_later.sql", "SELECT 1;");
    write(dir / "0002_first.sql", "SELECT 1;");
    write(dir / "notes.txt", "ignored");
    auto loaded = load_migrations(dir);
    ASSERT_TRUE(loaded);
    ASSERT_EQ(loaded->size(), 2u);
    EXPECT_EQ((*loaded)[0].version, 2);
    EXPECT_EQ((*loaded)[1].version, 10);
    write(dir / "0002_again.sql", "SELECT 1;");
    EXPECT_FALSE(load_migrations(dir));
    auto bad = temp_folder("migrations-bad");
    write(bad / "first.sql", "SELECT 1;");
    EXPECT_FALSE(load_migrations(bad));
}

class MigrationsOnBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(MigrationsOnBackend, TheProjectsMigrationsApplyOnceAndAreRecorded) {
    auto url = DatabaseUrl::parse(testing::fresh_database_url(GetParam()));
    ASSERT_TRUE(url);
    Database db(*url, 2);
    auto migrations = load_migrations(fs::path(testing::source_dir()) / "migrations");
    ASSERT_TRUE(migrations);
    ASSERT_FALSE(migrations->empty());
    auto first = migrate(db, *migrations, 1796108400);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->database_was_empty);
    EXPECT_EQ(first->applied, static_cast<int>(migrations->size()));
    auto second = migrate(db, *migrations, 1796108400);
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->database_was_empty);
    EXPECT_EQ(second->applied, 0);
    auto recorded = db.read<int>([](soci::session& sql) -> Result<int> {
        int count = 0;
        sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(count);
        return count;
    });
    ASSERT_TRUE(recorded);
    EXPECT_EQ(*recorded, static_cast<int>(migrations->size()));
}

TEST_P(MigrationsOnBackend, AFailingMigrationLeavesNothingBehind) {
    auto url = DatabaseUrl::parse(testing::fresh_database_url(GetParam()));
    ASSERT_TRUE(url);
    Database db(*url, 2);
    std::vector<Migration> migrations{
        {1, "0001_ok.sql", "CREATE TABLE good (x INTEGER);"},
        {2, "0002_bad.sql", "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;"}};
    auto result = migrate(db, migrations, 1796108400);
    EXPECT_FALSE(result);
    auto tables = db.read<int>([](soci::session& sql) -> Result<int> {
        int count = 0;
        sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(count);
        return count;
    });
    ASSERT_TRUE(tables);
    EXPECT_EQ(*tables, 1);  // the first one only; the second was rolled back whole
    auto half = db.read<int>([](soci::session& sql) -> Result<int> {
        int count = 0;
        sql << "SELECT COUNT(*) FROM half", soci::into(count);
        return count;
    });
    EXPECT_FALSE(half);  // the table of the failed migration does not exist
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationsOnBackend, ::testing::ValuesIn(testing::backends()));

TEST(DatabaseUrl, ParsesBothKindsAndHidesPasswords) {
    auto sqlite = DatabaseUrl::parse("sqlite:/tmp/x.db");
    ASSERT_TRUE(sqlite);
    EXPECT_EQ(sqlite->backend, Backend::sqlite);
    auto pg =
        DatabaseUrl::parse("postgresql://app:s3cret@db.example:5433/skirosim?sslmode=require");
    ASSERT_TRUE(pg);
    EXPECT_EQ(pg->backend, Backend::postgresql);
    EXPECT_EQ(pg->display.find("s3cret"), std::string::npos);
    EXPECT_NE(pg->connect_string.find("dbname='skirosim'"), std::string::npos);
    EXPECT_NE(pg->connect_string.find("port='5433'"), std::string::npos);
    EXPECT_NE(pg->connect_string.find("sslmode='require'"), std::string::npos);
    EXPECT_FALSE(DatabaseUrl::parse("mysql://x"));
    EXPECT_FALSE(DatabaseUrl::parse("sqlite:"));
    EXPECT_FALSE(DatabaseUrl::parse("postgresql://h/db?bad key=1"));
}

}  // namespace
}  // namespace skirosim::storage
