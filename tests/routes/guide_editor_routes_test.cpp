// The guide editor's routes, in process: only the coordinator edits the catalogue.
#include "route_test.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

using GuideEditorRoutes = RouteTest;

TEST_F(GuideEditorRoutes, AVisitorIsSentToLogInWithTheWayBack) {
    auto visitor = app_.get("/lv/coordinator/items/battery");
    EXPECT_EQ(visitor.status, 303);
    EXPECT_THAT(visitor.header("location"), StartsWith("/lv/login?next="));
    EXPECT_THAT(visitor.header("location"), HasSubstr("coordinator"));
}

TEST_F(GuideEditorRoutes, StaffMayNotEditTheCatalogue) {
    EXPECT_EQ(as("staff@example.org", "staff password").get("/lv/coordinator/items/battery").status,
              403);
}

TEST_F(GuideEditorRoutes, AnEmptyNameIsRefusedOnTheFormAndNothingIsSaved) {
    auto coordinator = as("coord@example.org", "coord password");
    ASSERT_EQ(coordinator.get("/en/coordinator/items/battery").status, 200);
    auto refused = coordinator.post("/en/coordinator/items/battery", {{"channel", "batteries"},
                                                                      {"name_lv", "baterija"},
                                                                      {"name_ru", ""},
                                                                      {"name_en", "typed battery"},
                                                                      {"action", "save"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("value=\"typed battery\""));
    EXPECT_EQ(
        number("SELECT COUNT(*) FROM items WHERE id = 'battery' AND name_en = 'typed battery'"), 0);
}

// The coordinator's list of items says each one's channel by its name, not its code.
TEST_F(GuideEditorRoutes, TheItemListNamesChannelsInThePagesLanguage) {
    auto list = as("coord@example.org", "coord password").get("/ru/coordinator/items?q=baterija");
    ASSERT_EQ(list.status, 200);
    EXPECT_THAT(list.body, HasSubstr("(Батарейки и аккумуляторы)"));
    EXPECT_THAT(list.body, ::testing::Not(HasSubstr("(batteries)")));
}

}  // namespace
}  // namespace skirosim::testing
