// The foundation as a user meets it: real server, real HTTP, on SQLite and PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Foundation : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() {}
    TestServer& server() {
        if (!server_) server_ = std::make_unique<TestServer>(GetParam());
        return *server_;
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Foundation, HomePageInEachLanguage) {
    auto lv = server().get("/lv/");
    ASSERT_EQ(lv.status, 200);
    EXPECT_THAT(lv.body, HasSubstr("<html lang=\"lv\">"));
    EXPECT_THAT(lv.body, HasSubstr("Šķirosim tīrākai nākotnei!"));
    EXPECT_THAT(lv.body, HasSubstr("Tuvākie pasākumi"));      // upcoming activities
    EXPECT_THAT(lv.body, HasSubstr("Ceriņu bibliotēka"));     // a partner
    EXPECT_THAT(lv.body, HasSubstr("action=\"/lv/guide\""));  // the guide's search box
    EXPECT_THAT(lv.body, HasSubstr("href=\"/ru\""));          // language switcher
    EXPECT_THAT(lv.body, HasSubstr("href=\"/en\""));
    EXPECT_THAT(lv.body, HasSubstr("href=\"/lv/guide/item/pizza-box\""));  // a popular question

    auto ru = server().get("/ru/");
    ASSERT_EQ(ru.status, 200);
    EXPECT_THAT(ru.body, HasSubstr("<html lang=\"ru\">"));
    EXPECT_THAT(ru.body, HasSubstr("Ближайшие мероприятия"));
    EXPECT_THAT(ru.body, HasSubstr("Сортируем ради чистого будущего!"));
    EXPECT_EQ(ru.header("content-language"), "ru");

    auto en = server().get("/en");
    ASSERT_EQ(en.status, 200);
    EXPECT_THAT(en.body, HasSubstr("Upcoming activities"));
    EXPECT_THAT(en.body, HasSubstr("6 partner institutions"));
}

TEST_P(Foundation, RootPicksLanguageFromAcceptLanguage) {
    auto ru = server().get("/", {{"Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"}});
    EXPECT_EQ(ru.status, 302);
    EXPECT_EQ(ru.header("location"), "/ru/");
    EXPECT_THAT(ru.header("vary"), HasSubstr("Accept-Language"));
    EXPECT_EQ(server().get("/", {{"Accept-Language", "en-GB"}}).header("location"), "/en/");
    EXPECT_EQ(server().get("/", {{"Accept-Language", "de"}}).header("location"), "/lv/");
    EXPECT_EQ(server().get("/").header("location"), "/lv/");
}

// A poster's link or a typed address ("/") opens in the language the person last read the site
// in, remembered on their device, before the browser's own.
TEST_P(Foundation, RootOpensInTheLanguageLastRead) {
    Browser person(server());
    person.set_header("Accept-Language", "lv");
    EXPECT_EQ(person.get("/").header("location"), "/lv/");
    auto russian_page = person.get("/ru/guide");
    EXPECT_THAT(russian_page.header("set-cookie"), HasSubstr("skirosim_lang=ru"));
    EXPECT_EQ(person.cookie("skirosim_lang"), "ru");
    auto root = person.get("/");
    EXPECT_EQ(root.header("location"), "/ru/");
    EXPECT_THAT(root.header("vary"), HasSubstr("Cookie"));
    // Remembered once: the next Russian page sets nothing.
    EXPECT_EQ(person.get("/ru/about").header("set-cookie"), "");
    person.get("/en/points");
    EXPECT_EQ(person.get("/").header("location"), "/en/");
    // A page that is not there changes nothing.
    EXPECT_EQ(person.get("/lv/no-such-page").header("set-cookie"), "");
    EXPECT_EQ(person.get("/").header("location"), "/en/");
    // A value that is no language is passed over.
    Browser other(server());
    other.set_header("Accept-Language", "ru");
    other.set_cookie("skirosim_lang", "de");
    EXPECT_EQ(other.get("/").header("location"), "/ru/");
}

TEST_P(Foundation, AboutPageComesFromData) {
    auto about = server().get("/en/about");
    ASSERT_EQ(about.status, 200);
    EXPECT_THAT(about.body, HasSubstr("Our aims"));
    EXPECT_THAT(about.body, HasSubstr("British Council"));
    EXPECT_THAT(about.body, HasSubstr("Family Support Centre"));
    EXPECT_THAT(about.body, HasSubstr("1 January 2022"));
    auto lv = server().get("/lv/about");
    EXPECT_THAT(lv.body, HasSubstr("2022. gada 1. janvāris"));
    // The initiative goes on: it says when it started ("Работает с Январь" read wrong), and its
    // funded phase is history.
    EXPECT_THAT(about.body, HasSubstr("<dt>Started</dt><dd>January 2022</dd>"));
    EXPECT_THAT(about.body, HasSubstr("First phase, with the funder"));
    EXPECT_THAT(about.body, HasSubstr("support: 1 January 2022 – 31 March 2022"));
    EXPECT_THAT(server().get("/ru/about").body,
                HasSubstr("<dt>Начало работы</dt><dd>Январь 2022</dd>"));
    EXPECT_THAT(about.body, Not(HasSubstr("<dt>Period</dt>")));
}

TEST_P(Foundation, UnknownPathIsA404InTheUsersLanguage) {
    auto ru = server().get("/ru/no-such-page");
    EXPECT_EQ(ru.status, 404);
    EXPECT_THAT(ru.body, HasSubstr("Такой страницы нет."));
    auto lv = server().get("/nowhere", {{"Accept-Language", "lv"}});
    EXPECT_EQ(lv.status, 404);
    EXPECT_THAT(lv.body, HasSubstr("Šāda lapa nav atrodama."));
    auto bad_language = server().get("/de/about");
    EXPECT_EQ(bad_language.status, 404);
}

TEST_P(Foundation, ApiErrorsAreJson) {
    auto missing = server().get("/api/v1/nothing?lang=ru");
    EXPECT_EQ(missing.status, 404);
    EXPECT_THAT(missing.header("content-type"), HasSubstr("application/json"));
    auto body = boost::json::parse(missing.body);
    EXPECT_EQ(body.at("error").at("code").as_string(), "not_found");
    EXPECT_EQ(body.at("error").at("message").as_string(), "Такой страницы нет.");
}

TEST_P(Foundation, SecurityHeadersOnEveryResponse) {
    for (const char* target : {"/lv/", "/nowhere", "/static/css/site.css", "/healthz"}) {
        auto r = server().get(target);
        EXPECT_THAT(r.header("content-security-policy"), HasSubstr("default-src 'self'")) << target;
        EXPECT_THAT(r.header("content-security-policy"), HasSubstr("frame-ancestors 'none'"));
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
        EXPECT_FALSE(r.header("referrer-policy").empty()) << target;
        EXPECT_FALSE(r.header("x-request-id").empty()) << target;
    }
}

TEST_P(Foundation, StaticFilesHaveEtagsAndRevalidate) {
    auto css = server().get("/static/css/site.css");
    ASSERT_EQ(css.status, 200);
    EXPECT_THAT(css.header("content-type"), HasSubstr("text/css"));
    const std::string etag = css.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_THAT(css.header("cache-control"), HasSubstr("max-age"));
    auto again = server().get("/static/css/site.css", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(server().get("/static/../CMakeLists.txt").status, 404);
    EXPECT_EQ(server().get("/static/%2e%2e/CMakeLists.txt").status, 404);
}

TEST_P(Foundation, HealthAndMetrics) {
    auto health = server().get("/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(boost::json::parse(health.body).at("database").as_string(), "ok");
    server().get("/lv/");
    server().get("/en/nowhere");
    auto metrics = server().get("/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_THAT(metrics.body,
                HasSubstr("skirosim_http_requests_total{route=\"/{lang}\",status=\"200\"}"));
    EXPECT_THAT(metrics.body, HasSubstr("route=\"not_found\",status=\"404\""));
    EXPECT_THAT(metrics.body, HasSubstr("skirosim_http_request_duration_seconds_bucket"));
}

TEST_P(Foundation, KeepAliveServesSeveralRequestsOnOneConnection) {
    Connection connection(server().port());
    for (int i = 0; i < 5; ++i) {
        auto r = connection.get(i % 2 ? "/en/" : "/static/css/site.css");
        EXPECT_EQ(r.status, 200);
        EXPECT_TRUE(connection.is_open());
    }
}

TEST_P(Foundation, HeadHasNoBodyButTheLength) {
    auto head = server().request("HEAD", "/en/", "", {});
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_NE(head.header("content-length"), "0");
}

TEST_P(Foundation, WrongMethodIs405WithAllow) {
    auto r = server().post_form("/en/about", "a=b");
    EXPECT_EQ(r.status, 405);
    EXPECT_THAT(r.header("allow"), HasSubstr("GET"));
}

TEST_P(Foundation, InvalidUtf8IsRejectedWithAMessage) {
    auto in_query = server().get("/en/?q=%C3%28");
    EXPECT_EQ(in_query.status, 400);
    EXPECT_THAT(in_query.body, HasSubstr("not valid UTF-8"));
    auto in_path = server().get("/ru/%FF%FE");
    EXPECT_EQ(in_path.status, 400);
    EXPECT_THAT(in_path.body, HasSubstr("UTF-8"));
    auto in_form = server().post_form("/en/about", "name=%ED%A0%80");  // a lone surrogate
    EXPECT_EQ(in_form.status, 400);
}

TEST_P(Foundation, MalformedRequestsGet400) {
    std::string answer = server().raw("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    EXPECT_THAT(answer, HasSubstr("HTTP/1.1 400"));
    answer = server().raw("BLAH\r\n\r\n");
    EXPECT_THAT(answer, HasSubstr("400"));
    answer =
        server().raw("GET http://evil.example/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_THAT(answer, HasSubstr("HTTP/1.1 400"));
}

TEST_P(Foundation, OversizedBodyGets413AndHugeHeadersGet431) {
    std::string big(2 * 1024 * 1024, 'a');
    auto r = server().post_form("/en/about", "x=" + big, {{"Accept-Language", "en"}});
    EXPECT_EQ(r.status, 413);
    EXPECT_THAT(r.body, HasSubstr("too large"));
    std::string huge_header(64 * 1024, 'h');
    auto answer =
        server().raw("GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: " + huge_header + "\r\n\r\n");
    EXPECT_THAT(answer, HasSubstr("HTTP/1.1 431"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Foundation, ::testing::ValuesIn(backends()));

// A slow client cannot hold a connection: the whole request must arrive within the timeout.
TEST(ServerLimits, SlowClientIsCutOff) {
    http::ServerOptions options;
    options.read_timeout = std::chrono::milliseconds(500);
    TestServer server("sqlite", options);
    const auto started = std::chrono::steady_clock::now();
    std::string answer = server.raw("GET /lv/ HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(5));
    const auto waited = std::chrono::steady_clock::now() - started;
    // Beast closes the socket when the deadline passes; the client sees the connection end.
    EXPECT_THAT(answer, Not(HasSubstr("200 OK")));
    EXPECT_GE(waited, std::chrono::milliseconds(400));
    EXPECT_LT(waited, std::chrono::seconds(3));
    // And the server still answers others.
    EXPECT_EQ(server.get("/lv/").status, 200);
}

}  // namespace
}  // namespace skirosim::testing
