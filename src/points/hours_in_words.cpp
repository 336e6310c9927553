// Opening hours in words: the catalogue holds the day names and the phrases, so each language
// gets its own grammar ("trešdien", "в среду").
#include "points/hours_in_words.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "core/error.hpp"

namespace skirosim::points {

namespace {

// Short day names are the calendar's ("P", "Пн", "Mon").
const std::array<const char*, 7> kShortDayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const std::array<const char*, 7> kDayNames{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
const std::array<const char*, 7> kOnDayAt{
    "on Monday at {1}", "on Tuesday at {1}",  "on Wednesday at {1}", "on Thursday at {1}",
    "on Friday at {1}", "on Saturday at {1}", "on Sunday at {1}"};

std::string intervals_in_words(const std::vector<OpeningHours::Interval>& intervals,
                               const i18n::Translator& tr, Language language) {
    if (intervals.empty()) return tr.text(language, "closed");
    std::string out;
    for (const auto& i : intervals) {
        if (!out.empty()) out += ", ";
        // An end past midnight is said as the next day's clock ("22.00–2.00").
        out += tr.clock(language, i.start) + "–" +
               tr.clock(language, i.end > 1440 ? i.end - 1440 : i.end);
    }
    return out;
}

std::chrono::sys_days local_day(const platform::LocalDateTime& t) {
    return std::chrono::year{t.year} / t.month / t.day;
}

}  // namespace

std::string week_in_words(const OpeningHours& hours, const i18n::Translator& tr,
                          Language language) {
    if (hours.always_open()) return tr.text(language, "Open day and night");
    const auto& week = hours.week();
    if (std::all_of(week.begin(), week.end(), [&](const auto& day) { return day == week[0]; })) {
        return fill_placeholders(tr.text(language, "every day {1}"),
                                 {intervals_in_words(week[0], tr, language)});
    }
    std::string out;
    for (std::size_t first = 0; first < 7;) {
        std::size_t last = first;
        while (last + 1 < 7 && week[last + 1] == week[first]) ++last;
        if (!out.empty()) out += "; ";
        out += tr.text(language, kShortDayNames[first]);
        if (last > first) out += "–" + tr.text(language, kShortDayNames[last]);
        out += " " + intervals_in_words(week[first], tr, language);
        first = last + 1;
    }
    return out;
}

std::vector<DayHours> week_table(const OpeningHours& hours, std::time_t now,
                                 const platform::TimeZone& zone, const i18n::Translator& tr,
                                 Language language) {
    const int today = zone.local(now).weekday;
    std::vector<DayHours> rows;
    for (std::size_t d = 0; d < 7; ++d) {
        rows.push_back({tr.text(language, kDayNames[d]),
                        hours.always_open() ? tr.text(language, "day and night")
                                            : intervals_in_words(hours.week()[d], tr, language),
                        static_cast<int>(d) == today});
    }
    return rows;
}

std::string when_in_words(std::time_t when, std::time_t now, const platform::TimeZone& zone,
                          const i18n::Translator& tr, Language language) {
    const auto at = zone.local(when);
    const auto days = (local_day(at) - local_day(zone.local(now))).count();
    const std::string clock = tr.clock(language, at.minute_of_day());
    const char* phrase = days <= 0   ? "today at {1}"
                         : days == 1 ? "tomorrow at {1}"
                                     : kOnDayAt[static_cast<std::size_t>(at.weekday)];
    return fill_placeholders(tr.text(language, phrase), {clock});
}

}  // namespace skirosim::points
