// Messages, plurals and dates follow the language (Latvian and Russian plurals differ).
#include <gtest/gtest.h>

#include "i18n/translator.hpp"
#include "support/test_env.hpp"

namespace skirosim::i18n {
namespace {

// The sample town's zone: the dates below are Riga's.
const Translator& translator() {
    static Translator t(testing::locale_dir());
    static const bool zoned = (t.set_time_zone("Europe/Riga"), true);
    (void)zoned;
    return t;
}

std::string partners(Language language, long long n) {
    return translator().plural(language, "{1} partner institution", "{1} partner institutions", n);
}

TEST(Translator, TranslatesMessages) {
    EXPECT_EQ(translator().text(Language::lv, "Search"), "Meklēt");
    EXPECT_EQ(translator().text(Language::ru, "Search"), "Искать");
    EXPECT_EQ(translator().text(Language::en, "Search"), "Search");
    // An unknown message falls back to the English text rather than to nothing.
    EXPECT_EQ(translator().text(Language::ru, "No such message"), "No such message");
}

TEST(Translator, LatvianPluralsFollowCldr) {
    EXPECT_EQ(partners(Language::lv, 1), "1 partneriestāde");
    EXPECT_EQ(partners(Language::lv, 21), "21 partneriestāde");   // 21 takes "one"
    EXPECT_EQ(partners(Language::lv, 11), "11 partneriestādes");  // 11 does not
    EXPECT_EQ(partners(Language::lv, 6), "6 partneriestādes");
    EXPECT_EQ(partners(Language::lv, 0), "0 partneriestādes");
}

TEST(Translator, RussianPluralsHaveThreeForms) {
    EXPECT_EQ(partners(Language::ru, 1), "1 партнёрское учреждение");
    EXPECT_EQ(partners(Language::ru, 3), "3 партнёрских учреждения");
    EXPECT_EQ(partners(Language::ru, 5), "5 партнёрских учреждений");
    EXPECT_EQ(partners(Language::ru, 11), "11 партнёрских учреждений");
    EXPECT_EQ(partners(Language::ru, 22), "22 партнёрских учреждения");
}

TEST(Translator, EnglishPlurals) {
    EXPECT_EQ(partners(Language::en, 1), "1 partner institution");
    EXPECT_EQ(partners(Language::en, 2), "2 partner institutions");
}

TEST(Translator, NumbersFollowTheLanguage) {
    // Latvian and Russian group thousands with a (no-break) space and use a decimal comma.
    const std::string lv = translator().number(Language::lv, 12345.5, 1);
    EXPECT_NE(lv.find(",5"), std::string::npos) << lv;
    EXPECT_EQ(lv.find("12,345"), std::string::npos) << lv;
    EXPECT_EQ(translator().number(Language::en, 12345.5, 1), "12,345.5");
}

TEST(Translator, DatesInRigaTime) {
    // 2022-01-01 10:00 UTC is 12:00 in Riga (UTC+2 in winter).
    const std::time_t when = 1641031200;
    EXPECT_EQ(translator().date_long(Language::en, when), "1 January 2022");
    EXPECT_EQ(translator().date_long(Language::lv, when), "2022. gada 1. janvāris");
    EXPECT_NE(translator().date_long(Language::ru, when).find("января 2022"), std::string::npos);
    // Latvian writes "plkst. 12.00".
    EXPECT_EQ(translator().time_of_day(Language::lv, when), "12.00");
    EXPECT_EQ(translator().time_of_day(Language::ru, when), "12:00");
    // Summer time: 2022-07-01 09:00 UTC is 12:00 in Riga (UTC+3).
    EXPECT_EQ(translator().time_of_day(Language::en, 1656666000), "12:00");
    // No leading zero: "9.00", "9:00".
    EXPECT_EQ(translator().time_of_day(Language::lv, when - 3 * 3600), "9.00");
}

TEST(Translator, ADayAndHourAsEachLanguageWritesThem) {
    // 2026-12-16 15:00 UTC is 17:00 in Riga; 2026-12-02 07:00 UTC is 9:00 (no leading zero).
    EXPECT_EQ(translator().date_time(Language::lv, 1797433200),
              "trešdiena, 2026. gada 16. decembris, plkst. 17.00");
    EXPECT_EQ(translator().date_time(Language::ru, 1797433200), "среда, 16 декабря 2026 г., 17:00");
    EXPECT_EQ(translator().date_time(Language::en, 1797433200),
              "Wednesday 16 December 2026, 17:00");
    EXPECT_EQ(translator().date_time(Language::lv, 1796194800),
              "trešdiena, 2026. gada 2. decembris, plkst. 9.00");
}

TEST(Translator, ADayInTheComingMonthsIsWrittenWithoutTheYear) {
    const std::time_t now = 1796194800;           // 2026-12-02 9:00 in Riga
    const std::time_t in_two_weeks = 1797433200;  // 2026-12-16 17:00
    EXPECT_EQ(translator().date_time(Language::lv, in_two_weeks, now),
              "trešdiena, 16. decembris, plkst. 17.00");
    EXPECT_EQ(translator().date_time(Language::ru, in_two_weeks, now), "среда, 16 декабря, 17:00");
    EXPECT_EQ(translator().date_time(Language::en, in_two_weeks, now),
              "Wednesday 16 December, 17:00");
    // Into the next year, within the half-year, still no year: "next January" is clear.
    const std::time_t next_january = 1799161200;  // 2027-01-05 17:00
    EXPECT_EQ(translator().date_time(Language::ru, next_january, now), "вторник, 5 января, 17:00");
    // A year on, or long past, says which year.
    const std::time_t a_year_on = in_two_weeks + 365 * 86400;
    EXPECT_EQ(translator().date_time(Language::lv, a_year_on, now),
              "ceturtdiena, 2027. gada 16. decembris, plkst. 17.00");
    EXPECT_EQ(translator().date_time(Language::en, now - 60 * 86400, now),
              "Saturday 3 October 2026, 10:00");
}

TEST(Translator, ClockOfAMinuteOfTheDay) {
    EXPECT_EQ(translator().clock(Language::lv, 9 * 60), "9.00");
    EXPECT_EQ(translator().clock(Language::ru, 22 * 60 + 5), "22:05");
    EXPECT_EQ(translator().clock(Language::en, 1440), "24:00");
}

}  // namespace
}  // namespace skirosim::i18n
