// The activities capability's routes, in process: the calendar, an activity, its feed, registering.
#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class ActivitiesRoutes : public RouteTest {
protected:
    std::string workshop() {
        return "/en/activities/" +
               std::to_string(number("SELECT id FROM activities WHERE external_id = "
                                     "'sample-sorting-workshop-library'"));
    }
};

TEST_F(ActivitiesRoutes, TheCalendarAnActivityAndAnUnknownOne) {
    auto calendar = app_.get("/en/activities");
    EXPECT_EQ(calendar.status, 200);
    EXPECT_THAT(calendar.body, HasSubstr("Sorting workshop for seniors"));
    EXPECT_EQ(app_.get(workshop()).status, 200);
    EXPECT_EQ(app_.get("/en/activities/999999").status, 404);
    EXPECT_EQ(app_.get("/en/activities/not-a-number").status, 404);
}

TEST_F(ActivitiesRoutes, TheFeedIsICalendar) {
    auto feed = app_.get("/calendar/all.ics");
    EXPECT_EQ(feed.status, 200);
    EXPECT_THAT(feed.header("content-type"), StartsWith("text/calendar"));
    EXPECT_THAT(feed.body, StartsWith("BEGIN:VCALENDAR\r\n"));
    EXPECT_THAT(
        feed.body,
        HasSubstr("SUMMARY:Šķirošanas darbnīca senioriem\r\n"));  // the town's first language
}

TEST_F(ActivitiesRoutes, ARegistrationWithoutANameIsRefusedAndSavesNothing) {
    Browser b(app_);
    b.get(workshop());
    const long long before = number("SELECT COUNT(*) FROM registrations");
    auto refused =
        b.post(workshop() + "/register", {{"name", ""}, {"contact", "typed@example.org"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("Please write your name."));
    EXPECT_EQ(number("SELECT COUNT(*) FROM registrations"), before);
}

TEST_F(ActivitiesRoutes, StaffPagesAreForStaff) {
    EXPECT_EQ(as("resident@example.org", "resident password").get("/en/staff/activities").status,
              403);
    EXPECT_EQ(as("staff@example.org", "staff password").get("/en/staff/activities").status, 200);
}

// Excel opens the figures with Latvian letters intact only when the file starts with a UTF-8
// byte-order mark.
TEST_F(ActivitiesRoutes, TheFiguresCsvStartsWithAByteOrderMarkForExcel) {
    auto csv = as("coord@example.org", "coord password").get("/lv/coordinator/figures/csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(
        csv.body.starts_with("\xEF\xBB\xBF"
                             "Sadaļa,"))
        << csv.body.substr(0, 40);
}

}  // namespace
}  // namespace skirosim::testing
