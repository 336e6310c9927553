// The dates of a series, the participation snapshot of one activity, and CSV fields.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "activities/figures.hpp"
#include "activities/ics.hpp"
#include "activities/series.hpp"

namespace skirosim::activities {
namespace {

using namespace std::chrono;
using ::testing::ElementsAre;
using ::testing::Pair;

sys_days day(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / d}; }

TEST(SeriesDates, WeeklyRunsUpToAndIncludingTheLastDate) {
    EXPECT_THAT(series_dates(day(2027, 3, 10), "weekly", day(2027, 4, 14), 53),
                ElementsAre(day(2027, 3, 10), day(2027, 3, 17), day(2027, 3, 24), day(2027, 3, 31),
                            day(2027, 4, 7), day(2027, 4, 14)));
    EXPECT_EQ(series_dates(day(2027, 3, 10), "weekly", day(2027, 4, 13), 53).size(), 5u);
    EXPECT_EQ(series_dates(day(2027, 1, 1), "weekly", day(2028, 12, 31), 53).size(),
              53u);  // capped
}

TEST(SeriesDates, MonthlyOnThe31stSkipsShorterMonths) {
    EXPECT_THAT(series_dates(day(2027, 1, 31), "monthly", day(2027, 6, 30), 53),
                ElementsAre(day(2027, 1, 31), day(2027, 3, 31), day(2027, 5, 31)));
    EXPECT_THAT(
        series_dates(day(2027, 11, 15), "monthly", day(2028, 2, 15), 53),
        ElementsAre(day(2027, 11, 15), day(2027, 12, 15), day(2028, 1, 15), day(2028, 2, 15)));
}

TEST(SeriesDates, LocalDatesKeepTheirTimeOfDay) {
    EXPECT_EQ(local_date("2027-03-10T15:00"), day(2027, 3, 10));
    EXPECT_EQ(local_date("2027-02-30T15:00"), std::nullopt);
    EXPECT_EQ(local_date("soon"), std::nullopt);
    EXPECT_EQ(on_date("2027-03-10T15:00", day(2027, 3, 31)), "2027-03-31T15:00");
}

TEST(Participation, CountsAgesGroupsWalkInsAndAll) {
    Registration family;
    family.adults = 2;
    family.children = 3;
    family.ages = {{"adults", 2}, {"age-1-6", 1}, {"age-7-12", 2}};
    family.groups = {"families"};
    Registration old_form;  // registered before ages were asked
    old_form.adults = 1;
    old_form.children = 1;
    const auto counts = participation_counts({family, old_form}, {{"adults", 4}, {"age-13-18", 0}});
    EXPECT_THAT(counts,
                ElementsAre(Pair("", 2), Pair("*", 11), Pair("*walk-ins", 4), Pair("adults", 6),
                            Pair("age-1-6", 1), Pair("age-7-12", 2), Pair("families", 5)));
}

TEST(PublicFigures, CountsBelowFiveAreHidden) {
    EXPECT_TRUE(hidden_in_public(0));
    EXPECT_TRUE(hidden_in_public(4));
    EXPECT_FALSE(hidden_in_public(5));
}

TEST(Csv, FieldsAreQuotedAndFormulasDisarmed) {
    EXPECT_EQ(csv_field("Papīrs"), "Papīrs");
    EXPECT_EQ(csv_field("12,5 kg"), "\"12,5 kg\"");
    EXPECT_EQ(csv_field("\"Mezgls\""), "\"\"\"Mezgls\"\"\"");
    EXPECT_EQ(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
}

}  // namespace
}  // namespace skirosim::activities

namespace skirosim::activities {
namespace {

TEST(ICalendarText, EscapesAndDropsControlCharacters) {
    EXPECT_EQ(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    EXPECT_EQ(ics_text(std::string("tab\there\r\x01\x7f", 11)),
              "tab\there");  // RFC 5545: no CTLs in TEXT
}

TEST(ICalendarText, FoldsAt75OctetsBetweenCharacters) {
    const std::string line =
        "SUMMARY:" + std::string(40, 'a') + "šķirošana šķirošana šķirošana šķirošana";
    const std::string folded = fold_line(line);
    std::size_t begin = 0;
    while (begin < folded.size()) {
        const auto end = folded.find("\r\n", begin);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - begin, 75u);
        begin = end + 2;
    }
    std::string unfolded;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "\r\n ") == 0)
            i += 2;
        else
            unfolded += folded[i];
    }
    EXPECT_EQ(unfolded, line + "\r\n");
}

}  // namespace
}  // namespace skirosim::activities
