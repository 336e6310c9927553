// The guide gives the same answers everywhere, and learns of catalogue changes made by other
// processes; the server keeps its promises about logs and SQLite settings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <csignal>

#include "storage/database.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string cli(const std::string& database, const std::string& args) {
    return skirosim_cli() + " --database " + shell_quote(database) + " " + args;
}

std::string first_json_line(const std::string& output) {
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] == '{') return line;
    }
    return "{}";
}

class Consistency : public ::testing::TestWithParam<std::string> {};

TEST_P(Consistency, CliApiAndPagesGiveTheSameAnswers) {
    TestServer server(GetParam());
    const std::vector<std::pair<std::string, std::string>> queries{
        {"lv", "baterijas"},    {"ru", "batareika"}, {"en", "pizza box"},
        {"lv", "stikla burka"}, {"ru", "газеты"},    {"en", "bottel"}};
    for (const auto& [lang, query] : queries) {
        std::string encoded;
        for (unsigned char c : query) {
            if (c == ' ')
                encoded += '+';
            else if (std::isalnum(c))
                encoded += static_cast<char>(c);
            else
                encoded += fmt::format("%{:02X}", c);
        }
        auto api =
            boost::json::parse(server.get("/api/v1/search?lang=" + lang + "&q=" + encoded).body);
        const std::string api_top(api.at("results").at(0).at("item").as_string());

        auto cli_run =
            run_command(cli(server.database_url(), "search --json --lang " + lang + " " +
                                                       shell_quote(query) + " 2>/dev/null"));
        auto cli_answer = boost::json::parse(first_json_line(cli_run.output));
        EXPECT_EQ(cli_answer.at("results").at(0).at("item").as_string(), api_top) << query;

        auto page = server.get("/" + lang + "/guide?q=" + encoded);
        std::smatch m;
        ASSERT_TRUE(std::regex_search(page.body, m, std::regex("guide/item/([a-z0-9-]+)")))
            << query;
        EXPECT_EQ(m[1].str(), api_top) << query;
    }
}

TEST_P(Consistency, ACatalogueChangeByAnotherProcessIsSearchableWithinSeconds) {
    auto options = TestServer::default_options(fresh_database_url(GetParam()));
    options.catalogue_poll = std::chrono::milliseconds(200);
    TestServer server(options);
    EXPECT_TRUE(boost::json::parse(server.get("/api/v1/search?lang=en&q=zorblax").body)
                    .at("results")
                    .as_array()
                    .empty());
    const fs::path file = fs::temp_directory_path() / "skirosim-tests" /
                          ("new-item-" + std::to_string(getpid()) + GetParam() + ".json");
    std::ofstream(file) << R"({"items": [{"id": "zorblax", "channel": "electronics",
        "name": {"lv": "zorblakss", "ru": "зорбласк", "en": "zorblax"}}]})";
    auto imported = run_command(cli(server.database_url(), "import " + shell_quote(file.string())));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    std::string top;
    for (int i = 0; i < 40 && top != "zorblax"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto results =
            boost::json::parse(server.get("/api/v1/search?lang=en&q=zorblax").body).at("results");
        if (!results.as_array().empty()) top = results.at(0).at("item").as_string();
    }
    EXPECT_EQ(top, "zorblax");
}

INSTANTIATE_TEST_SUITE_P(Backends, Consistency, ::testing::ValuesIn(backends()));

TEST(ServerPromises, OneStructuredAccessLogLinePerRequest) {
    ServerProcess server(temp_sqlite_url());
    for (const char* target : {"/lv/", "/en/about", "/nowhere", "/api/v1/search?q=secret+words"}) {
        run_command("curl -s -o /dev/null http://127.0.0.1:" + std::to_string(server.port()) +
                    target);
    }
    server.signal(SIGTERM);
    ASSERT_EQ(server.wait(std::chrono::seconds(5)), 0);
    std::ifstream log(server.log_path());
    std::string line;
    int requests = 0;
    bool saw_search = false;
    while (std::getline(log, line)) {
        auto brace = line.find("{\"request\"");
        if (brace == std::string::npos) continue;
        auto entry = boost::json::parse(line.substr(brace));
        ++requests;
        EXPECT_TRUE(entry.at("status").is_int64());
        EXPECT_TRUE(entry.at("ms").is_double());
        EXPECT_FALSE(entry.at("route").as_string().empty());
        if (entry.at("path").as_string() == "/api/v1/search") saw_search = true;
        EXPECT_EQ(line.find("secret"), std::string::npos) << "what people type stays out of logs";
    }
    EXPECT_EQ(requests, 4);
    EXPECT_TRUE(saw_search);
}

TEST(ServerPromises, SqliteRunsInWalModeWithABusyTimeout) {
    auto url = storage::DatabaseUrl::parse(temp_sqlite_url());
    storage::Database db(*url, 1);
    auto settings = db.read<std::pair<std::string, int>>(
        [](soci::session& sql) -> Result<std::pair<std::string, int>> {
            std::string mode;
            int timeout = 0;
            sql << "PRAGMA journal_mode", soci::into(mode);
            sql << "PRAGMA busy_timeout", soci::into(timeout);
            return std::pair{mode, timeout};
        });
    ASSERT_TRUE(settings);
    EXPECT_EQ(settings->first, "wal");
    EXPECT_GE(settings->second, 5000);
}

}  // namespace
}  // namespace skirosim::testing
