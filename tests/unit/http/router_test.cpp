// The router: literal and captured segments, the tail capture, 405 and HEAD.
#include <gtest/gtest.h>

#include "http/router.hpp"

namespace skirosim::http {
namespace {

using boost::beast::http::verb;

Request make(verb method, std::vector<std::string> segments) {
    Request request;
    request.method = method;
    request.segments = std::move(segments);
    return request;
}

Handler answer(std::string text) {
    return [text](Request&) -> Result<Response> { return Response::text(text); };
}

std::string run(const RouteMatch& match, Request& request) {
    return match.route ? match.route->handler(request)->body : "";
}

TEST(Router, MatchesLiteralsAndCaptures) {
    Router router;
    router.get("/", answer("root"));
    router.get("/{lang}", answer("home"));
    router.get("/{lang}/guide/item/{id}", answer("item"));
    router.get("/{lang}/guide", answer("guide"));

    auto root = make(verb::get, {});
    EXPECT_EQ(run(router.match(root), root), "root");
    auto item = make(verb::get, {"ru", "guide", "item", "pizza-box"});
    auto match = router.match(item);
    EXPECT_EQ(run(match, item), "item");
    EXPECT_EQ(item.path_param("lang"), "ru");
    EXPECT_EQ(item.path_param("id"), "pizza-box");
    auto guide = make(verb::get, {"lv", "guide"});
    EXPECT_EQ(run(router.match(guide), guide), "guide");
    auto too_long = make(verb::get, {"lv", "guide", "item"});
    EXPECT_EQ(router.match(too_long).route, nullptr);
    auto empty_capture = make(verb::get, {"lv", "guide", "item", ""});
    EXPECT_EQ(router.match(empty_capture).route, nullptr);
}

TEST(Router, TailCaptureTakesTheRest) {
    Router router;
    router.get("/static/{*path}", answer("static"));
    auto request = make(verb::get, {"static", "css", "site.css"});
    auto match = router.match(request);
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(request.path_param("path"), "css/site.css");
    auto bare = make(verb::get, {"static"});
    EXPECT_EQ(router.match(bare).route, nullptr);
}

TEST(Router, WrongMethodIsReportedWithTheAllowedOnes) {
    Router router;
    router.get("/{lang}/login", answer("form"));
    router.post("/{lang}/login", answer("submit"));
    router.get("/{lang}/about", answer("about"));
    auto put = make(verb::put, {"lv", "about"});
    auto match = router.match(put);
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.method_not_allowed);
    ASSERT_EQ(match.allowed.size(), 1u);
    EXPECT_EQ(match.allowed[0], verb::get);
    auto post = make(verb::post, {"en", "login"});
    EXPECT_EQ(run(router.match(post), post), "submit");
    auto missing = make(verb::get, {"en", "logout"});
    EXPECT_FALSE(router.match(missing).method_not_allowed);
}

TEST(Router, HeadUsesTheGetRoute) {
    Router router;
    router.get("/{lang}", answer("home"));
    auto head = make(verb::head, {"en"});
    EXPECT_EQ(run(router.match(head), head), "home");
}

TEST(Router, FirstRegisteredRouteWins) {
    Router router;
    router.get("/{lang}/guide/a-z", answer("index"));
    router.get("/{lang}/guide/{id}", answer("generic"));
    auto request = make(verb::get, {"lv", "guide", "a-z"});
    EXPECT_EQ(run(router.match(request), request), "index");
}

TEST(Router, RejectsPatternsWithoutSlash) {
    Router router;
    EXPECT_THROW(router.get("about", answer("x")), std::invalid_argument);
}

}  // namespace
}  // namespace skirosim::http
