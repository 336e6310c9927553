// Forms a resident, staff and the coordinator fill in, refused as GOV.UK's pattern does: the
// same page again with status 400 (409 for a conflict), a summary at the top whose links lead
// to the fields, the message by the field in the page's language, what was typed kept; and
// the form's defaults follow the page's language. On SQLite and PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <regex>
#include <tuple>

#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Forms : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>(GetParam());
        ASSERT_TRUE(server_->accounts().create_confirmed(
            "staff26@example.org", "Staff 26", "staff password", "lv", {{"staff", "pii-26"}}));
        ASSERT_TRUE(server_->accounts().create_confirmed(
            "coord@example.org", "Koordinatore", "coord password", "lv", {{"coordinator", ""}}));
    }
    Browser as(const std::string& login, const std::string& password) {
        return logged_in(*server_, login, password);
    }
    long long activity(const std::string& external_id) {
        return *server_->app().database().read<long long>(
            [&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(external_id),
                    soci::into(v);
                return v;
            });
    }
    long long registrations() {
        return *server_->app().database().read<long long>(
            [&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT COUNT(*) FROM registrations", soci::into(v);
                return v;
            });
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Forms, ARefusedRegistrationIsTheActivityPageAgainWithTheProblemByTheFieldAndWhatWasTyped) {
    const std::string page =
        "/ru/activities/" + std::to_string(activity("sample-eco-lesson-pii-26"));
    Browser guest(*server_);
    guest.get(page);
    auto refused = guest.post(page + "/register", {{"name", "Ирина"},
                                                   {"contact", "asdf"},
                                                   {"age_adults", "2"},
                                                   {"age_age-1-6", "1"},
                                                   {"group", "families"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(registrations(), 0);
    // The activity's own page, its title first in the window's title after "Ошибка:".
    EXPECT_THAT(refused.body, HasSubstr("<title>Ошибка: "));
    EXPECT_THAT(refused.body, HasSubstr("class=\"error-summary\""));
    EXPECT_THAT(refused.body,
                HasSubstr("<a href=\"#contact\">Напишите адрес эл. почты или номер телефона.</a>"));
    EXPECT_THAT(refused.body, HasSubstr("<p class=\"field-error\" id=\"contact-error\">"));
    EXPECT_THAT(refused.body, HasSubstr("aria-invalid=\"true\""));
    // What was typed and chosen stays: the name, the contact, the party by age, the group.
    EXPECT_THAT(refused.body, HasSubstr("value=\"Ирина\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"asdf\""));
    EXPECT_THAT(refused.body, HasSubstr("name=\"age_adults\" type=\"number\" min=\"0\" max=\"20\" "
                                        "value=\"2\""));
    EXPECT_THAT(refused.body, HasSubstr("name=\"age_age-1-6\" type=\"number\" min=\"0\" "
                                        "max=\"20\" value=\"1\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"families\" checked"));
    // Corrected, it goes through.
    auto done =
        guest.post(page + "/register",
                   {{"name", "Ирина"}, {"contact", "irina@example.org"}, {"age_adults", "2"}});
    EXPECT_EQ(done.status, 200);
    EXPECT_EQ(registrations(), 1);
}

TEST_P(Forms, AContactRegisteredAlreadyIsToldAndMaySayItIsAnotherParty) {
    const std::string page =
        "/lv/activities/" + std::to_string(activity("sample-sorting-workshop-library"));
    Browser guest(*server_);
    guest.get(page);
    const std::vector<std::pair<std::string, std::string>> form{
        {"name", "Ilze"}, {"contact", "Ilze@Example.org"}, {"age_adults", "1"}};
    ASSERT_EQ(guest.post(page + "/register", form).status, 200);
    auto again = form;
    again[1] = {"contact", "ilze@example.org"};  // the same address, otherwise written
    auto twice = guest.post(page + "/register", again);
    EXPECT_EQ(twice.status, 409);
    EXPECT_THAT(twice.body, HasSubstr("<a href=\"#contact\">Ar šo e-pasta adresi vai tālruņa "
                                      "numuru šim pasākumam jau ir pieteikums."));
    EXPECT_THAT(twice.body, HasSubstr("name=\"another_party\" value=\"yes\""));
    EXPECT_EQ(registrations(), 1);
    again.emplace_back("another_party", "yes");
    EXPECT_EQ(guest.post(page + "/register", again).status, 200);
    EXPECT_EQ(registrations(), 2);
}

TEST_P(Forms, StaffRegisteringAResidentSeeTheirOwnFormAgainNotTheResidentsOne) {
    const std::string page =
        "/lv/activities/" + std::to_string(activity("sample-eco-lesson-pii-26"));
    auto staff = as("staff26@example.org", "staff password");
    staff.get(page);
    auto refused =
        staff.post(page + "/register-resident",
                   {{"resident", ""}, {"name", ""}, {"age_adults", "3"}, {"consent", "yes"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("<a href=\"#resident-name\">"));
    EXPECT_THAT(refused.body, HasSubstr("id=\"resident-name-error\""));
    EXPECT_THAT(refused.body, HasSubstr("id=\"resident-age-adults\" name=\"age_adults\" "
                                        "type=\"number\" min=\"0\" max=\"20\" value=\"3\""));
    EXPECT_THAT(refused.body, HasSubstr("name=\"consent\" value=\"yes\" required checked"));
    // The resident's own form keeps its defaults (one adult).
    EXPECT_THAT(refused.body, HasSubstr("id=\"age-adults\" name=\"age_adults\" type=\"number\" "
                                        "min=\"0\" max=\"20\" value=\"1\""));
}

TEST_P(Forms, TheActivityEditorSpeaksOfItsFieldsAndRefusesAStartInThePast) {
    auto staff = as("staff26@example.org", "staff password");
    const long long lesson = activity("sample-eco-lesson-pii-26");
    auto editor = staff.get("/ru/staff/activities/" + std::to_string(lesson));
    // The heading is the activity's title, not "Activity".
    EXPECT_THAT(editor.body, HasSubstr("<h1>Экозанятие для семей"));
    std::vector<std::pair<std::string, std::string>> form{{"institution", "pii-26"},
                                                          {"kind", "lesson"},
                                                          {"title_lv", ""},
                                                          {"description_lv", ""},
                                                          {"start", "2026-12-20T17:00"},
                                                          {"end", "2026-12-20T18:00"},
                                                          {"held_in", "lv"}};
    auto untitled = staff.post("/ru/staff/activities/new", form);
    EXPECT_EQ(untitled.status, 400);
    EXPECT_THAT(untitled.body,
                HasSubstr("<a href=\"#title_lv\">Напишите название хотя бы на одном языке.</a>"));
    EXPECT_THAT(untitled.body, Not(HasSubstr("activities[")));
    form[2] = {"title_lv", "Jauna nodarbība"};
    form[3] = {"description_lv", "Apraksts"};
    form[4] = {"start", "2026-11-20T17:00"};  // before the clock's 1 December
    form[5] = {"end", "2026-11-20T18:00"};
    auto back_dated = staff.post("/ru/staff/activities/new", form);
    EXPECT_EQ(back_dated.status, 400);
    EXPECT_THAT(back_dated.body, HasSubstr("<a href=\"#start\">Новое мероприятие не может "
                                           "начинаться в прошедшее время.</a>"));
    EXPECT_THAT(back_dated.body, HasSubstr("value=\"Jauna nodarbība\""));
    form[6] = {"capacity", "lots"};
    form[4] = {"start", "2026-12-20T17:00"};
    form[5] = {"end", "2026-12-20T18:00"};
    auto bad_number = staff.post("/ru/staff/activities/new", form);
    EXPECT_EQ(bad_number.status, 400);
    EXPECT_THAT(bad_number.body,
                HasSubstr("<a href=\"#capacity\">Введите целое число от 0 до 100000.</a>"));
}

TEST_P(Forms, TheSignUpFormsLanguageIsThePagesAndAChoiceSurvivesARefusal) {
    Browser visitor(*server_);
    auto ru = visitor.get("/ru/signup");
    EXPECT_THAT(ru.body, HasSubstr("value=\"ru\" checked"));
    EXPECT_THAT(ru.body, Not(HasSubstr("value=\"lv\" checked")));
    auto refused = visitor.post("/ru/signup", {{"display_name", "Anna"},
                                               {"login", "anna@example.org"},
                                               {"password", "short"},
                                               {"language", "en"},
                                               {"age", "yes"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("<a href=\"#password\">"));
    EXPECT_THAT(refused.body, HasSubstr("value=\"en\" checked"));
    EXPECT_THAT(refused.body, Not(HasSubstr("value=\"ru\" checked")));
    EXPECT_THAT(refused.body, HasSubstr("value=\"anna@example.org\""));
}

TEST_P(Forms, AnActivityHeldOnlyInLatvianSaysSoOnTheRussianPage) {
    const std::string id = std::to_string(activity("sample-eco-lesson-pii-26"));
    EXPECT_THAT(server_->get("/ru/activities/" + id).body,
                HasSubstr("Мероприятие проходит на латышском языке."));
    EXPECT_THAT(server_->get("/lv/activities/" + id).body, Not(HasSubstr("Pasākums notiek")));
    // Without registration: "just come".
    EXPECT_THAT(
        server_->get("/ru/activities/" + std::to_string(activity("sample-swap-market-mezgls")))
            .body,
        HasSubstr("Записываться не нужно: просто приходите."));
}

// The eco lesson's venue is typed "26. PII", a Latvian abbreviation: a Russian reader is told the
// partner's name in Russian, a Latvian reader keeps the short name.
TEST_P(Forms, AVenueThatIsAPartnerIsNamedInTheReadersLanguage) {
    const std::string id = std::to_string(activity("sample-eco-lesson-pii-26"));
    const auto ru = server_->get("/ru/activities/" + id).body;
    EXPECT_THAT(ru, HasSubstr("26-й детский сад"));
    EXPECT_THAT(ru, Not(HasSubstr("26. PII")));
    EXPECT_THAT(server_->get("/lv/activities/" + id).body, HasSubstr("26. PII"));
    EXPECT_THAT(server_->get("/en/activities/" + id).body, HasSubstr("26th preschool"));
}

// After registering, confirming and cancelling, the page says which activity, when, where and
// for how many, also when the cancel link is opened days later.
TEST_P(Forms, ThePagesAfterRegisteringSayWhichActivityWhenWhereAndForHowMany) {
    const std::string page =
        "/lv/activities/" + std::to_string(activity("sample-sorting-workshop-library"));
    Browser guest(*server_);
    guest.get(page);
    auto done = guest.post(page + "/register", {{"name", "Ilze"},
                                                {"contact", "ilze@example.org"},
                                                {"age_adults", "2"},
                                                {"age_age-7-12", "1"}});
    ASSERT_EQ(done.status, 200);
    for (const auto& body : {done.body}) {
        EXPECT_THAT(body, HasSubstr("Šķirošanas darbnīca senioriem"));
        // A week ahead of the test clock (1 December 2026): the day without the year.
        EXPECT_THAT(body, HasSubstr("9. decembris, plkst."));
        EXPECT_THAT(body, Not(HasSubstr("2026. gada 9. decembris")));
        EXPECT_THAT(body, HasSubstr("Pieaugušie: 2"));
        EXPECT_THAT(body, HasSubstr("7–12 gadi: 1"));
    }
    std::smatch link;
    ASSERT_TRUE(std::regex_search(
        done.body, link, std::regex(R"(/lv/registrations/cancel\?token=([A-Za-z0-9_-]+))")));
    auto cancel = guest.get(link[0]);
    EXPECT_EQ(cancel.status, 200);
    EXPECT_THAT(cancel.body, HasSubstr("Šķirošanas darbnīca senioriem"));
    EXPECT_THAT(cancel.body, HasSubstr("Pieaugušie: 2"));
    auto cancelled = guest.post("/lv/registrations/cancel", {{"token", link[1]}});
    EXPECT_EQ(cancelled.status, 200);
    EXPECT_THAT(cancelled.body, HasSubstr("Šķirošanas darbnīca senioriem"));
}

TEST_P(Forms, StaffAndTheCoordinatorLandOnTheirOwnPagesAfterLoggingIn) {
    for (const auto& [login, password, landing] :
         {std::tuple{"staff26@example.org", "staff password", "/lv/staff/activities"},
          std::tuple{"coord@example.org", "coord password", "/lv/coordinator"}}) {
        Browser browser(*server_);
        browser.get("/lv/login");
        auto in = browser.post("/lv/login", {{"login", login}, {"password", password}});
        EXPECT_EQ(in.status, 303);
        EXPECT_EQ(in.header("location"), landing) << login;
    }
}

// Required fields say so in words beside their label; optional ones say "optional".
TEST_P(Forms, RequiredFieldsAreMarkedInTheirLabels) {
    const std::string page =
        "/ru/activities/" + std::to_string(activity("sample-eco-lesson-pii-26"));
    auto registration = server_->get(page);
    EXPECT_TRUE(std::regex_search(
        registration.body, std::regex("<label for=\"name\"[^>]*>[^<]*<span "
                                      "class=\"required\">\\(обязательно\\)</span></label>")));
    EXPECT_TRUE(std::regex_search(
        registration.body, std::regex("<label for=\"contact\"[^>]*>[^<]*<span "
                                      "class=\"required\">\\(обязательно\\)</span></label>")));
    auto signup = server_->get("/lv/signup");
    EXPECT_TRUE(std::regex_search(signup.body,
                                  std::regex("<label for=\"password\"[^>]*>[^<]*<span "
                                             "class=\"required\">\\(obligāti\\)</span></label>")));
}

INSTANTIATE_TEST_SUITE_P(Backends, Forms, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
