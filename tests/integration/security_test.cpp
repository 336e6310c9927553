// Attacks through every form and query parameter a visitor can reach, on SQLite and PostgreSQL:
// SQL and HTML/JS injection are stored and shown as plain text, never run; text that is not
// UTF-8 is refused; nothing answers 500 and no table loses a row. (CSRF, headers, redirects and
// the rest of what the attacker's probe found: probes_test.cpp.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "http/message.hpp"
#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Raw bytes, each percent-encoded once on the way (a NUL and bytes that are not UTF-8 must reach
// the server as such, not as the text "%00").
const std::string kBrokenText("\0\xff\xfe", 3);
const std::vector<std::string> kPayloads{"'; DROP TABLE registrations; --",
                                         "\" OR 1=1 --",
                                         "<script>alert(1)</script>",
                                         "\"><img src=x onerror=alert(1)>",
                                         "{{#_}}x{{/_}}{{{raw}}}",
                                         kBrokenText,
                                         "../../../etc/passwd",
                                         "ʼ OR ʼ1ʼ=ʼ1",
                                         std::string(3000, 'a')};

// A value as it goes in a query string.
std::string url_encode(const std::string& text) {
    return http::encode_form({{"", text}}).substr(1);
}

class Security : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>(GetParam());
        ASSERT_TRUE(server_->accounts().create_confirmed(
            "coord@example.org", "Koordinatore", "coord password", "lv", {{"coordinator", ""}}));
        ASSERT_TRUE(server_->accounts().create_confirmed("librarian@example.org", "Bibliotekāre",
                                                         "library password", "lv",
                                                         {{"staff", "cerinu-biblioteka"}}));
    }
    // Rows of the tables an attack would aim at.
    std::vector<long long> rows() {
        std::vector<long long> out;
        for (const char* table : {"accounts", "registrations", "activities", "items", "points",
                                  "institutions", "role_grants", "sessions"}) {
            auto n = server_->app().database().read<long long>(
                [&](soci::session& sql) -> Result<long long> {
                    long long v = 0;
                    sql << std::string("SELECT COUNT(*) FROM ") + table, soci::into(v);
                    return v;
                });
            out.push_back(n.value_or(-1));
        }
        return out;
    }
    Browser as(const std::string& login, const std::string& password) {
        return logged_in(*server_, login, password);
    }
    long long workshop() {
        auto id =
            server_->app().database().read<long long>([](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT id FROM activities WHERE external_id = "
                       "'sample-sorting-workshop-library'",
                    soci::into(v);
                return v;
            });
        return id.value_or(0);
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Security, QueryParametersCarryNoInjection) {
    auto coordinator = as("coord@example.org", "coord password");
    const auto before = rows();
    const std::vector<std::string> pages{"/lv/guide?q=",
                                         "/api/v1/search?lang=lv&q=",
                                         "/api/v1/search?lang=",
                                         "/lv/activities?audience=",
                                         "/lv/activities?kind=",
                                         "/lv/activities?institution=",
                                         "/ru/activities?held_in=",
                                         "/lv/activities/month?m=",
                                         "/lv/points?channel=",
                                         "/lv/points?near=",
                                         "/api/v1/points?near=",
                                         "/api/v1/points?limit=",
                                         "/lv/results?x=",
                                         "/calendar/audience/",
                                         "/lv/coordinator/figures?from=",
                                         "/lv/coordinator/figures/csv?to=",
                                         "/lv/login?next="};
    for (const auto& payload : kPayloads) {
        for (const auto& page : pages) {
            auto r = coordinator.get(page + url_encode(payload));
            EXPECT_LT(r.status, 500) << page << payload;
            if (payload == kBrokenText) {
                EXPECT_EQ(r.status, 400) << page;  // refused before any handler sees it
                EXPECT_THAT(r.body, HasSubstr("UTF-8")) << page;
            }
            if (r.header("content-type")
                    .starts_with("text/html")) {  // JSON and CSV carry text, not markup
                EXPECT_THAT(r.body, Not(HasSubstr("<script>alert(1)</script>"))) << page;
                EXPECT_THAT(r.body, Not(HasSubstr("<img src=x onerror"))) << page;
            }
        }
    }
    EXPECT_EQ(rows(), before);
}

TEST_P(Security, FormsStoreAttacksAsPlainTextAndShowThemEscaped) {
    const long long id = workshop();
    const std::string target = "/lv/activities/" + std::to_string(id);
    int guest = 0;
    for (const auto& payload : kPayloads) {
        Browser visitor(*server_);
        visitor.get(target);
        // As the name (kept as typed) and as the contact (refused unless it is an address or a
        // number). Each visitor is another guest: one contact registers once.
        auto r = visitor.post(target + "/register",
                              {{"name", payload.substr(0, 90)},
                               {"contact", "guest" + std::to_string(++guest) + "@example.org"}});
        EXPECT_LT(r.status, 500) << payload;
        EXPECT_EQ(r.status, payload == kBrokenText ? 400 : 200) << payload;
        visitor.get(target);
        EXPECT_EQ(
            visitor.post(target + "/register", {{"name", "Guest"}, {"contact", payload}}).status,
            400)
            << payload;
        visitor.get("/lv/signup");
        EXPECT_LT(visitor
                      .post("/lv/signup", {{"login", payload},
                                           {"display_name", payload},
                                           {"password", payload},
                                           {"language", "lv"},
                                           {"age", "yes"}})
                      .status,
                  500);
        visitor.get("/lv/login");
        EXPECT_LT(visitor.post("/lv/login", {{"login", payload}, {"password", payload}}).status,
                  500);
    }
    // The one that fitted is kept verbatim and shown as text on the organiser's sheet.
    auto librarian = as("librarian@example.org", "library password");
    auto sheet = librarian.get("/lv/staff/activities/" + std::to_string(id) + "/attendance");
    ASSERT_EQ(sheet.status, 200);
    EXPECT_THAT(sheet.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_THAT(sheet.body, HasSubstr("&apos;; DROP TABLE registrations; --"));
    EXPECT_THAT(sheet.body, Not(HasSubstr("<script>alert(1)</script>")));
    // Template braces in a name are text: shown as typed, neither translated nor expanded.
    EXPECT_THAT(sheet.body, HasSubstr("{{#_}}x{{/_}}{{{raw}}}"));
    auto stored =
        server_->app().database().read<long long>([](soci::session& sql) -> Result<long long> {
            long long v = 0;
            const std::string name = kPayloads[0];
            sql << "SELECT COUNT(*) FROM registrations WHERE name = :n", soci::use(name),
                soci::into(v);
            return v;
        });
    EXPECT_EQ(stored.value_or(0), 1);
}

// Posts without the right token, each to a form its sender may use, so that the refusal can only
// come from the CSRF check; the same post with the token goes through.
TEST_P(Security, FormsWithoutTheRightCsrfTokenChangeNothing) {
    const long long id = workshop();
    auto librarian = as("librarian@example.org", "library password");
    const std::string staff_page = "/lv/staff/activities/" + std::to_string(id);
    librarian.get(staff_page);
    for (const std::string& bad :
         std::vector<std::string>{"", "wrong-token", librarian.cookie("skirosim_csrf")}) {
        const auto before = rows();
        Browser visitor(*server_);
        visitor.get("/lv/activities/" + std::to_string(id));
        auto registration = visitor.post("/lv/activities/" + std::to_string(id) + "/register",
                                         {{"name", "X"}, {"contact", "x@example.org"}}, bad);
        EXPECT_EQ(registration.status, 403) << bad;
        auto sign_up = visitor.post("/lv/signup",
                                    {{"login", "x@example.org"},
                                     {"display_name", "X"},
                                     {"password", "long password 1"},
                                     {"language", "lv"},
                                     {"age", "yes"}},
                                    bad);
        EXPECT_EQ(sign_up.status, 403) << bad;
        auto resident = librarian.post("/lv/staff/residents",
                                       {{"display_name", "Jānis"},
                                        {"language", "lv"},
                                        {"consent", "agreed"},
                                        {"consent_given", "yes"}},
                                       bad);
        EXPECT_EQ(resident.status, 403) << bad;
        EXPECT_EQ(rows(), before) << bad;
    }
    librarian.get("/lv/staff/residents");
    EXPECT_EQ(librarian
                  .post("/lv/staff/residents", {{"display_name", "Jānis"},
                                                {"language", "lv"},
                                                {"consent", "agreed"},
                                                {"consent_given", "yes"}})
                  .status,
              200);
}

INSTANTIATE_TEST_SUITE_P(Backends, Security, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
