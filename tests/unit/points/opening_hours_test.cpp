// Opening hours: the OSM subset, open now across midnight and across daylight-saving changes.
#include <gtest/gtest.h>

#include "points/model.hpp"
#include "points/opening_hours.hpp"

namespace skirosim::points {
namespace {

// The tests' town is in Riga (the answers below were worked out by hand for its clock changes).
const platform::TimeZone& riga() {
    static const platform::TimeZone zone = *platform::TimeZone::named("Europe/Riga");
    return zone;
}
std::time_t riga_time(std::time_t reference, int day_offset, int minute) {
    return riga().at(reference, day_offset, minute);
}

TEST(OpeningHours, ParsesTheCommonForms) {
    EXPECT_TRUE(OpeningHours::parse("Mo-Fr 08:00-19:00"));
    EXPECT_TRUE(OpeningHours::parse("Mo-Fr 08:00-12:00,13:00-17:00; Sa 10:00-14:00; Su off"));
    EXPECT_TRUE(OpeningHours::parse("24/7"));
    EXPECT_TRUE(OpeningHours::parse("Mo,We,Fr 09:00-11:00"));
    EXPECT_TRUE(OpeningHours::parse("Sa-Mo 10:00-12:00"));  // wraps over the week's end
    EXPECT_TRUE(OpeningHours::parse("08:00-20:00"));        // no days: every day
    EXPECT_TRUE(OpeningHours::parse("Mo-Su 08:00-19:00; PH off"));
}

TEST(OpeningHours, RejectsWhatItDoesNotUnderstand) {
    for (const char* bad : {"", "Monday 8-19", "Mo-Fr 8:00-19:00", "Mo-Fr 08:00", "Xx 08:00-09:00",
                            "Mo-Fr 25:00-26:00", "sunrise-sunset", "Mo-Fr"}) {
        EXPECT_FALSE(OpeningHours::parse(bad)) << bad;
    }
    auto error = OpeningHours::parse("Mo-Fr 8-19").error();
    EXPECT_EQ(error.field, "opening_hours");
}

TEST(OpeningHours, OpenNowOnWeekdays) {
    auto hours = *OpeningHours::parse("Mo-Fr 08:00-19:00; Sa 10:00-14:00; Su off");
    const std::time_t wednesday = 1795608000;  // 2026-11-25 14:00 in Riga
    EXPECT_TRUE(hours.open_at(riga_time(wednesday, 0, 8 * 60), riga()));
    EXPECT_FALSE(hours.open_at(riga_time(wednesday, 0, 7 * 60 + 59), riga()));
    EXPECT_FALSE(hours.open_at(riga_time(wednesday, 0, 19 * 60), riga()));  // the end is exclusive
    EXPECT_TRUE(hours.open_at(riga_time(wednesday, 3, 11 * 60), riga()));   // Saturday
    EXPECT_FALSE(hours.open_at(riga_time(wednesday, 4, 11 * 60), riga()));  // Sunday
    // Closed on Saturday evening: it opens on Monday at 08:00.
    auto opens = hours.next_opening(riga_time(wednesday, 3, 15 * 60), riga());
    ASSERT_TRUE(opens);
    EXPECT_EQ(*opens, riga_time(wednesday, 5, 8 * 60));
    auto closes = hours.next_closing(riga_time(wednesday, 0, 9 * 60), riga());
    ASSERT_TRUE(closes);
    EXPECT_EQ(*closes, riga_time(wednesday, 0, 19 * 60));
}

TEST(OpeningHours, AcrossMidnight) {
    auto hours = *OpeningHours::parse("Fr 22:00-02:00");
    const std::time_t wednesday = 1795608000;
    EXPECT_TRUE(hours.open_at(riga_time(wednesday, 2, 23 * 60), riga()));      // Friday 23:00
    EXPECT_TRUE(hours.open_at(riga_time(wednesday, 3, 1 * 60 + 30), riga()));  // Saturday 01:30
    EXPECT_FALSE(hours.open_at(riga_time(wednesday, 3, 2 * 60), riga()));      // Saturday 02:00
    EXPECT_FALSE(hours.open_at(riga_time(wednesday, 2, 21 * 60), riga()));
    auto closes = hours.next_closing(riga_time(wednesday, 2, 23 * 60), riga());
    ASSERT_TRUE(closes);
    EXPECT_EQ(*closes, riga_time(wednesday, 3, 2 * 60));
}

TEST(OpeningHours, AcrossDaylightSavingChanges) {
    auto hours = *OpeningHours::parse("Mo-Su 08:00-19:00");
    // 2026-03-29: clocks go from 03:00 to 04:00 in Riga (UTC+2 → UTC+3).
    const std::time_t before_spring = 1774692000;  // 2026-03-28 10:00 UTC = 12:00 Riga
    const std::time_t spring_opening = riga_time(before_spring, 1, 8 * 60);
    EXPECT_EQ(spring_opening, 1774760400);  // 2026-03-29 05:00 UTC = 08:00 Riga summer time
    EXPECT_TRUE(hours.open_at(spring_opening, riga()));
    EXPECT_FALSE(hours.open_at(spring_opening - 60, riga()));
    // 2026-10-25: clocks go back from 04:00 to 03:00 (UTC+3 → UTC+2).
    const std::time_t before_autumn = 1792836000;  // 2026-10-24 10:00 UTC
    const std::time_t autumn_opening = riga_time(before_autumn, 1, 8 * 60);
    EXPECT_EQ(autumn_opening, 1792908000);  // 2026-10-25 06:00 UTC = 08:00 Riga winter time
    EXPECT_TRUE(hours.open_at(autumn_opening + 30 * 60, riga()));
    auto next = hours.next_opening(riga_time(before_autumn, 0, 20 * 60), riga());
    ASSERT_TRUE(next);
    EXPECT_EQ(*next, autumn_opening);
}

TEST(OpeningHours, AlwaysOpen) {
    auto hours = *OpeningHours::parse("24/7");
    EXPECT_TRUE(hours.always_open());
    EXPECT_TRUE(hours.open_at(0, riga()));
    EXPECT_FALSE(hours.next_opening(0, riga()));
}

TEST(Distance, Haversine) {
    EXPECT_NEAR(distance_m(56.9496, 24.1052, 55.8747, 26.5362), 191500,
                1500);  // Riga–Daugavpils, as the crow flies
    EXPECT_NEAR(distance_m(55.9, 26.57, 55.9, 26.57), 0, 0.001);
    EXPECT_NEAR(distance_m(55.9, 26.57, 55.901, 26.57), 111, 1);
}

}  // namespace
}  // namespace skirosim::points
