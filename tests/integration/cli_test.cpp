// The skirosim command as an administrator uses it: help, settings from the environment,
// import and export, and a graceful stop.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/process.hpp"
#include "support/test_env.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string skirosim(const std::string& args) { return skirosim_cli() + " " + args; }

std::string temp_file(const std::string& name) {
    fs::path dir =
        fs::temp_directory_path() / "skirosim-tests" / ("cli-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return (dir / name).string();
}

TEST(Cli, VersionAndHelpForEverySubcommand) {
    auto version = run_command(shell_quote(binary()) + " version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_THAT(version.output, HasSubstr("skirosim 0."));
    for (const char* sub : {"serve", "migrate", "import", "export", "version"}) {
        auto help = run_command(shell_quote(binary()) + " " + sub + " --help");
        EXPECT_EQ(help.exit_code, 0) << sub;
        EXPECT_THAT(help.output, HasSubstr("Usage")) << sub;
    }
    auto top = run_command(shell_quote(binary()) + " --help");
    EXPECT_THAT(top.output, HasSubstr("SKIROSIM_DATABASE"));
    auto none = run_command(shell_quote(binary()));
    EXPECT_NE(none.exit_code, 0);
}

TEST(Cli, DatabaseFromEnvironmentAndTheFlagWins) {
    const std::string from_env = temp_file("env.db");
    const std::string from_flag = temp_file("flag.db");
    fs::remove(from_env);
    fs::remove(from_flag);
    auto r = run_command("SKIROSIM_DATABASE=sqlite:" + from_env + " " + skirosim("migrate"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::exists(from_env));
    fs::remove(from_env);
    r = run_command("SKIROSIM_DATABASE=sqlite:" + from_env + " " +
                    skirosim("--database sqlite:" + from_flag + " migrate"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::exists(from_flag));
    EXPECT_FALSE(fs::exists(from_env));
}

// `skirosim serve --database …` works as well as `skirosim --database … serve`.
TEST(Cli, TheWholeCommandsOptionsMayFollowTheSubcommand) {
    const std::string after = temp_file("after.db");
    fs::remove(after);
    auto migrated = run_command(skirosim("migrate --database sqlite:" + after));
    EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
    EXPECT_TRUE(fs::exists(after));

    const std::string served = temp_file("served.db");
    fs::remove(served);
    ServerProcess server("sqlite:" +
                         served);  // starts `skirosim serve --database sqlite:… --listen …`
    EXPECT_TRUE(fs::exists(served));
    auto page = run_command("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:" +
                            std::to_string(server.port()) + "/lv/");
    EXPECT_EQ(page.output, "200");
}

TEST(Cli, ANewDatabaseGetsTheDataProfileUnlessEmpty) {
    const std::string full = temp_file("full.db"), empty = temp_file("empty.db");
    fs::remove(full);
    fs::remove(empty);
    auto exported = run_command(skirosim("--database sqlite:" + full + " export"));
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    auto document = boost::json::parse(exported.output.substr(exported.output.find('{')));
    EXPECT_EQ(document.at("institutions").as_array().size(), 6u);
    auto bare = run_command(skirosim("--database sqlite:" + empty + " --empty export"));
    ASSERT_EQ(bare.exit_code, 0) << bare.output;
    auto bare_doc = boost::json::parse(bare.output.substr(bare.output.find('{')));
    EXPECT_TRUE(bare_doc.at("institutions").as_array().empty());
}

TEST(Cli, ABadImportNamesTheRecordAndFieldAndChangesNothing) {
    const std::string db = temp_file("import.db");
    fs::remove(db);
    const std::string before_file = temp_file("before.json");
    ASSERT_EQ(
        run_command(skirosim("--database sqlite:" + db + " export -o " + before_file)).exit_code,
        0);

    const std::string bad = temp_file("bad.json");
    std::ofstream(bad) << R"({"format": "skirosim/1", "institutions": [
      {"id": "new-school", "kind": "school", "name": {"lv": "Skola", "ru": "Школа", "en": "School"},
       "description": {"lv": "a", "ru": "б", "en": "c"}},
      {"id": "broken", "kind": "school", "name": {"lv": "Skola", "en": "School"},
       "description": {"lv": "a", "ru": "б", "en": "c"}}]})";
    auto r = run_command(skirosim("--database sqlite:" + db + " import " + bad));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("institutions[1].name.ru"));
    EXPECT_THAT(r.output, HasSubstr("bad.json"));
    EXPECT_THAT(r.output, HasSubstr("Nothing was imported"));

    const std::string after_file = temp_file("after.json");
    ASSERT_EQ(
        run_command(skirosim("--database sqlite:" + db + " export -o " + after_file)).exit_code, 0);
    std::ifstream a(before_file), b(after_file);
    std::string before((std::istreambuf_iterator<char>(a)), {}),
        after((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(before, after);  // the first, valid record was not half-imported

    const std::string not_json = temp_file("broken.json");
    std::ofstream(not_json) << "{\"format\": \"skirosim/1\",\n \"institutions\": [ oops ]}";
    r = run_command(skirosim("--database sqlite:" + db + " import " + not_json));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("line 2"));
}

TEST(Cli, ExportImportRoundTrip) {
    const std::string first = temp_file("first.db"), second = temp_file("second.db");
    fs::remove(first);
    fs::remove(second);
    const std::string dump = temp_file("dump.json"), again = temp_file("again.json");
    ASSERT_EQ(run_command(skirosim("--database sqlite:" + first + " export -o " + dump)).exit_code,
              0);
    auto imported =
        run_command(skirosim("--database sqlite:" + second + " --empty import " + dump));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    ASSERT_EQ(
        run_command(skirosim("--database sqlite:" + second + " export -o " + again)).exit_code, 0);
    std::ifstream a(dump), b(again);
    std::string one((std::istreambuf_iterator<char>(a)), {}),
        two((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(boost::json::parse(one), boost::json::parse(two));
}

TEST(Cli, TheExportHoldsTheActivitiesAndSaysWhatItDoesNotHold) {
    const std::string db = temp_file("activities.db");
    fs::remove(db);
    auto exported = run_command(skirosim("--database sqlite:" + db + " export"));
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    auto document = boost::json::parse(exported.output.substr(exported.output.find('{')));
    const auto& activities = document.at("activities").as_array();
    ASSERT_FALSE(activities.empty());
    bool workshop = false;
    for (const auto& a : activities) {
        if (a.at("id") != "sample-sorting-workshop-library") continue;
        workshop = true;
        EXPECT_EQ(a.at("institution"), "cerinu-biblioteka");
        EXPECT_EQ(a.at("capacity"), 20);
        EXPECT_EQ(a.at("registration"), true);
        EXPECT_EQ(a.at("start").as_string().size(), 16u);  // "2026-12-09T15:00", Riga time
    }
    EXPECT_TRUE(workshop);
    auto help = run_command(skirosim("export --help"));
    EXPECT_THAT(help.output,
                HasSubstr("accounts, registrations, reports and the logs are not in it"));
}

TEST(Cli, AStaffAccountNeedsAnInstitutionThatExists) {
    const std::string db = temp_file("staff.db");
    fs::remove(db);
    auto r = run_command(
        "echo 'a long password' | " +
        skirosim("--database sqlite:" + db +
                 " add-account x@example.org --name X --role staff --institution no-such-id"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("Unknown institution: no-such-id."));
    auto ok = run_command(
        "echo 'a long password' | " +
        skirosim("--database sqlite:" + db +
                 " add-account x@example.org --name X --role staff --institution pii-26"));
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
}

TEST(Cli, ItemsWhoseChannelsAreNotThereAreRefusedWithWhatToDo) {
    const std::string db = temp_file("bare.db");
    fs::remove(db);
    const std::string items = temp_file("items.json");
    std::ofstream(items) << R"({"format": "skirosim/1", "items": [{"id": "jar", "channel": "glass",
      "name": {"lv": "burka", "ru": "банка", "en": "jar"}}]})";
    auto r = run_command(skirosim("--database sqlite:" + db + " --empty import " + items));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("Item \"jar\" names the channel \"glass\""));
    EXPECT_THAT(r.output, HasSubstr("Import the channels first"));
    EXPECT_THAT(r.output, Not(HasSubstr("Something went wrong")));
    EXPECT_THAT(r.output, Not(HasSubstr("INSERT")));
    // Brought in together with the channels, the same item is fine.
    auto together = run_command(skirosim("--database sqlite:" + db + " --empty import " +
                                         source_dir() + "/data/daugavpils-kimija/guide.json"));
    ASSERT_EQ(together.exit_code, 0) << together.output;
    EXPECT_EQ(
        run_command(skirosim("--database sqlite:" + db + " --empty import " + items)).exit_code, 0);
}

TEST(Cli, WhatAFileSaysReachesTheTerminalWithoutItsControlCharacters) {
    const std::string db = temp_file("terminal.db");
    fs::remove(db);
    const std::string file = temp_file("escape.json");
    std::ofstream(file) << "{\"format\": \"skirosim/1\", \"items\": [{\"id\": "
                           "\"x\\u001b]0;owned\\u0007\\u001b[2J\"}]}";
    auto r = run_command(skirosim("--database sqlite:" + db + " import " + file));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.output.find('\x1b'), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find('\x07'), std::string::npos);
    EXPECT_THAT(r.output, HasSubstr("\\x1b]0;owned\\x07\\x1b[2J"));
}

TEST(Cli, AFileTooLargeToImportIsRefusedBeforeItIsRead) {
    const std::string db = temp_file("large.db");
    fs::remove(db);
    const std::string file = temp_file("large.json");
    {
        std::ofstream out(file);
        out << "{\"format\": \"skirosim/1\", \"items\": [";
        const std::string item =
            R"({"id": "x", "channel": "mixed", "name": {"lv": "a", "ru": "b", "en": "c"}},)";
        for (std::size_t written = 0; written < 17 * 1024 * 1024; written += item.size())
            out << item;
        out << "]}";
    }
    auto r = run_command(skirosim("--database sqlite:" + db + " import " + file));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("is larger than 16 MB. Split it into smaller files"));
    fs::remove(file);
}

// SIGTERM: the server stops accepting, finishes the request in flight, then exits 0.
TEST(Cli, GracefulShutdownFinishesTheRequestInFlight) {
    ServerProcess server(temp_sqlite_url());
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::socket socket(ioc);
    socket.connect({net::ip::make_address("127.0.0.1"), server.port()});
    const std::string head =
        "POST /en/about HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 10\r\n\r\nhalf=";
    net::write(socket, net::buffer(head));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    server.signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(server.wait(std::chrono::milliseconds(10)), -1) << "exited with a request in flight";
    net::write(socket, net::buffer(std::string("rest!")));
    std::string answer;
    boost::system::error_code ec;
    net::read(socket, net::dynamic_buffer(answer), ec);  // until the server closes
    EXPECT_THAT(answer, HasSubstr("HTTP/1.1 405"));      // the request was answered
    EXPECT_THAT(answer, HasSubstr("Connection: close"));
    EXPECT_EQ(server.wait(std::chrono::seconds(5)), 0);
}

TEST(Cli, IdleConnectionsDoNotDelayShutdown) {
    ServerProcess server(temp_sqlite_url());
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::socket idle(ioc);
    idle.connect({net::ip::make_address("127.0.0.1"), server.port()});
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto started = std::chrono::steady_clock::now();
    server.signal(SIGINT);
    EXPECT_EQ(server.wait(std::chrono::seconds(5)), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

}  // namespace
}  // namespace skirosim::testing
