// Attacks through every form and query parameter a visitor can reach, on SQLite and PostgreSQL:
// SQL and HTML/JS injection are stored and shown as plain text, never run; forms without the CSRF
// token change nothing; nothing answers 500 and no table loses a row.
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

const std::vector<std::string> kPayloads{
    "'; DROP TABLE registrations; --", "\" OR 1=1 --", "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>", "{{#_}}x{{/_}}{{{raw}}}", "%00%ff%fe", "../../../etc/passwd",
    "ʼ OR ʼ1ʼ=ʼ1", std::string(3000, 'a')};

// A value as it goes in a query string.
std::string url_encode(const std::string& text) { return http::encode_form({{"", text}}).substr(1); }

class Security : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>(GetParam());
        ASSERT_TRUE(server_->app().accounts().create_confirmed("coord@example.org", "Koordinatore", "coord password",
                                                               "lv", {{"coordinator", ""}}));
        ASSERT_TRUE(server_->app().accounts().create_confirmed("librarian@example.org", "Bibliotekāre",
                                                               "library password", "lv",
                                                               {{"staff", "cerinu-biblioteka"}}));
    }
    // Rows of the tables an attack would aim at.
    std::vector<long long> rows() {
        std::vector<long long> out;
        for (const char* table : {"accounts", "registrations", "activities", "items", "points", "institutions",
                                  "role_grants", "sessions"}) {
            auto n = server_->app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << std::string("SELECT COUNT(*) FROM ") + table, soci::into(v);
                return v;
            });
            out.push_back(n.value_or(-1));
        }
        return out;
    }
    Browser as(const std::string& login, const std::string& password) {
        Browser browser(*server_);
        browser.get("/lv/login");
        EXPECT_EQ(browser.post("/lv/login", {{"login", login}, {"password", password}}).status, 303);
        return browser;
    }
    long long workshop() {
        auto id = server_->app().database().read<long long>([](soci::session& sql) -> Result<long long> {
            long long v = 0;
            sql << "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'", soci::into(v);
            return v;
        });
        return id.value_or(0);
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Security, QueryParametersCarryNoInjection) {
    auto coordinator = as("coord@example.org", "coord password");
    const auto before = rows();
    const std::vector<std::string> pages{
        "/lv/guide?q=", "/api/v1/search?lang=lv&q=", "/api/v1/search?lang=", "/lv/activities?audience=",
        "/lv/activities?kind=", "/lv/activities?institution=", "/ru/activities?held_in=", "/lv/activities/month?m=",
        "/lv/points?channel=", "/lv/points?near=", "/api/v1/points?near=", "/api/v1/points?limit=", "/lv/results?x=", "/calendar/audience/",
        "/lv/coordinator/figures?from=", "/lv/coordinator/figures/csv?to=", "/lv/login?next="};
    for (const auto& payload : kPayloads) {
        for (const auto& page : pages) {
            auto r = coordinator.get(page + url_encode(payload));
            EXPECT_LT(r.status, 500) << page << payload;
            if (r.header("content-type").starts_with("text/html")) {  // JSON and CSV carry text, not markup
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
    for (const auto& payload : kPayloads) {
        Browser visitor(*server_);
        visitor.get(target);
        auto r = visitor.post(target + "/register", {{"name", payload.substr(0, 90)}, {"contact", payload}});
        EXPECT_LT(r.status, 500) << payload;
        visitor.get("/lv/signup");
        EXPECT_LT(visitor.post("/lv/signup", {{"login", payload}, {"display_name", payload}, {"password", payload},
                                              {"language", "lv"}, {"age", "yes"}}).status, 500);
        visitor.get("/lv/login");
        EXPECT_LT(visitor.post("/lv/login", {{"login", payload}, {"password", payload}}).status, 500);
    }
    // The one that fitted is kept verbatim and shown as text on the organiser's sheet.
    auto librarian = as("librarian@example.org", "library password");
    auto sheet = librarian.get("/lv/staff/activities/" + std::to_string(id) + "/attendance");
    ASSERT_EQ(sheet.status, 200);
    EXPECT_THAT(sheet.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_THAT(sheet.body, HasSubstr("&apos;; DROP TABLE registrations; --"));
    EXPECT_THAT(sheet.body, Not(HasSubstr("<script>alert(1)</script>")));
    auto stored = server_->app().database().read<long long>([](soci::session& sql) -> Result<long long> {
        long long v = 0;
        const std::string name = kPayloads[0];
        sql << "SELECT COUNT(*) FROM registrations WHERE name = :n", soci::use(name), soci::into(v);
        return v;
    });
    EXPECT_EQ(stored.value_or(0), 1);
}

TEST_P(Security, FormsWithoutTheCsrfTokenChangeNothing) {
    const auto before = rows();
    const long long id = workshop();
    Browser visitor(*server_);
    visitor.get("/lv/activities/" + std::to_string(id));
    for (const auto& [target, fields] : std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>{
             {"/lv/activities/" + std::to_string(id) + "/register", {{"name", "X"}, {"contact", "x@example.org"}}},
             {"/lv/signup", {{"login", "x@example.org"}, {"display_name", "X"}, {"password", "long password 1"}}},
             {"/lv/staff/activities/new", {{"institution", "cerinu-biblioteka"}}},
             {"/lv/coordinator/institutions/new", {{"id", "x"}}}}) {
        auto r = visitor.post(target, fields, std::string("wrong-token"));
        EXPECT_EQ(r.status, 403) << target;
    }
    EXPECT_EQ(rows(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, Security, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
