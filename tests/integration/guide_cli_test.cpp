// The guide from the command line: search, batch search, CSV import and export.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"
#include "support/test_env.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class GuideCli : public ::testing::Test {
protected:
    void SetUp() override { dir_ = fresh_test_directory(); }
    std::string command(const std::string& args, const std::string& db = "main.db") const {
        return skirosim_command((dir_ / db).string()) + " " + args;
    }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] == '{') lines.push_back(line);
    }
    return lines;
}

TEST_F(GuideCli, SearchPrintsTheAnswerAndJson) {
    auto plain = run_command(command("search --lang en baterijas 2>/dev/null"));
    EXPECT_EQ(plain.exit_code, 0);
    EXPECT_THAT(plain.output, HasSubstr("battery → batteries"));
    auto as_json = run_command(command("search --lang ru --limit 2 --json batareika 2>/dev/null"));
    ASSERT_EQ(as_json.exit_code, 0) << as_json.output;
    auto answer = boost::json::parse(lines_of(as_json.output).at(0));
    EXPECT_EQ(answer.at("results").as_array().size(), 2u);
    EXPECT_EQ(answer.at("results").at(0).at("name").as_string(), "батарейка");
}

TEST_F(GuideCli, BatchAnswersEveryLineInOrder) {
    std::ofstream(path("queries.txt")) << "baterijas\nru\tбутылку\nen\tpizza box\n\nqqqzzz\n";
    auto r = run_command(
        command("search --batch --lang lv < " + shell_quote(path("queries.txt")) + " 2>/dev/null"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto lines = lines_of(r.output);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(boost::json::parse(lines[0]).at("results").at(0).at("item").as_string(), "battery");
    EXPECT_EQ(boost::json::parse(lines[1]).at("language").as_string(), "ru");
    EXPECT_EQ(boost::json::parse(lines[2]).at("results").at(0).at("item").as_string(), "pizza-box");
    EXPECT_TRUE(boost::json::parse(lines[3]).at("results").as_array().empty());
    EXPECT_FALSE(boost::json::parse(lines[4]).at("found").as_bool());
}

TEST_F(GuideCli, ItemsRoundTripThroughCsv) {
    ASSERT_EQ(run_command(command("export -o " + shell_quote(path("all.json")) + " --items-csv " +
                                  shell_quote(path("items.csv"))))
                  .exit_code,
              0);
    // A new database with the channels and bins but no items, then the CSV.
    boost::json::value all;
    {
        std::ifstream in(path("all.json"));
        std::stringstream text;
        text << in.rdbuf();
        all = boost::json::parse(text.str());
    }
    boost::json::object bins{
        {"format", "skirosim/1"}, {"channels", all.at("channels")}, {"places", all.at("places")}};
    std::ofstream(path("bins.json")) << boost::json::serialize(bins);
    ASSERT_EQ(run_command(command("--empty import " + shell_quote(path("bins.json")), "copy.db"))
                  .exit_code,
              0);
    auto imported = run_command(command("import " + shell_quote(path("items.csv")), "copy.db"));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    ASSERT_EQ(run_command(command("export -o " + shell_quote(path("copy.json")) + " --items-csv " +
                                      shell_quote(path("copy.csv")),
                                  "copy.db"))
                  .exit_code,
              0);
    std::ifstream a(path("items.csv")), b(path("copy.csv"));
    std::string one((std::istreambuf_iterator<char>(a)), {}),
        two((std::istreambuf_iterator<char>(b)), {});
    EXPECT_GT(one.size(), 10000u);
    EXPECT_EQ(one, two);
    // The picture, the source and whether it is verified travel with each item.
    EXPECT_THAT(one.substr(0, one.find('\r')),
                ::testing::EndsWith(",reuse_en,picture,source,verified"));
    EXPECT_THAT(one, ::testing::HasSubstr(",1F375,\"AADSO biowaste-bin rules"));
    std::ifstream c(path("copy.json"));
    std::stringstream copy_text;
    copy_text << c.rdbuf();
    EXPECT_EQ(boost::json::parse(copy_text.str()).at("items"), all.at("items"));
}

TEST_F(GuideCli, ABadCsvNamesRowAndFieldAndImportsNothing) {
    std::ofstream(path("bad.csv"))
        << "id,channel,name_lv,name_ru,name_en,synonyms_lv,synonyms_ru,synonyms_en,question_lv,"
           "question_ru,"
           "question_en,yes,no,tips_lv,tips_ru,tips_en,reuse_lv,reuse_ru,reuse_en\n"
        << "new-thing,paper,jauna lieta,новая вещь,new thing,,,,,,,,,,,,,,\n"
        << "broken-thing,Card Board,cita lieta,другая вещь,other thing,,,,,,,,,,,,,,\n";
    auto r = run_command(command("import " + shell_quote(path("bad.csv"))));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("row 3"));
    EXPECT_THAT(r.output, HasSubstr("channel"));
    // Channels are the data's; a code must still look like one (a known code is checked after).
    EXPECT_THAT(r.output, HasSubstr("\"Card Board\" is not a channel code"));
    auto search = run_command(command("search --lang en --json \"new thing\" 2>/dev/null"));
    auto answer = boost::json::parse(lines_of(search.output).at(0));
    for (const auto& result : answer.at("results").as_array()) {
        EXPECT_NE(result.at("item").as_string(), "new-thing");  // the valid row was not imported
    }
    std::ofstream(path("unclosed.csv")) << "id,channel\n\"open,paper\n";
    auto unclosed = run_command(command("import " + shell_quote(path("unclosed.csv"))));
    EXPECT_EQ(unclosed.exit_code, 1);
    EXPECT_THAT(unclosed.output, HasSubstr("never closed"));
}

TEST_F(GuideCli, ABadJsonItemNamesRecordAndField) {
    std::ofstream(path("bad.json")) << R"({"format": "skirosim/1", "items": [
      {"id": "fine", "channel": "paper", "name": {"lv": "a", "ru": "б", "en": "c"}},
      {"id": "wrong", "channel": "paper", "name": {"lv": "a", "ru": "б", "en": "c"},
       "question": {"text": {"lv": "?", "ru": "?", "en": "?"}, "yes": "glass", "no": "mixed"}}]})";
    auto r = run_command(command("import " + shell_quote(path("bad.json"))));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("items[1].channel"));
    EXPECT_THAT(r.output, HasSubstr("question's yes or no answer"));
    std::ofstream(path("orphan.json"))
        << R"({"overrides": [{"place": "daugavpils", "item": "unicorn",
        "channel": "mixed", "note": {"lv": "a", "ru": "б", "en": "c"}}]})";
    auto orphan = run_command(command("import " + shell_quote(path("orphan.json"))));
    EXPECT_EQ(orphan.exit_code, 1);
    EXPECT_THAT(orphan.output, HasSubstr("unknown item \"unicorn\""));
}

}  // namespace
}  // namespace skirosim::testing
