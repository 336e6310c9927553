// Accounts as people use them, on SQLite and PostgreSQL: sign-up, confirmation, log-in and its
// protection, sessions, password reset, data download and deletion, assisted accounts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <regex>
#include <thread>

#include "accounts/repository.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Accounts : public ::testing::TestWithParam<std::string> {
protected:
    TestServer& server() {
        if (!server_) server_ = std::make_unique<TestServer>(GetParam());
        return *server_;
    }
    // The newest message to a recipient, from the outbox table.
    std::string last_message(const std::string& recipient) {
        auto messages = server().outbox_to(recipient);
        if (!messages || messages->empty()) return "";
        return messages->front().body;
    }
    static std::string link_path(const std::string& message) {
        std::smatch m;
        if (!std::regex_search(message, m, std::regex(R"(https?://[^/]+(/\S+))"))) return "";
        return m[1];
    }
    // Signs up and confirms; the browser is then signed in.
    void sign_up(Browser& browser, const std::string& login,
                 const std::string& password = "correct horse", const std::string& name = "Anna",
                 std::string recipient = "") {
        if (recipient.empty()) recipient = login;
        browser.get("/lv/signup");
        auto sent = browser.post("/lv/signup", {{"display_name", name},
                                                {"login", login},
                                                {"password", password},
                                                {"language", "lv"},
                                                {"age", "yes"}});
        ASSERT_EQ(sent.status, 303) << sent.body;
        const std::string path = link_path(last_message(recipient));
        ASSERT_FALSE(path.empty()) << last_message(recipient);
        auto confirmed = browser.get(path);
        ASSERT_EQ(confirmed.status, 303);
        ASSERT_FALSE(browser.cookie("skirosim_session").empty());
    }
    long long count(const std::string& table) {
        auto n =
            server().app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long c = 0;
                sql << "SELECT COUNT(*) FROM " + table,
                    soci::into(c);  // test-only, fixed table names
                return c;
            });
        return n.value_or(-1);
    }
    // Accounts of people (a deleted one stays as an empty row, see Repository::erase).
    long long live_accounts() {
        auto n =
            server().app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long c = 0;
                sql << "SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL", soci::into(c);
                return c;
            });
        return n.value_or(-1);
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Accounts, SignUpConfirmLogInAndOut) {
    Browser browser(server());
    sign_up(browser, "anna@example.org");
    auto account = browser.get("/lv/account?welcome=1");
    ASSERT_EQ(account.status, 200);
    EXPECT_THAT(account.body, HasSubstr("Anna"));
    EXPECT_THAT(account.body, HasSubstr("anna@example.org"));
    auto set_cookie = server().get("/lv/").header("set-cookie");
    EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
    EXPECT_THAT(set_cookie, HasSubstr("SameSite=Lax"));
    EXPECT_THAT(set_cookie, HasSubstr("Secure"));

    auto out = browser.post("/lv/logout", {});
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(browser.get("/lv/account").status, 303);  // back to the log-in page

    browser.get("/lv/login");
    auto in =
        browser.post("/lv/login", {{"login", "ANNA@example.org "}, {"password", "correct horse"}});
    EXPECT_EQ(in.status, 303);
    EXPECT_EQ(browser.get("/lv/account").status, 200);
}

TEST_P(Accounts, SignUpWithAPhoneNumber) {
    Browser browser(server());
    sign_up(browser, "2612 3456", "correct horse", "Anna", "+37126123456");
    EXPECT_THAT(browser.get("/lv/account").body, HasSubstr("+37126123456"));
}

TEST_P(Accounts, SignUpRefusesClearlyAndKeepsWhatWasTyped) {
    Browser browser(server());
    browser.get("/ru/signup");
    auto young = browser.post("/ru/signup", {{"display_name", "Pēteris"},
                                             {"login", "p@example.org"},
                                             {"password", "long enough"},
                                             {"language", "ru"}});
    EXPECT_EQ(young.status, 400);
    EXPECT_THAT(young.body, HasSubstr("от 13 лет"));
    EXPECT_THAT(young.body, HasSubstr("value=\"Pēteris\""));
    auto short_password = browser.post(
        "/en/signup",
        {{"display_name", "P"}, {"login", "p@example.org"}, {"password", "short"}, {"age", "yes"}});
    EXPECT_THAT(short_password.body, HasSubstr("at least 8 characters"));
    auto bad_login = browser.post("/en/signup", {{"display_name", "P"},
                                                 {"login", "not-an-address"},
                                                 {"password", "long enough"},
                                                 {"age", "yes"}});
    EXPECT_THAT(bad_login.body, HasSubstr("e-mail address or a phone number"));
    EXPECT_EQ(count("accounts"), 0);
}

TEST_P(Accounts, SigningUpTwiceTellsTheOwnerNotTheVisitor) {
    Browser first(server()), second(server());
    sign_up(first, "taken@example.org");
    second.get("/en/signup");
    auto again = second.post("/en/signup", {{"display_name", "Someone"},
                                            {"login", "taken@example.org"},
                                            {"password", "another password"},
                                            {"age", "yes"}});
    EXPECT_EQ(again.status, 303);  // the same answer as a new sign-up
    EXPECT_EQ(again.header("location"), "/en/signup/sent");
    EXPECT_THAT(last_message("taken@example.org"), HasSubstr("password/forgot"));
}

TEST_P(Accounts, GuessingIsSlowedDownWithoutSayingWhichAccountsExist) {
    Browser owner(server());
    sign_up(owner, "guarded@example.org");
    Browser attacker(server());
    attacker.get("/en/login");
    auto unknown =
        attacker.post("/en/login", {{"login", "nobody@example.org"}, {"password", "whatever1"}});
    auto wrong =
        attacker.post("/en/login", {{"login", "guarded@example.org"}, {"password", "whatever1"}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(wrong.status, 400);
    std::smatch a, b;
    std::regex message(R"(class="error-summary"[\s\S]*?<li>([^<]+)<)");
    ASSERT_TRUE(std::regex_search(unknown.body, a, message));
    ASSERT_TRUE(std::regex_search(wrong.body, b, message));
    EXPECT_EQ(a[1], b[1]);  // the same words for an unknown account and a wrong password
    for (int i = 0; i < 5; ++i)
        attacker.post("/en/login", {{"login", "guarded@example.org"},
                                    {"password", "guess" + std::to_string(i)}});
    auto blocked = attacker.post("/en/login",
                                 {{"login", "guarded@example.org"}, {"password", "correct horse"}});
    EXPECT_EQ(blocked.status, 429);
    EXPECT_THAT(blocked.body, HasSubstr("Too many attempts"));
    EXPECT_TRUE(attacker.cookie("skirosim_session").empty());
}

TEST_P(Accounts, FormsWithoutTheRightTokenChangeNothing) {
    Browser browser(server());
    sign_up(browser, "csrf@example.org");
    auto forged = browser.post("/lv/account/language", {{"language", "ru"}},
                               std::string("forged-token-forged-token-forged-token"));
    EXPECT_EQ(forged.status, 403);
    EXPECT_THAT(forged.body, HasSubstr("Šīs veidlapas derīgums ir beidzies"));
    auto none = server().post_form("/lv/logout-everywhere", "a=b");
    EXPECT_EQ(none.status, 403);
    EXPECT_THAT(browser.get("/lv/account").body, HasSubstr("value=\"lv\" checked"));
    EXPECT_EQ(browser.get("/lv/account").status, 200);  // the session still works
}

// Session fixation with a token the server really issued: the attacker logs in to an account of
// their own, plants that session's cookie in the victim's browser, and the victim logs in.
TEST_P(Accounts, ASessionTokenPlantedBeforeLogInIsWorthNothingAfterIt) {
    Browser victim_setup(server());
    sign_up(victim_setup, "victim@example.org");
    Browser attacker(server());
    sign_up(attacker, "attacker@example.org", "attacker horse", "Mallory");
    const std::string planted = attacker.cookie("skirosim_session");
    ASSERT_FALSE(planted.empty());
    ASSERT_EQ(attacker.get("/lv/account").status, 200);  // a real, working session

    Browser victim(server());
    victim.set_cookie("skirosim_session", planted);
    victim.get("/lv/login");
    ASSERT_EQ(
        victim.post("/lv/login", {{"login", "victim@example.org"}, {"password", "correct horse"}})
            .status,
        303);
    EXPECT_NE(victim.cookie("skirosim_session"), planted);
    EXPECT_THAT(victim.get("/lv/account").body, HasSubstr("victim@example.org"));
    // The planted token opens nothing any more: not the victim's account, not the attacker's.
    Browser replay(server());
    replay.set_cookie("skirosim_session", planted);
    EXPECT_EQ(replay.get("/lv/account").status, 303);
}

TEST_P(Accounts, LogOutEverywhereEndsEverySession) {
    Browser phone(server()), library_pc(server());
    sign_up(phone, "many@example.org");
    library_pc.get("/lv/login");
    library_pc.post("/lv/login", {{"login", "many@example.org"}, {"password", "correct horse"}});
    ASSERT_EQ(library_pc.get("/lv/account").status, 200);
    phone.get("/lv/account");
    EXPECT_EQ(phone.post("/lv/logout-everywhere", {}).status, 303);
    EXPECT_EQ(library_pc.get("/lv/account").status, 303);
    EXPECT_EQ(phone.get("/lv/account").status, 303);
}

TEST_P(Accounts, SessionsExpire) {
    Browser browser(server());
    sign_up(browser, "expiring@example.org");
    ASSERT_TRUE(server().app().database().transaction<void>([](soci::session& sql) -> Result<void> {
        sql << "UPDATE sessions SET expires_at = 1";
        return {};
    }));
    EXPECT_EQ(browser.get("/lv/account").status, 303);
}

TEST_P(Accounts, PasswordResetByASingleUseLink) {
    Browser browser(server());
    sign_up(browser, "forgetful@example.org");
    Browser other(server());
    other.get("/en/password/forgot");
    EXPECT_EQ(other.post("/en/password/forgot", {{"login", "forgetful@example.org"}}).status, 303);
    EXPECT_EQ(other.post("/en/password/forgot", {{"login", "stranger@example.org"}}).status,
              303);  // same answer
    const std::string path = link_path(last_message("forgetful@example.org"));
    ASSERT_THAT(path, HasSubstr("/password/reset?token="));
    other.get(path);
    const std::string token = path.substr(path.find("token=") + 6);
    auto reset =
        other.post("/lv/password/reset", {{"token", token}, {"password", "a brand new one"}});
    EXPECT_EQ(reset.status, 303);
    EXPECT_EQ(browser.get("/lv/account").status, 303);  // the old session ended with the reset
    other.get(path);  // the form again: its token belongs to the session the reset opened
    auto again =
        other.post("/lv/password/reset", {{"token", token}, {"password", "yet another one"}});
    EXPECT_EQ(again.status, 400);  // single use
    Browser fresh(server());
    fresh.get("/lv/login");
    EXPECT_EQ(fresh
                  .post("/lv/login",
                        {{"login", "forgetful@example.org"}, {"password", "a brand new one"}})
                  .status,
              303);
}

TEST_P(Accounts, ChangeLanguageDownloadAndDeleteMyData) {
    Browser browser(server());
    sign_up(browser, "leaving@example.org", "correct horse", "Marija");
    browser.get("/lv/account");
    auto changed = browser.post("/lv/account/language", {{"language", "ru"}});
    EXPECT_EQ(changed.header("location"), "/ru/account?language_saved=1");
    EXPECT_THAT(browser.get(changed.header("location")).body, HasSubstr("Сохранено."));
    auto data = browser.get("/ru/account/data.json");
    ASSERT_EQ(data.status, 200);
    EXPECT_THAT(data.header("content-disposition"), HasSubstr("attachment"));
    auto json = boost::json::parse(data.body);
    EXPECT_EQ(json.at("account").at("email").as_string(), "leaving@example.org");
    EXPECT_EQ(json.at("account").at("language").as_string(), "ru");
    EXPECT_FALSE(json.at("roles").as_array().empty());
    EXPECT_FALSE(json.at("messages").as_array().empty());

    browser.get("/ru/account");
    auto refused = browser.post("/ru/account/delete", {{"password", "not the password"}});
    // The account page again, the problem by the password field.
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("<a href=\"#delete-password\">"));
    EXPECT_THAT(refused.body, HasSubstr("id=\"delete-password-error\""));
    EXPECT_EQ(count("accounts"), 1);
    auto deleted = browser.post("/ru/account/delete", {{"password", "correct horse"}});
    EXPECT_EQ(deleted.header("location"), "/ru/account/deleted");
    EXPECT_EQ(live_accounts(), 0);
    EXPECT_EQ(count("sessions"), 0);
    // What stays is an empty row that keeps the id from being given to anyone else.
    auto traces =
        server().app().database().read<long long>([](soci::session& sql) -> Result<long long> {
            long long n = 0;
            sql << "SELECT COUNT(*) FROM accounts WHERE email IS NOT NULL OR phone IS NOT NULL OR "
                   "display_name <> '' "
                   "OR password_hash <> ''",
                soci::into(n);
            return n;
        });
    EXPECT_EQ(*traces, 0);
    auto leftovers =
        server().app().database().read<long long>([](soci::session& sql) -> Result<long long> {
            long long n = 0;
            sql << "SELECT COUNT(*) FROM outbox WHERE recipient = 'leaving@example.org'",
                soci::into(n);
            return n;
        });
    EXPECT_EQ(*leftovers, 0);
    Browser again(server());
    again.get("/lv/login");
    EXPECT_EQ(
        again.post("/lv/login", {{"login", "leaving@example.org"}, {"password", "correct horse"}})
            .status,
        400);
}

TEST_P(Accounts, PrivacyPageInEveryLanguage) {
    EXPECT_THAT(server().get("/lv/privacy").body, HasSubstr("Ko glabājam, kāpēc un cik ilgi"));
    EXPECT_THAT(server().get("/ru/privacy").body, HasSubstr("Что мы храним, зачем и как долго"));
    EXPECT_THAT(server().get("/en/privacy").body, HasSubstr("What we keep, why and for how long"));
}

TEST_P(Accounts, RetentionRemovesWhatNoPurposeNeeds) {
    const std::time_t now = server().now();
    ASSERT_TRUE(
        server().app().database().transaction<void>([now](soci::session& sql) -> Result<void> {
            sql << "INSERT INTO login_attempts (attempt_key, attempted_at, succeeded) VALUES "
                   "('login:x', 1000, 0)";
            sql << "INSERT INTO accounts (email, display_name, language, created_at) VALUES "
                   "('old@example.org', 'Old', 'lv', 1000)";
            sql << "INSERT INTO login_attempts (attempt_key, attempted_at, succeeded) VALUES "
                   "('login:y', " +
                       std::to_string(now) + ", 0)";
            return {};
        }));
    auto removed = server().accounts().purge();
    ASSERT_TRUE(removed);
    EXPECT_GE(*removed, 2);
    EXPECT_EQ(count("login_attempts"), 1);  // the recent one stays
    EXPECT_EQ(live_accounts(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::ValuesIn(backends()));

// The tests above run the retention job themselves; a real server runs it on its own timer.
TEST(ServerChores, TheServerRunsTheRetentionJobByItself) {
    auto options = TestServer::default_options(temp_sqlite_url());
    options.run_chores = true;
    options.chores_interval = std::chrono::seconds{1};
    TestServer server(options);
    auto expired = [&] {
        return *server.app().database().read<long long>(
            [](soci::session& sql) -> Result<long long> {
                long long n = 0;
                sql << "SELECT COUNT(*) FROM login_attempts WHERE attempted_at = 1000",
                    soci::into(n);
                return n;
            });
    };
    ASSERT_TRUE(server.app().database().transaction<void>([](soci::session& sql) -> Result<void> {
        sql << "INSERT INTO login_attempts (attempt_key, attempted_at, succeeded) VALUES "
               "('login:x', 1000, 0)";
        return {};
    }));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
    while (expired() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds{100});
    }
    EXPECT_EQ(expired(), 0);
}

}  // namespace
}  // namespace skirosim::testing
