// The site capability's routes, in process: the home page, the about page and institutions.
#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using SiteRoutes = RouteTest;

TEST_F(SiteRoutes, TheHomePageAnswersInThePathsLanguage) {
    auto lv = app_.get("/lv");
    EXPECT_EQ(lv.status, 200);
    EXPECT_THAT(lv.body, HasSubstr("<html lang=\"lv\""));
    auto ru = app_.get("/ru");
    EXPECT_EQ(ru.status, 200);
    EXPECT_THAT(ru.body, HasSubstr("<html lang=\"ru\""));
}

// Switching language keeps the page and its query; a one-time token stays behind.
TEST_F(SiteRoutes, TheLanguageLinksKeepThePageAndTheQuery) {
    auto search = app_.get("/lv/guide?q=baterija%20AA");
    EXPECT_THAT(search.body, HasSubstr("href=\"/ru/guide?q=baterija%20AA\" lang=\"ru\""));
    EXPECT_THAT(search.body, HasSubstr("href=\"/en/guide?q=baterija%20AA\" lang=\"en\""));
    auto reset = app_.get("/ru/password/reset?token=secret");
    EXPECT_THAT(reset.body, HasSubstr("href=\"/lv/password/reset\" lang=\"lv\""));
    EXPECT_THAT(reset.body, Not(HasSubstr("/lv/password/reset?token")));
}

TEST_F(SiteRoutes, AnInstitutionHasAPageAndAnUnknownOneIsNotFound) {
    auto library = app_.get("/lv/institutions/cerinu-biblioteka");
    EXPECT_EQ(library.status, 200);
    EXPECT_THAT(library.body, HasSubstr("Ceriņu"));
    EXPECT_EQ(app_.get("/lv/institutions/nowhere").status, 404);
}

TEST_F(SiteRoutes, TheInstitutionEditorSendsAVisitorToLogInAndRefusesStaff) {
    auto visitor = app_.get("/lv/coordinator/institutions");
    EXPECT_EQ(visitor.status, 303);
    EXPECT_THAT(visitor.header("location"), StartsWith("/lv/login?next="));
    EXPECT_EQ(as("staff@example.org", "staff password").get("/lv/coordinator/institutions").status,
              403);
    EXPECT_EQ(as("coord@example.org", "coord password").get("/lv/coordinator/institutions").status,
              200);
}

}  // namespace
}  // namespace skirosim::testing
