// The sorting guide through the real server, on SQLite and PostgreSQL: API, pages, and what
// the guide records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "guide/repository.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace json = boost::json;

class Guide : public ::testing::TestWithParam<std::string> {
protected:
    TestServer& server() {
        if (!server_) server_ = std::make_unique<TestServer>(GetParam());
        return *server_;
    }
    json::value api(const std::string& query_string) {
        auto r = server().get("/api/v1/search?" + query_string);
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_THAT(r.header("content-type"), HasSubstr("application/json"));
        return json::parse(r.body);
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Guide, ApiAnswersInTheDocumentedShape) {
    auto answer = api("q=baterijas&lang=lv&limit=3");
    EXPECT_EQ(answer.at("query").as_string(), "baterijas");
    const auto& results = answer.at("results").as_array();
    ASSERT_EQ(results.size(), 3u);
    const auto& first = results[0].as_object();
    EXPECT_EQ(first.at("item").as_string(), "battery");
    EXPECT_EQ(first.at("name").as_string(), "baterija");
    EXPECT_EQ(first.at("channel").as_string(), "batteries");
    EXPECT_EQ(first.at("channels").as_array().size(), 1u);
    EXPECT_EQ(first.at("bin").at("id").as_string(), "batteries");
    EXPECT_TRUE(first.at("score").is_number());
    EXPECT_TRUE(answer.at("suggestion").is_null());
}

TEST_P(Guide, ApiFollowsTheLanguageAndTheWayPeopleType) {
    EXPECT_EQ(api("q=batareika&lang=ru").at("results").at(0).at("name").as_string(), "батарейка");
    EXPECT_EQ(api("q=%D0%B1%D0%B0%D1%82%D0%B0%D1%80%D0%B5%D0%B9%D0%BA%D1%83&lang=en")  // батарейку
                  .at("results")
                  .at(0)
                  .at("item")
                  .as_string(),
              "battery");
    EXPECT_EQ(api("q=picas+karba&lang=lv").at("results").at(0).at("item").as_string(), "pizza-box");
}

TEST_P(Guide, ConditionalItemsListEveryChannelTheyCanLeadTo) {
    // A PET bottle: the deposit mark decides between the return machine and the packaging bin.
    auto answer = api("q=water+bottle&lang=en&limit=1");
    const auto& first = answer.at("results").at(0).as_object();
    EXPECT_EQ(first.at("item").as_string(), "water-bottle");
    const auto& channels = first.at("channels").as_array();
    EXPECT_EQ(channels.size(), 2u);
    EXPECT_NE(std::find(channels.begin(), channels.end(), json::value("deposit")), channels.end());
}

TEST_P(Guide, DaugavpilsOverridesTheUniversalAnswer) {
    // AADSO's packaging containers refuse yoghurt pots: mixed waste in Daugavpils.
    auto answer = api("q=yoghurt+pot&lang=en&limit=1");
    EXPECT_EQ(answer.at("results").at(0).at("item").as_string(), "yoghurt-pot");
    EXPECT_EQ(answer.at("results").at(0).at("channel").as_string(), "mixed");
    auto page = server().get("/en/guide/item/yoghurt-pot");
    EXPECT_THAT(page.body, HasSubstr("AADSO"));
}

TEST_P(Guide, QueriesWithNoAnswerAreRecordedWithoutThePerson) {
    auto answer = api("q=flux+capacitor+zzz&lang=en");
    EXPECT_FALSE(answer.at("found").as_bool());
    server().guide().writer().flush();
    auto misses = server().app().database().read<std::vector<guide::MissedSearch>>(
        [](soci::session& sql) -> Result<std::vector<guide::MissedSearch>> {
            return guide::Repository::misses(sql, 10);
        });
    ASSERT_TRUE(misses);
    ASSERT_FALSE(misses->empty());
    EXPECT_EQ(misses->front().query, "flux capacitor zzz");
    EXPECT_EQ(misses->front().language, "en");
    // A good answer is not recorded.
    api("q=battery&lang=en");
    server().guide().writer().flush();
    auto again = server().app().database().read<std::vector<guide::MissedSearch>>(
        [](soci::session& sql) -> Result<std::vector<guide::MissedSearch>> {
            return guide::Repository::misses(sql, 10);
        });
    EXPECT_EQ(again->size(), 1u);
}

TEST_P(Guide, ApiRejectsBadInputClearly) {
    auto long_query = server().get("/api/v1/search?lang=en&q=" + std::string(300, 'a'));
    EXPECT_EQ(long_query.status, 400);
    EXPECT_EQ(json::parse(long_query.body).at("error").at("code").as_string(), "invalid_input");
    auto bad_limit = server().get("/api/v1/search?q=battery&limit=abc");
    EXPECT_EQ(bad_limit.status, 200);  // falls back to the default limit
    auto empty = api("q=&lang=lv");
    EXPECT_TRUE(empty.at("results").as_array().empty());
}

TEST_P(Guide, SearchPageWorksAsAPlainForm) {
    auto page = server().get("/ru/guide?q=batareiki");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("href=\"/ru/guide/item/battery\""));
    EXPECT_THAT(page.body, HasSubstr("Ящик для сбора батареек"));
    auto nothing = server().get("/lv/guide?q=qwzx+vvv");
    EXPECT_THAT(nothing.body, HasSubstr("To mēs vēl nezinām."));
    auto typo = server().get("/en/guide?q=newspapr");
    EXPECT_THAT(typo.body, HasSubstr("item/newspaper"));
    // What a person typed is escaped, never markup.
    auto script = server().get("/en/guide?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    EXPECT_THAT(script.body, Not(HasSubstr("<script>alert(1)")));
    EXPECT_THAT(script.body, HasSubstr("&lt;script&gt;"));
}

TEST_P(Guide, ItemPageAsksItsQuestionAsLinks) {
    auto page = server().get("/lv/guide/item/pizza-box");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("?answer=yes"));
    EXPECT_THAT(page.body, HasSubstr("?answer=no"));
    auto no = server().get("/en/guide/item/pizza-box?answer=no");
    EXPECT_THAT(no.body, HasSubstr("guide/bin/packaging"));
    auto yes = server().get("/en/guide/item/pizza-box?answer=yes");
    EXPECT_THAT(yes.body, HasSubstr("guide/bin/mixed"));
    EXPECT_EQ(server().get("/en/guide/item/no-such-item").status, 404);
}

TEST_P(Guide, BinPageListsWhatGoesInAndTheCommonMistakes) {
    auto page = server().get("/en/guide/bin/packaging");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("The most common mistakes"));
    EXPECT_THAT(page.body, HasSubstr("item/newspaper"));
    EXPECT_THAT(page.body, Not(HasSubstr("item/yoghurt-pot\"")));  // refused in Daugavpils
    EXPECT_EQ(server().get("/en/guide/bin/nowhere").status, 404);
    // The sources are cited in English: a Russian page marks them so for a screen reader.
    EXPECT_THAT(server().get("/ru/guide/bin/packaging").body,
                HasSubstr("Источник: <span lang=\"en\">"));
}

TEST_P(Guide, AToZFollowsEachLanguagesAlphabet) {
    auto lv = server().get("/lv/guide/a-z");
    ASSERT_EQ(lv.status, 200);
    // Latvian: C, then Č, then D.
    auto c = lv.body.find(">C</h2>"), ch = lv.body.find(">Č</h2>"), d = lv.body.find(">D</h2>");
    ASSERT_NE(c, std::string::npos);
    ASSERT_NE(ch, std::string::npos);
    ASSERT_NE(d, std::string::npos);
    EXPECT_LT(c, ch);
    EXPECT_LT(ch, d);
    auto ru = server().get("/ru/guide/a-z");
    EXPECT_LT(ru.body.find(">А</h2>"), ru.body.find(">Я</h2>"));
}

TEST_P(Guide, LookingAnItemUpRaisesItInTheRanking) {
    server().get("/en/guide/item/aa-battery");
    server().guide().writer().flush();
    auto counts = server().app().database().read<std::unordered_map<std::string, long long>>(
        [](soci::session& sql) -> Result<std::unordered_map<std::string, long long>> {
            return guide::Repository::lookup_counts(sql);
        });
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->at("aa-battery"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Guide, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
