// What probing the site as an attacker found (issue 12), each as the attack itself, on SQLite and
// PostgreSQL: response splitting, open redirects, request framing, lenient ids, cut characters,
// CSRF tokens that were not bound to a session, take-over codes, guessing and hashing floods,
// limits behind a proxy, guests who fill activities, ids of people reused, other people's audit
// entries, stale reset links and "the same problem" votes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <future>
#include <regex>

#include "accounts/crypto.hpp"
#include "accounts/repository.hpp"
#include "core/utf8.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "support/browser.hpp"
#include "support/local_services.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const char* kExpiredForm = "This form has expired. Go back, reload the page and try again.";

// The header lines of a raw response (the status line first), up to the blank line.
std::vector<std::string> header_lines(const std::string& response) {
    std::vector<std::string> lines;
    const auto end = response.find("\r\n\r\n");
    std::string head = response.substr(0, end);
    std::size_t start = 0;
    while (start <= head.size()) {
        auto eol = head.find("\r\n", start);
        if (eol == std::string::npos) eol = head.size();
        lines.push_back(head.substr(start, eol - start));
        start = eol + 2;
    }
    return lines;
}

bool has_header(const std::vector<std::string>& lines, const std::string& name) {
    for (const auto& line : lines) {
        if (line.size() > name.size() && line[name.size()] == ':' &&
            std::equal(name.begin(), name.end(), line.begin(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
            return true;
        }
    }
    return false;
}

long long query_number(TestServer& server, const std::string& sql_text) {
    return server.app()
        .database()
        .read<long long>([&](soci::session& sql) -> Result<long long> {
            long long v = 0;
            sql << sql_text, soci::into(v);  // test-only, fixed statements
            return v;
        })
        .value_or(-1);
}

http::ServerOptions behind_a_proxy() {
    http::ServerOptions options;
    options.trusted_proxies = *http::TrustedProxies::parse({"127.0.0.1"});
    return options;
}

class Probes : public ::testing::TestWithParam<std::string> {
protected:
    // A server that trusts 127.0.0.1 as its proxy, so that each test visitor can be another
    // address through X-Forwarded-For; the limits are the production ones unless a test says.
    void start(app::Options options) {
        server_ = std::make_unique<TestServer>(std::move(options), behind_a_proxy());
    }
    app::Options production_limits() {
        auto options = TestServer::default_options(loaded_database_url(GetParam()));
        const app::Options defaults;
        options.accounts.sign_ups_per_address = defaults.accounts.sign_ups_per_address;
        options.activities.guests = defaults.activities.guests;
        return options;
    }
    TestServer& server() {
        if (!server_) start(production_limits());
        return *server_;
    }
    Browser visitor(const std::string& address) {
        Browser browser(server());
        browser.set_header("X-Forwarded-For", address);
        return browser;
    }
    Browser signed_in(const std::string& login, const std::string& password,
                      const std::string& address = "203.0.113.200") {
        Browser browser = visitor(address);
        browser.get("/en/login");
        EXPECT_EQ(browser.post("/en/login", {{"login", login}, {"password", password}}).status, 303)
            << login;
        return browser;
    }
    long long workshop() {
        return query_number(
            server(),
            "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'");
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Probes, NothingFromAPathOrAFormReachesAResponseHeaderAsALineOfItsOwn) {
    const std::string injected =
        "%0d%0aX-Injected:%20yes%0d%0a%0d%0a%3Cscript%3Ealert(1)%3C/script%3E";
    // Every route that puts something of the request into a header: calendar file names, the
    // log-in redirect of protected pages (path and query), the log-in form's "next".
    for (const std::string& target :
         {"/calendar/institution/x" + injected + ".ics", "/calendar/audience/x" + injected + ".ics",
          "/calendar/institution/x" + injected, "/lv/account?x=" + injected,
          "/lv/coordinator/items/x" + injected, "/lv/staff/activities/1" + injected + "/attendance",
          "/ru/coordinator/figures/csv?from=" + injected}) {
        const std::string response =
            server().raw("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        const auto lines = header_lines(response);
        ASSERT_FALSE(lines.empty()) << target;
        EXPECT_THAT(lines[0], StartsWith("HTTP/1.1 ")) << target;
        EXPECT_FALSE(has_header(lines, "X-Injected")) << target << "\n" << response.substr(0, 600);
        // The headers did not end early: our own last ones are still among them.
        EXPECT_TRUE(has_header(lines, "Content-Security-Policy")) << target;
        EXPECT_TRUE(has_header(lines, "X-Request-Id")) << target;
    }
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "lv", {}));
    Browser browser = visitor("203.0.113.1");
    browser.get("/lv/login");
    const std::string body =
        form_encode({{"login", "anna@example.org"},
                     {"password", "correct horse"},
                     {"next", "/lv/account\r\nX-Injected: yes\r\n\r\n<script>x</script>"},
                     {"csrf", browser.csrf()}});
    std::string cookies = "skirosim_csrf=" + browser.cookie("skirosim_csrf");
    const std::string response = server().raw(
        "POST /lv/login HTTP/1.1\r\nHost: t\r\nConnection: close\r\nCookie: " + cookies +
        "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
    const auto lines = header_lines(response);
    EXPECT_THAT(lines[0], StartsWith("HTTP/1.1 303"));
    EXPECT_FALSE(has_header(lines, "X-Injected")) << response.substr(0, 600);
    EXPECT_TRUE(has_header(lines, "Content-Security-Policy"));
}

TEST_P(Probes, AfterLogInOnlyAPathOfThisSiteFollows) {
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "lv", {}));
    for (const std::string next :
         {"/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/",
          "/%09/evil.example", "/\n/evil.example", " /lv/account", "evil.example"}) {
        Browser browser = visitor("203.0.113.2");
        browser.get("/lv/login");
        auto r = browser.post(
            "/lv/login",
            {{"login", "anna@example.org"}, {"password", "correct horse"}, {"next", next}});
        ASSERT_EQ(r.status, 303);
        // A path of this site: one slash, then no second one or backslash, and nothing a browser
        // would drop ("/%09/…" stays a path here: only raw tabs and line breaks are stripped).
        const std::string location = r.header("location");
        ASSERT_GE(location.size(), 2u) << next;
        EXPECT_EQ(location[0], '/') << next;
        EXPECT_NE(location[1], '/') << next;
        EXPECT_NE(location[1], '\\') << next;
        EXPECT_EQ(location.find_first_of(" \t\r\n\\"), std::string::npos) << next;
        if (next.find_first_of("\t\n\\ ") != std::string::npos || next[0] != '/' ||
            next[1] == '/') {
            EXPECT_EQ(location, "/lv/account") << next;
        }
    }
    Browser browser = visitor("203.0.113.2");
    browser.get("/lv/login");
    auto kept = browser.post("/lv/login", {{"login", "anna@example.org"},
                                           {"password", "correct horse"},
                                           {"next", "/lv/activities?audience=families"}});
    EXPECT_EQ(kept.header("location"), "/lv/activities?audience=families");
    // A protected page sends the visitor to log in with itself (and its query) as "next".
    auto sent = server().get("/lv/coordinator/figures?from=2026-01-01");
    EXPECT_EQ(sent.header("location"),
              "/lv/login?next=%2Flv%2Fcoordinator%2Ffigures%3Ffrom%3D2026-01-01");
}

TEST_P(Probes, ARequestWhoseFramingCannotBeReadGets400AndTheConnectionCloses) {
    for (const std::string framing :
         {"Transfer-Encoding: xchunked\r\n", "Transfer-Encoding: chunked, identity\r\n",
          "Transfer-Encoding: gzip\r\n", "Host: second\r\n"}) {
        // What follows the first request would be read as a second one if the first were kept open.
        const std::string response =
            server().raw("POST /lv/login HTTP/1.1\r\nHost: t\r\n" + framing +
                         "Content-Type: application/x-www-form-urlencoded\r\n\r\n0\r\n\r\n"
                         "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
        EXPECT_THAT(response, StartsWith("HTTP/1.1 400")) << framing;
        EXPECT_THAT(response, HasSubstr("Connection: close")) << framing;
        EXPECT_EQ(response.find("HTTP/1.1", 10), std::string::npos)
            << framing << ": answered a second request";
    }
    EXPECT_THAT(server().raw("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
                StartsWith("HTTP/1.1 200"));
}

TEST_P(Probes, IdsInPathsAreWholeNumbersOrNothing) {
    const std::string id = std::to_string(workshop());
    EXPECT_EQ(server().get("/lv/activities/" + id).status, 200);
    EXPECT_EQ(server().get("/lv/activities/" + id + "%20AND%201=1").status, 404);
    EXPECT_EQ(server().get("/lv/activities/" + id + "abc").status, 404);
    EXPECT_EQ(server().get("/lv/activities/+" + id).status, 404);
    EXPECT_EQ(server().get("/activities/" + id + ".ics").status, 200);
    EXPECT_EQ(server().get("/activities/" + id + "x.ics").status, 404);
}

TEST_P(Probes, ALongGuideQueryIsCutBetweenCharactersNotInsideOne) {
    const std::string query = std::string(199, 'a') + "ā";  // the 200th byte is the first half of ā
    auto page = server().get("/lv/guide?q=" + http::percent_encode(query));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(is_valid_utf8(page.body));
    server().guide().writer().flush();  // misses are written in the background
    const long long stored =
        query_number(server(), "SELECT COUNT(*) FROM search_miss_counts WHERE query = '" +
                                   std::string(199, 'a') + "'");
    EXPECT_EQ(stored, 1);  // the miss is kept as the valid text before the cut
}

TEST_P(Probes, MetricsAreForThisMachineOrWhoeverHasTheToken) {
    auto options = production_limits();
    options.metrics_token = "metrics token 42";
    start(options);
    EXPECT_EQ(server().get("/metrics").status, 200);
    EXPECT_EQ(server().get("/metrics", {{"X-Forwarded-For", "203.0.113.3"}}).status, 404);
    EXPECT_EQ(server()
                  .get("/metrics", {{"X-Forwarded-For", "203.0.113.3"},
                                    {"Authorization", "Bearer metrics token 42"}})
                  .status,
              200);
    EXPECT_EQ(server()
                  .get("/metrics", {{"X-Forwarded-For", "203.0.113.3"},
                                    {"Authorization", "Bearer metrics token 41"}})
                  .status,
              404);
}

// The librarian may register residents: every refusal here comes from the CSRF check (the last
// request, the right one, is allowed).
TEST_P(Probes, AFormPassesOnlyWithTheTokenOfItsOwnSessionFromThisSite) {
    ASSERT_TRUE(server().accounts().create_confirmed("librarian@example.org", "Bibliotekāre",
                                                     "library password", "en",
                                                     {{"staff", "cerinu-biblioteka"}}));
    Browser librarian = signed_in("librarian@example.org", "library password");
    librarian.get("/en/staff/residents");
    const std::string token = librarian.csrf();
    const std::vector<std::pair<std::string, std::string>> form{{"display_name", "Jānis"},
                                                                {"language", "lv"},
                                                                {"consent", "agreed on paper"},
                                                                {"consent_given", "yes"}};
    auto residents = [&] {
        return query_number(server(),
                            "SELECT COUNT(*) FROM accounts WHERE assisted_by IS NOT NULL");
    };

    auto refused = [&](HttpResult r, const std::string& what) {
        EXPECT_EQ(r.status, 403) << what;
        EXPECT_THAT(r.body, HasSubstr(kExpiredForm)) << what;
    };
    // No token at all.
    refused(
        server().post_form("/en/staff/residents", form_encode(form),
                           {{"Cookie", "skirosim_session=" + librarian.cookie("skirosim_session") +
                                           "; skirosim_csrf=" + librarian.cookie("skirosim_csrf")},
                            {"X-Forwarded-For", "203.0.113.200"}}),
        "no token");
    // Another visitor's token (valid for that visitor's cookies).
    Browser other = visitor("203.0.113.4");
    other.get("/en/signup");
    refused(librarian.post("/en/staff/residents", form, other.csrf()), "another visitor's token");
    // The cookie's own value, as a plain double-submit check would have accepted.
    refused(librarian.post("/en/staff/residents", form, librarian.cookie("skirosim_csrf")),
            "the cookie value");
    // A token of the same browser before it logged in: bound to no session.
    Browser before = visitor("203.0.113.5");
    before.get("/en/login");
    const std::string anonymous_token = before.csrf();
    ASSERT_EQ(before
                  .post("/en/login",
                        {{"login", "librarian@example.org"}, {"password", "library password"}})
                  .status,
              303);
    refused(before.post("/en/staff/residents", form, anonymous_token),
            "a token from before the log-in");
    // The right token, sent from another site.
    librarian.set_header("Origin", "https://evil.example");
    refused(librarian.post("/en/staff/residents", form, token), "Origin of another site");
    librarian.set_header("Origin", "null");
    refused(librarian.post("/en/staff/residents", form, token), "Origin null");
    librarian.set_header("Origin", "http://127.0.0.1:" + std::to_string(server().port()));
    librarian.set_header("Sec-Fetch-Site", "cross-site");
    refused(librarian.post("/en/staff/residents", form, token), "Sec-Fetch-Site cross-site");
    EXPECT_EQ(residents(), 0);

    librarian.set_header("Sec-Fetch-Site", "same-origin");
    auto allowed = librarian.post("/en/staff/residents", form, token);
    EXPECT_EQ(allowed.status, 200);
    EXPECT_THAT(allowed.body, HasSubstr("Jānis"));
    EXPECT_EQ(residents(), 1);
}

TEST_P(Probes, FormsAVisitorMayUseAreRefusedWithoutTheTokenAndTakenWithIt) {
    const std::string activity = "/en/activities/" + std::to_string(workshop());
    const long long before = query_number(server(), "SELECT COUNT(*) FROM registrations");
    Browser guest = visitor("203.0.113.6");
    guest.get(activity);
    for (const std::string& missing :
         {std::string(""), std::string("made-up-token-made-up-token-made-up")}) {
        auto r = server().post_form(
            activity + "/register",
            form_encode({{"name", "Ilze"}, {"contact", "ilze@example.org"}, {"csrf", missing}}),
            {{"Cookie", "skirosim_csrf=" + guest.cookie("skirosim_csrf")}});
        EXPECT_EQ(r.status, 403);
        EXPECT_THAT(r.body, HasSubstr(kExpiredForm));
    }
    EXPECT_EQ(query_number(server(), "SELECT COUNT(*) FROM registrations"), before);
    EXPECT_EQ(
        guest.post(activity + "/register", {{"name", "Ilze"}, {"contact", "ilze@example.org"}})
            .status,
        200);
    EXPECT_EQ(query_number(server(), "SELECT COUNT(*) FROM registrations"), before + 1);
}

TEST_P(Probes, TheSessionCookieIsHttpOnlySameSiteLaxSecureForTheWholeSite) {
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "lv", {}));
    Browser browser = visitor("203.0.113.7");
    browser.get("/lv/login");
    auto r =
        browser.post("/lv/login", {{"login", "anna@example.org"}, {"password", "correct horse"}});
    std::smatch cookie;
    const std::string all = r.header("set-cookie");
    ASSERT_TRUE(std::regex_search(all, cookie, std::regex("skirosim_session=[^,]*")));
    const std::string session = cookie[0];
    EXPECT_THAT(session, HasSubstr("; HttpOnly"));
    EXPECT_THAT(session, HasSubstr("; SameSite=Lax"));
    EXPECT_THAT(session, HasSubstr("; Secure"));
    EXPECT_THAT(session, HasSubstr("; Path=/"));
    EXPECT_THAT(session, HasSubstr("; Max-Age=2592000"));
}

TEST_P(Probes, TakeOverCodesOnlyForUntakenAssistedAccountsByTheirKeeperAndTheyEndEverySession) {
    auto& accounts = server().accounts();
    auto admin = accounts.create_confirmed("admin@example.org", "Admin", "admin password", "en",
                                           {{"administrator", ""}});
    ASSERT_TRUE(accounts.create_confirmed("coord@example.org", "Koordinatore", "coord password",
                                          "en", {{"coordinator", ""}}));
    auto librarian_id =
        accounts.create_confirmed("librarian@example.org", "Bibliotekāre", "library password", "en",
                                  {{"staff", "cerinu-biblioteka"}});
    ASSERT_TRUE(accounts.create_confirmed("teacher@example.org", "Skolotāja", "teacher password",
                                          "en", {{"staff", "pii-21"}}));
    ASSERT_TRUE(admin && librarian_id);
    auto librarian_principal = accounts.principal(
        accounts.log_in("librarian@example.org", "library password", "x")->token);
    auto made = accounts.register_assisted(*librarian_principal, "Jānis", "lv", "agreed on paper");
    ASSERT_TRUE(made);
    const long long resident = made->first.id;

    auto ask_code = [&](Browser& who, long long account) {
        who.get("/en/staff/residents");
        return who.post("/en/staff/residents/" + std::to_string(account) + "/code", {});
    };
    Browser coordinator = signed_in("coord@example.org", "coord password");
    EXPECT_EQ(ask_code(coordinator, *admin).status, 403);    // not an assisted account
    EXPECT_EQ(ask_code(coordinator, resident).status, 403);  // not theirs to keep
    Browser teacher = signed_in("teacher@example.org", "teacher password");
    EXPECT_EQ(ask_code(teacher, resident).status, 403);
    Browser librarian = signed_in("librarian@example.org", "library password");
    auto issued = ask_code(librarian, resident);
    ASSERT_EQ(issued.status, 200);
    std::smatch code;
    ASSERT_TRUE(std::regex_search(issued.body, code, std::regex(R"(class="code"[^>]*>(\d{8})<)")));

    // A session of the account from before (whoever had it) must end with the take-over.
    const std::string earlier = "an-earlier-session-of-the-resident-account";
    ASSERT_TRUE(
        server().app().database().transaction<void>([&](soci::session& sql) -> Result<void> {
            accounts::Repository::insert_session(sql, accounts::token_hash(earlier), resident,
                                                 server().now(), server().now() + 3600);
            return {};
        }));
    Browser old_session(server());
    old_session.set_cookie("skirosim_session", earlier);
    ASSERT_EQ(old_session.get("/en/account").status, 200);

    Browser janis = visitor("203.0.113.8");
    janis.get("/en/takeover");
    ASSERT_EQ(janis
                  .post("/en/takeover", {{"code", code[1]},
                                         {"login", "janis@example.org"},
                                         {"password", "my own password"}})
                  .status,
              303);
    EXPECT_EQ(old_session.get("/en/account").status, 303);  // ended
    EXPECT_EQ(janis.get("/en/account").status, 200);
    // Nobody can take it back now: not even its keeper.
    auto again = ask_code(librarian, resident);
    EXPECT_EQ(again.status, 400);
    EXPECT_THAT(again.body, HasSubstr("already uses the account"));
    EXPECT_EQ(query_number(server(),
                           "SELECT COUNT(*) FROM audit_log WHERE action = 'account.take-over' AND "
                           "subject_kind = 'account' AND subject = '" +
                               std::to_string(resident) + "'"),
              1);
    EXPECT_TRUE(accounts.log_in("admin@example.org", "admin password", "x"));  // untouched
}

TEST_P(Probes, WrongTakeOverCodesAreLimitedPerAddressAndSiteWideAndCostNoPasswordHash) {
    auto options = production_limits();
    options.accounts.takeover_failures_everywhere.events = 8;
    start(options);
    auto& accounts = server().accounts();
    ASSERT_TRUE(accounts.create_confirmed("librarian@example.org", "Bibliotekāre",
                                          "library password", "en",
                                          {{"staff", "cerinu-biblioteka"}}));
    auto librarian = accounts.principal(
        accounts.log_in("librarian@example.org", "library password", "x")->token);
    auto made = accounts.register_assisted(*librarian, "Jānis", "lv", "agreed on paper");
    ASSERT_TRUE(made);
    const std::string right_code = made->second;
    auto try_code = [&](const std::string& address, const std::string& code) {
        Browser b = visitor(address);
        b.get("/en/takeover");
        return b.post(
            "/en/takeover",
            {{"code", code}, {"login", "janis@example.org"}, {"password", "my own password"}});
    };
    const auto hashes_before = accounts.passwords().computed();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(try_code("203.0.113.9", "1234567" + std::to_string(i)).status, 400);
    EXPECT_EQ(accounts.passwords().computed(),
              hashes_before);  // wrong codes are turned away before hashing
    auto limited = try_code("203.0.113.9", right_code);
    EXPECT_EQ(limited.status, 429);
    EXPECT_THAT(limited.body, HasSubstr("Too many attempts"));
    // Other addresses have their own count, until the whole site's is spent.
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(
            try_code("203.0.113." + std::to_string(20 + i), "7654321" + std::to_string(i)).status,
            400);
    EXPECT_EQ(try_code("203.0.113.30", right_code).status, 429);
    EXPECT_EQ(
        query_number(server(), "SELECT COUNT(*) FROM accounts WHERE email = 'janis@example.org'"),
        0);
}

TEST_P(Probes, PasswordHashesRunAtMostOneAtATimeHereAndTheRestAreToldToTryAgain) {
    auto options = production_limits();
    options.accounts.password_cost = accounts::PasswordCost::production();
    options.accounts.password_hashes_at_once = 1;
    options.accounts.password_hashes_waiting = 1;
    start(options);
    // 16 log-ins at once, each for another login from another address (no guessing limit applies).
    std::vector<std::future<HttpResult>> burst;
    for (int i = 0; i < 16; ++i) {
        burst.push_back(std::async(std::launch::async, [this, i] {
            Browser b = visitor("198.51.100." + std::to_string(i + 1));
            b.get("/en/login");
            return b.post("/en/login", {{"login", "nobody" + std::to_string(i) + "@example.org"},
                                        {"password", "wrong password"}});
        }));
    }
    int told_to_wait = 0, wrong = 0;
    for (auto& f : burst) {
        auto r = f.get();
        EXPECT_LT(r.status, 500);
        if (r.status == 429 &&
            r.body.find("Many people are signing in right now") != std::string::npos)
            ++told_to_wait;
        if (r.status == 400) ++wrong;
    }
    EXPECT_EQ(server().accounts().passwords().peak_running(), 1u);
    EXPECT_GE(told_to_wait, 1);
    EXPECT_EQ(told_to_wait + wrong, 16);
    EXPECT_EQ(server().get("/en/guide").status, 200);
}

TEST_P(Probes, StoredPasswordsUseArgon2idAtLibsodiumsInteractiveCost) {
    auto options = production_limits();
    options.accounts.password_cost = accounts::PasswordCost::production();
    start(options);
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "lv", {}));
    auto account = server().app().database().read<std::optional<accounts::Account>>(
        [](soci::session& sql) -> Result<std::optional<accounts::Account>> {
            return accounts::Repository::find_by_login(sql, "anna@example.org");
        });
    ASSERT_TRUE(account && *account);
    // libsodium's interactive limits: 64 MiB, 2 passes, one lane.
    EXPECT_THAT((*account)->password_hash, StartsWith("$argon2id$v=19$m=65536,t=2,p=1$"));
}

TEST_P(Probes, AnAddressKeepsItsFailuresWhenItLogsInToAnAccountOfItsOwn) {
    ASSERT_TRUE(server().accounts().create_confirmed("mallory@example.org", "Mallory",
                                                     "mallory password", "en", {}));
    auto attempt = [&](const std::string& login, const std::string& password) {
        Browser b = visitor("203.0.113.40");
        b.get("/en/login");
        return b.post("/en/login", {{"login", login}, {"password", password}});
    };
    for (int i = 0; i < 19; ++i)
        EXPECT_EQ(attempt("user" + std::to_string(i) + "@example.org", "guess").status, 400);
    EXPECT_EQ(attempt("mallory@example.org", "mallory password").status, 303);
    EXPECT_EQ(attempt("user19@example.org", "guess").status, 400);  // the 20th failure from here
    EXPECT_EQ(attempt("user20@example.org", "guess").status, 429);
}

TEST_P(Probes, BehindATrustedProxyOneVisitorsFailuresDoNotLockOutAnother) {
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "en", {}));
    for (int i = 0; i < 20; ++i) {
        Browser b = visitor("203.0.113.50");
        b.get("/en/login");
        b.post("/en/login",
               {{"login", "user" + std::to_string(i) + "@example.org"}, {"password", "guess"}});
    }
    Browser attacker = visitor("203.0.113.50");
    attacker.get("/en/login");
    EXPECT_EQ(
        attacker.post("/en/login", {{"login", "anna@example.org"}, {"password", "correct horse"}})
            .status,
        429);
    Browser anna = visitor("203.0.113.51");
    anna.get("/en/login");
    EXPECT_EQ(anna.post("/en/login", {{"login", "anna@example.org"}, {"password", "correct horse"}})
                  .status,
              303);
}

TEST_P(Probes, WithoutATrustedProxyAForwardedForHeaderChangesNothing) {
    server_ = std::make_unique<TestServer>(production_limits());  // trusts no proxy
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "en", {}));
    for (int i = 0; i < 20; ++i) {
        Browser b = visitor("203.0.113." + std::to_string(60 + i));  // a new "address" each time
        b.get("/en/login");
        b.post("/en/login",
               {{"login", "user" + std::to_string(i) + "@example.org"}, {"password", "guess"}});
    }
    Browser anna = visitor("203.0.113.99");
    anna.get("/en/login");
    EXPECT_EQ(anna.post("/en/login", {{"login", "anna@example.org"}, {"password", "correct horse"}})
                  .status,
              429);
}

TEST_P(Probes, ProblemReportsAreLimitedPerVisitorBehindAProxy) {
    auto report = [&](const std::string& address) {
        Browser b = visitor(address);
        b.get("/en/points/kimija-pharmacy");
        return b
            .post("/en/points/kimija-pharmacy/report",
                  {{"kind", "other"}, {"new_anyway", "1"}, {"details", "x"}})
            .status;
    };
    for (int i = 0; i < 5; ++i) EXPECT_EQ(report("203.0.113.70"), 200);
    EXPECT_EQ(report("203.0.113.70"), 429);
    EXPECT_EQ(report("203.0.113.71"), 200);
}

TEST_P(Probes, GuestRegistrationsAreLimitedPerContactAndPerAddress) {
    const std::string activity = "/en/activities/" + std::to_string(workshop());
    auto register_guest = [&](const std::string& address, const std::string& contact) {
        Browser b = visitor(address);
        b.get(activity);
        // The same contact more than once is, as the person confirmed, another party.
        return b.post(activity + "/register",
                      {{"name", "Guest"}, {"contact", contact}, {"another_party", "yes"}});
    };
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(register_guest("203.0.113." + std::to_string(80 + i), "same@example.org").status,
                  200);
    auto fourth = register_guest("203.0.113.84", "same@example.org");
    EXPECT_EQ(fourth.status, 429);
    EXPECT_THAT(fourth.body,
                HasSubstr("Several registrations were made from here or for this contact lately"));
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(
            register_guest("203.0.113.90", "guest" + std::to_string(i) + "@example.org").status,
            200)
            << i;
    }
    EXPECT_EQ(register_guest("203.0.113.90", "guest20@example.org").status, 429);
    EXPECT_EQ(register_guest("203.0.113.91", "guest21@example.org").status, 200);
}

TEST_P(Probes, OneRegistrationBringsNoMoreThanTheActivityAllows) {
    const long long id = workshop();
    const std::string activity = "/en/activities/" + std::to_string(id);
    Browser guest = visitor("203.0.113.100");
    guest.get(activity);
    auto eleven = guest.post(activity + "/register",
                             {{"name", "Big"}, {"contact", "big@example.org"}, {"adults", "11"}});
    EXPECT_EQ(eleven.status, 400);
    EXPECT_THAT(eleven.body, HasSubstr("One registration may bring at most 10 people."));
    ASSERT_TRUE(
        server().app().database().transaction<void>([&](soci::session& sql) -> Result<void> {
            sql << "UPDATE activities SET max_party = 4 WHERE id = :id", soci::use(id);
            return {};
        }));
    guest.get(activity);
    auto five = guest.post(activity + "/register",
                           {{"name", "Five"}, {"contact", "five@example.org"}, {"adults", "5"}});
    EXPECT_EQ(five.status, 400);
    EXPECT_THAT(five.body, HasSubstr("at most 4 people"));
    guest.get(activity);
    EXPECT_EQ(guest
                  .post(activity + "/register",
                        {{"name", "Four"}, {"contact", "four@example.org"}, {"adults", "4"}})
                  .status,
              200);
}

TEST_P(Probes, AGuestsPlacesLapseUnlessTheLinkSentToTheContactIsOpened) {
    SmtpServer smtp(SmtpServer::Security::plain);
    auto options = production_limits();
    options.smtp.host = "127.0.0.1";
    options.smtp.port = smtp.port();
    options.smtp.security = platform::SmtpSecurity::none;
    start(options);
    const long long id = workshop();
    ASSERT_TRUE(
        server().app().database().transaction<void>([&](soci::session& sql) -> Result<void> {
            sql << "UPDATE activities SET capacity = 10 WHERE id = :id", soci::use(id);
            return {};
        }));
    const std::string activity = "/en/activities/" + std::to_string(id);
    auto register_guest = [&](const std::string& contact, int adults) {
        Browser b = visitor("203.0.113.110");
        b.get(activity);
        return b.post(
            activity + "/register",
            {{"name", contact}, {"contact", contact}, {"adults", std::to_string(adults)}});
    };
    auto link_to = [&](const std::string& contact) {
        auto messages = server().outbox_to(contact);
        std::smatch m;
        std::string body = messages && !messages->empty() ? messages->front().body : "";
        return std::regex_search(body, m, std::regex(R"(https?://[^/]+(/\S+))")) ? m[1].str()
                                                                                 : std::string();
    };
    auto held = register_guest("never@example.org", 5);
    ASSERT_EQ(held.status, 200);
    EXPECT_THAT(held.body, HasSubstr("Almost done"));
    EXPECT_THAT(link_to("never@example.org"), HasSubstr("/en/registrations/confirm?token="));
    ASSERT_EQ(register_guest("real@example.org", 5).status, 200);
    Browser real(server());
    auto kept = real.get(link_to("real@example.org"));
    EXPECT_EQ(kept.status, 200);
    EXPECT_THAT(kept.body, HasSubstr("the contact is confirmed"));
    ASSERT_EQ(register_guest("late@example.org", 3).status, 200);  // no room: the waiting list
    EXPECT_EQ(query_number(server(),
                           "SELECT COUNT(*) FROM registrations WHERE contact = 'late@example.org' "
                           "AND status = 'waiting'"),
              1);
    EXPECT_EQ(real.get(link_to("late@example.org")).status, 200);  // confirmed, still waiting

    // Half an hour later the unconfirmed places go, and the one waiting moves up.
    auto released = server().activities().release_lapsed_holds(server().now() + 31 * 60);
    ASSERT_TRUE(released);
    EXPECT_EQ(*released, 1);
    EXPECT_EQ(
        query_number(server(),
                     "SELECT COUNT(*) FROM registrations WHERE contact = 'never@example.org'"),
        0);
    EXPECT_EQ(query_number(server(),
                           "SELECT COUNT(*) FROM registrations WHERE contact = 'real@example.org' "
                           "AND status = 'confirmed'"),
              1);
    EXPECT_EQ(query_number(server(),
                           "SELECT COUNT(*) FROM registrations WHERE contact = 'late@example.org' "
                           "AND status = 'confirmed'"),
              1);
    EXPECT_EQ(
        query_number(
            server(),
            "SELECT people FROM registration_counts WHERE state = 'confirmed' AND activity_id = " +
                std::to_string(id)),
        8);
    Browser never(server());
    EXPECT_EQ(never.get(link_to("never@example.org")).status, 400);  // too late
}

TEST_P(Probes, AnIdOfADeletedAccountIsNeverGivenAgainAndNoneOfItsHistoryReachesTheNextPerson) {
    auto sign_up_and_confirm = [&](const std::string& login) {
        Browser b = visitor("203.0.113.120");
        b.get("/en/signup");
        EXPECT_EQ(b.post("/en/signup", {{"display_name", "Person"},
                                        {"login", login},
                                        {"password", "correct horse"},
                                        {"language", "en"},
                                        {"age", "yes"}})
                      .status,
                  303);
        auto messages = server().outbox_to(login);
        std::smatch m;
        std::regex_search(messages->front().body, m, std::regex(R"(https?://[^/]+(/\S+))"));
        b.get(m[1].str());
        return b;
    };
    Browser first = sign_up_and_confirm("first@example.org");
    const long long first_id =
        query_number(server(), "SELECT id FROM accounts WHERE email = 'first@example.org'");
    first.get("/en/account");
    ASSERT_EQ(first.post("/en/account/delete", {{"password", "correct horse"}}).status, 303);

    Browser second = sign_up_and_confirm("second@example.org");
    const long long second_id =
        query_number(server(), "SELECT id FROM accounts WHERE email = 'second@example.org'");
    EXPECT_GT(second_id, first_id);
    auto data = boost::json::parse(second.get("/en/account/data.json").body);
    for (const auto& entry : data.at("activity_log").as_array()) {
        EXPECT_EQ(entry.at("about"), "you") << boost::json::serialize(entry);
    }
    EXPECT_EQ(data.at("account").at("id").as_int64(), second_id);
}

TEST_P(Probes, TheDataDownloadHoldsNoAuditEntryOfAnotherKindOrAboutAnotherPerson) {
    auto& accounts = server().accounts();
    ASSERT_TRUE(accounts.create_confirmed("librarian@example.org", "Bibliotekāre",
                                          "library password", "en",
                                          {{"staff", "cerinu-biblioteka"}}));
    Browser librarian = signed_in("librarian@example.org", "library password");
    const long long me =
        query_number(server(), "SELECT id FROM accounts WHERE email = 'librarian@example.org'");
    // Entries about an activity and a report whose ids are this account's id, by someone else.
    ASSERT_TRUE(
        server().app().database().transaction<void>([&](soci::session& sql) -> Result<void> {
            platform::AuditLog::record(sql, server().now(), std::nullopt, "activity.changed",
                                       "activity", std::to_string(me), "x");
            platform::AuditLog::record(sql, server().now(), std::nullopt, "report.resolved",
                                       "report", std::to_string(me), "y");
            return {};
        }));
    // What the librarian did for a resident: the fact, not the resident's consent text.
    librarian.get("/en/staff/residents");
    ASSERT_EQ(librarian
                  .post("/en/staff/residents", {{"display_name", "Jānis"},
                                                {"language", "lv"},
                                                {"consent", "Jānis agreed, phone 2612 3456"},
                                                {"consent_given", "yes"}})
                  .status,
              200);
    auto data = librarian.get("/en/account/data.json").body;
    EXPECT_THAT(data, Not(HasSubstr("activity.changed")));
    EXPECT_THAT(data, Not(HasSubstr("report.resolved")));
    EXPECT_THAT(data, HasSubstr("account.assisted-registration"));
    EXPECT_THAT(data, Not(HasSubstr("2612 3456")));
}

TEST_P(Probes, ANewResetLinkRevokesTheEarlierOne) {
    ASSERT_TRUE(server().accounts().create_confirmed("anna@example.org", "Anna", "correct horse",
                                                     "en", {}));
    auto ask = [&] {
        Browser b = visitor("203.0.113.130");
        b.get("/en/password/forgot");
        EXPECT_EQ(b.post("/en/password/forgot", {{"login", "anna@example.org"}}).status, 303);
        auto messages = server().outbox_to("anna@example.org");
        std::smatch m;
        std::regex_search(messages->front().body, m, std::regex(R"(token=([A-Za-z0-9_-]+))"));
        return m[1].str();
    };
    const std::string first = ask(), second = ask();
    ASSERT_NE(first, second);
    Browser b = visitor("203.0.113.131");
    b.get("/en/password/reset?token=" + first);
    auto stale = b.post("/en/password/reset", {{"token", first}, {"password", "new password 1"}});
    EXPECT_EQ(stale.status, 400);
    EXPECT_THAT(stale.body, HasSubstr("This link has expired or was already used."));
    b.get("/en/password/reset?token=" + second);
    EXPECT_EQ(
        b.post("/en/password/reset", {{"token", second}, {"password", "new password 2"}}).status,
        303);
}

TEST_P(Probes, TheSameProblemPromptShowsNoOneElsesWordsAndAVoiceCountsOnce) {
    const std::string point = "/en/points/kimija-container-site-1";
    auto send = [&](const std::string& address,
                    std::vector<std::pair<std::string, std::string>> fields) {
        Browser b = visitor(address);
        b.get(point);
        return b.post(point + "/report", fields);
    };
    ASSERT_EQ(send("203.0.113.140",
                   {{"kind", "overflowing"}, {"details", "My neighbour Ivars in flat 12 dumps it"}})
                  .status,
              200);
    auto prompt = send("203.0.113.141", {{"kind", "overflowing"}, {"details", "Full again"}});
    ASSERT_EQ(prompt.status, 200);
    EXPECT_THAT(prompt.body, HasSubstr("Is this the same problem?"));
    EXPECT_THAT(prompt.body, Not(HasSubstr("Ivars")));
    const std::string existing =
        std::to_string(query_number(server(), "SELECT MAX(id) FROM problem_reports"));
    auto voices = [&] {
        return query_number(server(),
                            "SELECT confirmations FROM problem_reports WHERE id = " + existing);
    };
    EXPECT_EQ(send("203.0.113.141", {{"kind", "overflowing"}, {"same", existing}}).status, 200);
    EXPECT_EQ(voices(), 2);
    EXPECT_EQ(send("203.0.113.141", {{"kind", "overflowing"}, {"same", existing}}).status, 200);
    EXPECT_EQ(send("203.0.113.140", {{"kind", "overflowing"}, {"same", existing}}).status,
              200);  // the reporter
    EXPECT_EQ(voices(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, Probes, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
