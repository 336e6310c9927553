// The guide capability's routes, in process: the search API, item and bin pages, A–Z.
#include <boost/json.hpp>

#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;

using GuideRoutes = RouteTest;

TEST_F(GuideRoutes, TheSearchApiPutsTheBatteryFirst) {
    auto answer = app_.get("/api/v1/search?lang=lv&q=baterija");
    EXPECT_EQ(answer.status, 200);
    EXPECT_THAT(answer.header("content-type"), HasSubstr("application/json"));
    const auto results = boost::json::parse(answer.body).at("results").as_array();
    ASSERT_FALSE(results.empty());
    EXPECT_EQ(results[0].at("item").as_string(), "battery");
}

TEST_F(GuideRoutes, AnItemPageAndAnUnknownItem) {
    auto battery = app_.get("/lv/guide/item/battery");
    EXPECT_EQ(battery.status, 200);
    EXPECT_THAT(battery.body, HasSubstr("baterija"));
    EXPECT_EQ(app_.get("/lv/guide/item/no-such-thing").status, 404);
}

TEST_F(GuideRoutes, TheSearchPageShowsTheAnswerWithoutJavaScript) {
    auto page = app_.get("/ru/guide?q=batareika");
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("батарейка"));
}

// Beside a result whose name differs from what matched, the match is shown when it helps: a
// word of the page's language, or one typed in another language; not another language's word
// reached by folding or a typo.
TEST_F(GuideRoutes, AResultShowsWhatMatchedOnlyInTheReadersLanguageOrAsTyped) {
    auto lv = app_.get("/lv/guide?q=baterija");
    EXPECT_THAT(lv.body, HasSubstr("result-matched\">(telefona baterija)"));
    EXPECT_THAT(lv.body, ::testing::Not(HasSubstr("(car battery)")));
    auto typed_in_english = app_.get("/lv/guide?q=car+battery");
    EXPECT_THAT(typed_in_english.body, HasSubstr("result-matched\">(car battery)"));
    auto latvian_on_a_russian_page = app_.get("/ru/guide?q=baterija");
    EXPECT_THAT(latvian_on_a_russian_page.body, HasSubstr("result-matched\">(baterija)"));
}

// "Also called" lists other names a reader can learn from, not the inflected forms the search
// keeps ("батареек" is "батарейка" in the genitive plural); the search still finds them.
TEST_F(GuideRoutes, AlsoCalledLeavesOutTheNamesInflectedFormsWhichTheSearchStillFinds) {
    auto ru = app_.get("/ru/guide/item/battery");
    EXPECT_THAT(ru.body, HasSubstr("class=\"synonym\">аккумулятор<"));
    EXPECT_THAT(ru.body, HasSubstr("class=\"synonym\">старые батарейки<"));
    EXPECT_THAT(ru.body, ::testing::Not(HasSubstr("class=\"synonym\">батареек<")));
    EXPECT_THAT(ru.body, ::testing::Not(HasSubstr("class=\"synonym\">батарейки<")));
    auto lv = app_.get("/lv/guide/item/battery");
    EXPECT_THAT(lv.body, HasSubstr("class=\"synonym\">vecās baterijas<"));
    EXPECT_THAT(lv.body, ::testing::Not(HasSubstr("class=\"synonym\">bateriju<")));
    // An inflection of an earlier synonym goes too: "kauls" after "kauli".
    auto bones = app_.get("/lv/guide/item/meat-bones");
    EXPECT_THAT(bones.body, HasSubstr("class=\"synonym\">kauli<"));
    EXPECT_THAT(bones.body, ::testing::Not(HasSubstr("class=\"synonym\">kauls<")));
    // "батареек", percent-encoded as a browser sends it.
    const auto found =
        boost::json::parse(
            app_.get("/api/v1/search?lang=ru&q=%D0%B1%D0%B0%D1%82%D0%B0%D1%80%D0%B5%D0%B5%D0%BA")
                .body)
            .at("results")
            .as_array();
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0].at("item").as_string(), "battery");
}

}  // namespace
}  // namespace skirosim::testing

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using GuideProvenanceRoutes = RouteTest;

// The answers say where they come from: a verified one names its source, an unverified one also
// says the operator has not confirmed it.
TEST_F(GuideProvenanceRoutes, AnItemPageShowsItsSourceAndWhetherTheOperatorConfirmedIt) {
    auto verified = app_.get("/en/guide/item/tea-bag");
    ASSERT_EQ(verified.status, 200);
    EXPECT_THAT(verified.body, HasSubstr("Source: <span lang=\"en\">AADSO biowaste-bin rules"));
    EXPECT_THAT(verified.body, Not(HasSubstr("not yet confirmed by the operator")));
    auto reading = app_.get("/ru/guide/item/ketchup-bottle");
    ASSERT_EQ(reading.status, 200);
    EXPECT_THAT(reading.body,
                HasSubstr("Источник: <span lang=\"en\">Šķirosim team&apos;s reading"));
    EXPECT_THAT(reading.body, HasSubstr("оператор пока не подтвердил"));
}

TEST_F(GuideProvenanceRoutes, SearchResultsCarryAPictureWeServeWhetherVerifiedAndTheSource) {
    auto answer = boost::json::parse(app_.get("/api/v1/search?lang=en&q=tea%20bag").body);
    const auto& first = answer.at("results").as_array().at(0).as_object();
    EXPECT_EQ(first.at("item").as_string(), "tea-bag");
    EXPECT_EQ(first.at("picture").as_string(), "/static/vendor/openmoji/1F375.svg");
    EXPECT_TRUE(first.at("verified").as_bool());
    EXPECT_THAT(std::string(first.at("source").as_string()), StartsWith("AADSO"));
    auto picture = app_.get(std::string(first.at("picture").as_string()));
    EXPECT_EQ(picture.status, 200);
    EXPECT_EQ(picture.header("content-type"), "image/svg+xml");
    EXPECT_THAT(picture.body, HasSubstr("<svg"));
    // Only plain file names are read from the pictogram folder.
    EXPECT_EQ(app_.get("/static/vendor/openmoji/..%2F..%2Fpackage.json").status, 404);
}

TEST_F(GuideProvenanceRoutes, PagesShowTheThingsPicture) {
    EXPECT_THAT(app_.get("/lv/guide?q=baterija").body,
                HasSubstr("src=\"/static/vendor/openmoji/1F50B.svg\""));
    EXPECT_THAT(app_.get("/lv/guide/item/battery").body,
                HasSubstr("src=\"/static/vendor/openmoji/1F50B.svg\""));
    EXPECT_THAT(app_.get("/lv/guide/bin/mixed").body,
                HasSubstr("src=\"/static/vendor/openmoji/1F5D1.svg\""));
    EXPECT_THAT(app_.get("/en/about").body, HasSubstr("OpenMoji"));
}

// Channels come from the data: a profile's own (scrap metal at the sorting site) answers.
TEST_F(GuideProvenanceRoutes, AChannelOfTheDataAnswersLikeAnyOther) {
    auto answer = boost::json::parse(app_.get("/api/v1/search?lang=en&q=frying%20pan").body);
    const auto& first = answer.at("results").as_array().at(0).as_object();
    EXPECT_EQ(first.at("item").as_string(), "frying-pan");
    EXPECT_EQ(first.at("channel").as_string(), "scrap-metal");
    EXPECT_EQ(first.at("bin").at("id").as_string(), "scrap-metal");
}

TEST_F(GuideProvenanceRoutes, TheEditorKeepsAndEditsTheSourceAndListsUnconfirmedAnswersFirst) {
    auto coordinator = as("coord@example.org", "coord password");
    auto list = coordinator.get("/en/coordinator/items");
    const auto first_unconfirmed = list.body.find("not yet confirmed by the operator");
    const auto tea_bag = list.body.find("/en/coordinator/items/tea-bag\"");  // verified
    ASSERT_NE(first_unconfirmed, std::string::npos);
    ASSERT_NE(tea_bag, std::string::npos);
    EXPECT_LT(first_unconfirmed, tea_bag);

    auto form = coordinator.get("/en/coordinator/items/tea-bag");
    EXPECT_THAT(form.body, HasSubstr("value=\"AADSO biowaste-bin rules"));
    EXPECT_THAT(form.body, HasSubstr("name=\"verified\" value=\"yes\" checked"));
    auto saved =
        coordinator.post("/en/coordinator/items/tea-bag", {{"channel", "mixed"},
                                                           {"name_lv", "tējas maisiņš"},
                                                           {"name_ru", "чайный пакетик"},
                                                           {"name_en", "tea bag"},
                                                           {"source", "AADSO by phone, 2026-12-02"},
                                                           {"picture", "1F375"},
                                                           {"action", "save"}});
    EXPECT_EQ(saved.status, 303);
    auto page = app_.get("/en/guide/item/tea-bag");
    EXPECT_THAT(page.body, HasSubstr("Source: <span lang=\"en\">AADSO by phone, 2026-12-02"));
    EXPECT_THAT(page.body,
                HasSubstr("not yet confirmed by the operator"));  // the box was left unticked
}

}  // namespace
}  // namespace skirosim::testing
