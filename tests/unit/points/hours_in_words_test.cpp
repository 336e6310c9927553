// Opening hours as people read them: grouped days, each language's clock, and the next opening
// said from now ("rīt plkst. 9.00", "в среду в 9:00"), never as a bare date with the year.
#include <gtest/gtest.h>

#include "i18n/translator.hpp"
#include "points/hours_in_words.hpp"
#include "support/test_env.hpp"

namespace skirosim::points {
namespace {

const platform::TimeZone& riga_clock() {
    static const platform::TimeZone zone = *platform::TimeZone::named("Europe/Riga");
    return zone;
}

const i18n::Translator& riga_words() {
    static i18n::Translator t(testing::locale_dir());
    static const bool zoned = (t.set_time_zone("Europe/Riga"), true);
    (void)zoned;
    return t;
}

const std::time_t kTuesdayNoon = 1796119200;  // 2026-12-01 12:00 in Riga, a Tuesday

TEST(HoursInWords, GroupsDaysWithTheSameHoursInEachLanguage) {
    auto hours = *OpeningHours::parse("Mo-Fr 09:00-18:00; Sa 10:00-14:00; Su off");
    EXPECT_EQ(week_in_words(hours, riga_words(), Language::lv),
              "P–Pk 9.00–18.00; S 10.00–14.00; Sv slēgts");
    EXPECT_EQ(week_in_words(hours, riga_words(), Language::ru),
              "Пн–Пт 9:00–18:00; Сб 10:00–14:00; Вс закрыто");
    EXPECT_EQ(week_in_words(hours, riga_words(), Language::en),
              "Mon–Fri 9:00–18:00; Sat 10:00–14:00; Sun closed");
}

TEST(HoursInWords, EveryDayBreaksAndPastMidnight) {
    EXPECT_EQ(week_in_words(*OpeningHours::parse("08:00-22:00"), riga_words(), Language::ru),
              "ежедневно 8:00–22:00");
    EXPECT_EQ(week_in_words(*OpeningHours::parse("Mo-Su 09:00-13:00,14:00-18:00"), riga_words(),
                            Language::lv),
              "katru dienu 9.00–13.00, 14.00–18.00");
    EXPECT_EQ(week_in_words(*OpeningHours::parse("Fr 22:00-02:00"), riga_words(), Language::en),
              "Mon–Thu closed; Fri 22:00–2:00; Sat–Sun closed");
    EXPECT_EQ(week_in_words(*OpeningHours::parse("24/7"), riga_words(), Language::lv),
              "Atvērts visu diennakti");
}

TEST(HoursInWords, AWeekTableMarksToday) {
    auto hours = *OpeningHours::parse("Mo-Fr 09:00-18:00; Sa 10:00-14:00");
    auto rows = week_table(hours, kTuesdayNoon, riga_clock(), riga_words(), Language::ru);
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(rows[0].day, "Понедельник");
    EXPECT_EQ(rows[0].hours, "9:00–18:00");
    EXPECT_EQ(rows[6].day, "Воскресенье");
    EXPECT_EQ(rows[6].hours, "закрыто");
    EXPECT_FALSE(rows[0].today);
    EXPECT_TRUE(rows[1].today);
    EXPECT_EQ(std::count_if(rows.begin(), rows.end(), [](const DayHours& r) { return r.today; }),
              1);
}

TEST(HoursInWords, TheNextOpeningIsSaidFromNow) {
    const auto at = [](int days, int minute) {
        return riga_clock().at(kTuesdayNoon, days, minute);
    };
    EXPECT_EQ(when_in_words(at(0, 17 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::lv),
              "šodien plkst. 17.00");
    EXPECT_EQ(when_in_words(at(1, 9 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::ru),
              "завтра в 9:00");
    EXPECT_EQ(when_in_words(at(1, 9 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::lv),
              "rīt plkst. 9.00");
    // Thursday and the following Monday: the weekday in each language's own form.
    EXPECT_EQ(when_in_words(at(2, 8 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::lv),
              "ceturtdien plkst. 8.00");
    EXPECT_EQ(when_in_words(at(2, 8 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::ru),
              "в четверг в 8:00");
    EXPECT_EQ(when_in_words(at(6, 10 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::en),
              "on Monday at 10:00");
    EXPECT_EQ(when_in_words(at(3, 10 * 60), kTuesdayNoon, riga_clock(), riga_words(), Language::ru),
              "в пятницу в 10:00");
}

}  // namespace
}  // namespace skirosim::points
