// Every role is refused what it may not do, on the server, on SQLite and PostgreSQL; assisted
// accounts; role changes are in the audit log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Permissions : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>(GetParam());
        auto& accounts = server_->accounts();
        ASSERT_TRUE(accounts.create_confirmed("admin@example.org", "Admin", "admin password", "lv",
                                              {{"administrator", ""}}));
        ASSERT_TRUE(accounts.create_confirmed("coord@example.org", "Koordinatore", "coord password",
                                              "lv", {{"coordinator", ""}}));
        ASSERT_TRUE(accounts.create_confirmed("staff26@example.org", "Staff 26", "staff password",
                                              "lv", {{"staff", "pii-26"}}));
        ASSERT_TRUE(accounts.create_confirmed("resident@example.org", "Resident",
                                              "resident password", "lv", {}));
    }
    Browser as(const std::string& login, const std::string& password) {
        return logged_in(*server_, login, password);
    }
    long long account_id(const std::string& email) {
        auto id =
            server_->app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT id FROM accounts WHERE email = :e", soci::use(email), soci::into(v);
                return v;
            });
        return id.value_or(0);
    }
    int grants_of(long long id) {
        auto n = server_->app().database().read<int>([&](soci::session& sql) -> Result<int> {
            int v = 0;
            sql << "SELECT COUNT(*) FROM role_grants WHERE account_id = :id", soci::use(id),
                soci::into(v);
            return v;
        });
        return n.value_or(-1);
    }
    std::unique_ptr<TestServer> server_;
};

const std::vector<std::string> kAdminPages{"/lv/admin/accounts"};
const std::vector<std::string> kCoordinatorPages{"/lv/admin/audit", "/lv/coordinator/outbox"};
const std::vector<std::string> kStaffPages{"/lv/staff/residents"};

TEST_P(Permissions, VisitorsAreSentToLogIn) {
    Browser visitor(*server_);
    for (const auto& page :
         {"/lv/account", "/lv/admin/accounts", "/lv/admin/audit", "/lv/coordinator/outbox",
          "/lv/staff/residents", "/lv/account/data.json"}) {
        auto r = visitor.get(page);
        EXPECT_EQ(r.status, 303) << page;
        EXPECT_THAT(r.header("location"), HasSubstr("/lv/login?next=")) << page;
    }
}

TEST_P(Permissions, ResidentsAreRefusedStaffCoordinatorAndAdministratorPages) {
    auto resident = as("resident@example.org", "resident password");
    for (const auto& pages : {kAdminPages, kCoordinatorPages, kStaffPages}) {
        for (const auto& page : pages) EXPECT_EQ(resident.get(page).status, 403) << page;
    }
    resident.get("/lv/account");
    auto grant = resident.post(
        "/lv/admin/accounts/" + std::to_string(account_id("resident@example.org")) + "/grant",
        {{"grant", "administrator"}});
    EXPECT_EQ(grant.status, 403);
    EXPECT_EQ(grants_of(account_id("resident@example.org")), 1);  // still only "resident"
    auto residents = resident.post(
        "/lv/staff/residents",
        {{"display_name", "X"}, {"language", "lv"}, {"consent", "x"}, {"consent_given", "yes"}});
    EXPECT_EQ(residents.status, 403);
}

TEST_P(Permissions, StaffAreRefusedCoordinatorAndAdministratorPages) {
    auto staff = as("staff26@example.org", "staff password");
    for (const auto& page : kStaffPages) EXPECT_EQ(staff.get(page).status, 200) << page;
    for (const auto& pages : {kAdminPages, kCoordinatorPages}) {
        for (const auto& page : pages) EXPECT_EQ(staff.get(page).status, 403) << page;
    }
}

TEST_P(Permissions, CoordinatorsAreRefusedAdministratorPages) {
    auto coordinator = as("coord@example.org", "coord password");
    for (const auto& page : kCoordinatorPages) EXPECT_EQ(coordinator.get(page).status, 200) << page;
    for (const auto& page : kAdminPages) EXPECT_EQ(coordinator.get(page).status, 403) << page;
    coordinator.get("/lv/account");
    auto grant = coordinator.post(
        "/lv/admin/accounts/" + std::to_string(account_id("coord@example.org")) + "/grant",
        {{"grant", "administrator"}});
    EXPECT_EQ(grant.status, 403);
}

TEST_P(Permissions, AdministratorsGrantAndRevokeRolesAndEveryChangeIsAudited) {
    auto admin = as("admin@example.org", "admin password");
    const long long resident = account_id("resident@example.org");
    // The roles to grant are offered in words, staff by their institution's name, never a code.
    auto accounts = admin.get("/lv/admin/accounts");
    EXPECT_THAT(accounts.body,
                HasSubstr("<option value=\"staff@cerinu-biblioteka\">partneriestādes "
                          "darbinieks, Ceriņu bibliotēka</option>"));
    EXPECT_THAT(accounts.body, HasSubstr(">koordinators</option>"));
    EXPECT_THAT(accounts.body, Not(HasSubstr(">staff<")));
    EXPECT_THAT(accounts.body, Not(HasSubstr("placeholder=\"pii-26\"")));
    auto grant = admin.post("/lv/admin/accounts/" + std::to_string(resident) + "/grant",
                            {{"grant", "staff@cerinu-biblioteka"}});
    EXPECT_EQ(grant.status, 303);
    EXPECT_EQ(grants_of(resident), 2);
    auto unknown = admin.post("/lv/admin/accounts/" + std::to_string(resident) + "/grant",
                              {{"grant", "staff@no-such-place"}});
    EXPECT_EQ(unknown.status, 400);
    // The audit page says it in words: the action, the role and the institution by name.
    auto audit = admin.get("/lv/admin/audit");
    EXPECT_THAT(audit.body, HasSubstr("<td data-label=\"Veids\">Piešķirta loma</td>"));
    EXPECT_THAT(audit.body, HasSubstr("partneriestādes darbinieks, Ceriņu bibliotēka"));
    EXPECT_THAT(audit.body, HasSubstr(">Konts: Resident</td>"));  // the person, not a number
    EXPECT_THAT(audit.body, HasSubstr("<th scope=\"col\">Attiecas uz</th>"));  // not "Par mums"
    EXPECT_THAT(audit.body, Not(HasSubstr("role.grant")));
    EXPECT_THAT(audit.body, Not(HasSubstr("staff@cerinu-biblioteka")));
    // The new staff member now reaches the staff pages.
    auto staff = as("resident@example.org", "resident password");
    EXPECT_EQ(staff.get("/lv/staff/residents").status, 200);
    // The person's own data page says what was done with their account in the same words.
    auto own = staff.get("/lv/account/data");
    EXPECT_THAT(own.body,
                HasSubstr("<td data-label=\"Darbība\">Piešķirta loma</td><td data-label=\"Attiecas "
                          "uz\">Jūs</td><td data-label=\"Sīkāk\">partneriestādes "
                          "darbinieks, Ceriņu bibliotēka</td>"));
    EXPECT_THAT(own.body, Not(HasSubstr("role.grant")));
    admin.get("/lv/admin/accounts");
    admin.post("/lv/admin/accounts/" + std::to_string(resident) + "/revoke",
               {{"role", "staff"}, {"institution", "cerinu-biblioteka"}});
    EXPECT_EQ(grants_of(resident), 1);
    EXPECT_THAT(admin.get("/lv/admin/audit").body, HasSubstr(">Loma atņemta</td>"));
    EXPECT_EQ(staff.get("/lv/staff/residents").status, 403);  // at once, in the same session
}

TEST_P(Permissions, StaffRegisterAResidentWhoIsNotOnlineWhoTakesTheAccountOverLater) {
    auto staff = as("staff26@example.org", "staff password");
    staff.get("/lv/staff/residents");
    auto no_consent = staff.post("/lv/staff/residents", {{"display_name", "Jānis Bērziņš"},
                                                         {"language", "lv"},
                                                         {"consent", "Reģistrēšanās pasākumiem"}});
    EXPECT_EQ(no_consent.status, 400);
    auto created =
        staff.post("/lv/staff/residents", {{"display_name", "Jānis Bērziņš"},
                                           {"language", "ru"},
                                           {"consent", "Piekrīt reģistrācijai pasākumiem"},
                                           {"consent_given", "yes"}});
    ASSERT_EQ(created.status, 200);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(created.body, m, std::regex(R"(class="code"[^>]*>(\d{8})<)")));
    const std::string code = m[1];
    EXPECT_THAT(staff.get("/lv/staff/residents").body, HasSubstr("Jānis Bērziņš"));
    // Another staff member's residents are not theirs to see.
    ASSERT_TRUE(server_->accounts().create_confirmed(
        "staff21@example.org", "Staff 21", "staff password", "lv", {{"staff", "pii-21"}}));
    auto other = as("staff21@example.org", "staff password");
    EXPECT_THAT(other.get("/lv/staff/residents").body, Not(HasSubstr("Jānis Bērziņš")));
    auto consent =
        server_->app().database().read<std::string>([](soci::session& sql) -> Result<std::string> {
            std::string what;
            sql << "SELECT what FROM consents", soci::into(what);
            return what;
        });
    EXPECT_EQ(*consent, "Piekrīt reģistrācijai pasākumiem");

    Browser resident(*server_);
    resident.get("/ru/takeover");
    auto wrong = resident.post(
        "/ru/takeover",
        {{"code", "00000000"}, {"login", "janis@example.org"}, {"password", "my own password"}});
    EXPECT_EQ(wrong.status, 400);
    auto taken = resident.post(
        "/ru/takeover",
        {{"code", code}, {"login", "janis@example.org"}, {"password", "my own password"}});
    EXPECT_EQ(taken.status, 303);
    EXPECT_THAT(resident.get("/ru/account").body, HasSubstr("Jānis Bērziņš"));
    Browser again(*server_);
    again.get("/ru/takeover");
    EXPECT_EQ(
        again
            .post("/ru/takeover",
                  {{"code", code}, {"login", "x@example.org"}, {"password", "my own password"}})
            .status,
        400);
    auto in = as("janis@example.org", "my own password");
    EXPECT_EQ(in.get("/ru/account").status, 200);
}

TEST_P(Permissions, OneStaffMemberCannotIssueCodesForAnothersResident) {
    auto staff = as("staff26@example.org", "staff password");
    staff.get("/lv/staff/residents");
    staff.post("/lv/staff/residents", {{"display_name", "Olga"},
                                       {"language", "ru"},
                                       {"consent", "yes"},
                                       {"consent_given", "yes"}});
    auto olga =
        server_->app().database().read<long long>([](soci::session& sql) -> Result<long long> {
            long long id = 0;
            sql << "SELECT id FROM accounts WHERE display_name = 'Olga'", soci::into(id);
            return id;
        });
    ASSERT_TRUE(server_->accounts().create_confirmed(
        "staff21@example.org", "Staff 21", "staff password", "lv", {{"staff", "pii-21"}}));
    auto other = as("staff21@example.org", "staff password");
    other.get("/lv/staff/residents");
    EXPECT_EQ(other.post("/lv/staff/residents/" + std::to_string(*olga) + "/code", {}).status, 403);
    EXPECT_EQ(staff.post("/lv/staff/residents/" + std::to_string(*olga) + "/code", {}).status, 200);
}

// The issue's own example: a staff member of one preschool cannot edit another's activity.
TEST_P(Permissions, StaffEditOnlyTheirInstitutionsActivities) {
    auto id_of = [&](const std::string& external) {
        return *server_->app().database().read<long long>(
            [&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(external),
                    soci::into(v);
                return v;
            });
    };
    const long long own = id_of("sample-eco-lesson-pii-26"),
                    other = id_of("sample-swap-market-mezgls");
    auto staff = as("staff26@example.org", "staff password");
    EXPECT_EQ(staff.get("/lv/staff/activities/" + std::to_string(own)).status, 200);
    EXPECT_EQ(staff.get("/lv/staff/activities/" + std::to_string(other)).status, 403);
    std::vector<std::pair<std::string, std::string>> form{{"institution", "pii-26"},
                                                          {"kind", "lesson"},
                                                          {"title_lv", "Pārdēvēta nodarbība"},
                                                          {"description_lv", "Apraksts"},
                                                          {"start", "2026-12-16T17:00"},
                                                          {"end", "2026-12-16T18:00"},
                                                          {"held_in", "lv"},
                                                          {"registration", "yes"},
                                                          {"capacity", "25"}};
    EXPECT_EQ(staff.post("/lv/staff/activities/" + std::to_string(own), form).status, 303);
    EXPECT_EQ(staff.post("/lv/staff/activities/" + std::to_string(other), form).status, 403);
    auto moved = form;
    moved[0] = {"institution", "mezgls"};
    EXPECT_EQ(staff.post("/lv/staff/activities/" + std::to_string(own), moved).status,
              403);  // not theirs to give
    EXPECT_THAT(server_->get("/lv/activities/" + std::to_string(own)).body,
                HasSubstr("Pārdēvēta nodarbība"));
    EXPECT_THAT(server_->get("/lv/activities/" + std::to_string(other)).body,
                Not(HasSubstr("Pārdēvēta nodarbība")));
    // A new one, then a bad one that says what is wrong.
    auto created = staff.post("/lv/staff/activities/new", form);
    EXPECT_EQ(created.status, 303);
    auto bad = form;
    bad[5] = {"end", "2026-12-16T16:00"};
    auto refused = staff.post("/lv/staff/activities/new", bad);
    EXPECT_EQ(refused.status, 400);
    // In the words of the form, at the top linked to the field and by the field, with what was
    // typed kept.
    EXPECT_THAT(refused.body, HasSubstr("<a href=\"#end\">Beigām jābūt pēc sākuma.</a>"));
    EXPECT_THAT(refused.body, HasSubstr("id=\"end-error\""));
    EXPECT_THAT(refused.body, HasSubstr("value=\"2026-12-16T16:00\""));
    EXPECT_THAT(refused.body, Not(HasSubstr("activities[")));
    // The coordinator edits every institution's activities; a resident none.
    auto coordinator = as("coord@example.org", "coord password");
    EXPECT_EQ(coordinator.get("/lv/staff/activities/" + std::to_string(other)).status, 200);
    auto resident = as("resident@example.org", "resident password");
    EXPECT_EQ(resident.get("/lv/staff/activities").status, 403);
    const auto audit = as("admin@example.org", "admin password").get("/lv/admin/audit").body;
    EXPECT_THAT(audit, HasSubstr(">Pasākums mainīts</td>"));
    // The activity by its title, a link to its page, not "Pasākums 12".
    EXPECT_THAT(audit, HasSubstr("<a href=\"/lv/staff/activities/" + std::to_string(own) +
                                 "\">Pasākums: Pārdēvēta nodarbība</a>"));
    EXPECT_FALSE(std::regex_search(audit, std::regex(">Pasākums [0-9]+<")));
}

INSTANTIATE_TEST_SUITE_P(Backends, Permissions, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
