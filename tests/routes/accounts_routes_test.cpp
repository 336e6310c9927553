// The accounts capability's routes, in process: logging in, the form token, the account page.
#include "accounts/web.hpp"
#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using AccountsRoutes = RouteTest;

TEST_F(AccountsRoutes, TheLogInPageCarriesAFormToken) {
    Browser b(app_);
    auto page = b.get("/en/login");
    EXPECT_EQ(page.status, 200);
    EXPECT_FALSE(b.csrf().empty());
    EXPECT_FALSE(b.cookie(accounts::kCsrfCookie).empty());
}

// The right login and password with a forged token: refused by the token check, not the password.
TEST_F(AccountsRoutes, ALogInWithAForgedTokenFailsOnTheTokenCheck) {
    Browser b(app_);
    b.get("/en/login");
    auto forged =
        b.post("/en/login", {{"login", "resident@example.org"}, {"password", "resident password"}},
               std::string(43, 'A'));
    EXPECT_EQ(forged.status, 403);
    EXPECT_THAT(forged.body, HasSubstr("This form has expired."));
    EXPECT_TRUE(b.cookie(accounts::kSessionCookie).empty());
}

TEST_F(AccountsRoutes, AWrongPasswordIsSaidOnTheFormWithTheLoginKept) {
    Browser b(app_);
    b.get("/en/login");
    auto wrong = b.post("/en/login", {{"login", "resident@example.org"}, {"password", "not it"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_THAT(wrong.body, HasSubstr("The e-mail, phone number or password is not right."));
    EXPECT_THAT(wrong.body, HasSubstr("value=\"resident@example.org\""));
    EXPECT_THAT(wrong.body, Not(HasSubstr("not it")));  // the password is never shown back
}

TEST_F(AccountsRoutes, ASignedInResidentSeesTheirAccountAndAVisitorIsSentToLogIn) {
    EXPECT_EQ(app_.get("/en/account").status, 303);
    auto account = as("resident@example.org", "resident password").get("/en/account");
    EXPECT_EQ(account.status, 200);
    EXPECT_THAT(account.body, HasSubstr("Anna"));
}

// Roles are said in words: a resident's without empty brackets, a staff member's with the
// institution's name in the page's language, never its id.
TEST_F(AccountsRoutes, TheAccountPageNamesRolesAndInstitutionsInWords) {
    auto resident = as("resident@example.org", "resident password").get("/ru/account");
    ASSERT_EQ(resident.status, 200);
    EXPECT_THAT(resident.body, HasSubstr("<li>житель</li>"));
    EXPECT_THAT(resident.body, Not(HasSubstr("житель (")));

    auto staff = as("staff@example.org", "staff password").get("/ru/account");
    ASSERT_EQ(staff.status, 200);
    EXPECT_THAT(staff.body, HasSubstr("(Библиотека Цериню)"));
    EXPECT_THAT(staff.body, Not(HasSubstr("(cerinu-biblioteka)")));
}

}  // namespace
}  // namespace skirosim::testing
