// The guide capability's routes, in process: the search API, item and bin pages, A–Z.
#include <boost/json.hpp>

#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;

using GuideRoutes = RouteTest;

TEST_F(GuideRoutes, TheSearchApiPutsTheBatteryFirst) {
    auto answer = app_.get("/api/v1/search?lang=lv&q=baterija");
    EXPECT_EQ(answer.status, 200);
    EXPECT_THAT(answer.header("content-type"), HasSubstr("application/json"));
    const auto results = boost::json::parse(answer.body).at("results").as_array();
    ASSERT_FALSE(results.empty());
    EXPECT_EQ(results[0].at("item").as_string(), "battery");
}

TEST_F(GuideRoutes, AnItemPageAndAnUnknownItem) {
    auto battery = app_.get("/lv/guide/item/battery");
    EXPECT_EQ(battery.status, 200);
    EXPECT_THAT(battery.body, HasSubstr("baterija"));
    EXPECT_EQ(app_.get("/lv/guide/item/no-such-thing").status, 404);
}

TEST_F(GuideRoutes, TheSearchPageShowsTheAnswerWithoutJavaScript) {
    auto page = app_.get("/ru/guide?q=batareika");
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("батарейка"));
}

}  // namespace
}  // namespace skirosim::testing
