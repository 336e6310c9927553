// The points capability's routes, in process: the list, a point, its poster and problem reports.
#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;

using PointsRoutes = RouteTest;

TEST_F(PointsRoutes, TheListAPointAndAnUnknownPoint) {
    auto list = app_.get("/lv/points");
    EXPECT_EQ(list.status, 200);
    EXPECT_THAT(list.body, HasSubstr("/lv/points/liginiski-sorting-site"));
    EXPECT_EQ(app_.get("/lv/points/liginiski-sorting-site").status, 200);
    EXPECT_EQ(app_.get("/lv/points/nowhere").status, 404);
}

TEST_F(PointsRoutes, ThePostersPictureIsSvg) {
    auto poster = app_.get("/points/kimija-pharmacy/poster.svg?lang=lv");
    EXPECT_EQ(poster.status, 200);
    EXPECT_THAT(poster.header("content-type"), HasSubstr("image/svg+xml"));
    EXPECT_THAT(poster.body, HasSubstr("<svg"));
}

TEST_F(PointsRoutes, AReportIsSavedForTheCoordinator) {
    Browser resident(app_);
    resident.get("/en/points/kimija-container-site-1");
    const long long before = number("SELECT COUNT(*) FROM problem_reports");
    auto sent = resident.post("/en/points/kimija-container-site-1/report",
                              {{"kind", "overflowing"}, {"details", "Full since Monday"}});
    EXPECT_EQ(sent.status, 200);
    EXPECT_EQ(number("SELECT COUNT(*) FROM problem_reports"), before + 1);
}

}  // namespace
}  // namespace skirosim::testing
