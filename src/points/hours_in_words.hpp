// Opening hours and the next opening or closing said as people read them, in the page's
// language: "P–Pk 9.00–18.00; S 10.00–14.00", "rīt plkst. 9.00", "в среду в 9:00".
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "core/language.hpp"
#include "i18n/translator.hpp"
#include "platform/time_zone.hpp"
#include "points/opening_hours.hpp"

namespace skirosim::points {

// Days with the same hours grouped: "Mon–Fri 9:00–18:00; Sat 10:00–14:00; Sun closed".
std::string week_in_words(const OpeningHours& hours, const i18n::Translator& tr, Language language);

struct DayHours {
    std::string day;    // "Monday"
    std::string hours;  // "9:00–13:00, 14:00–18:00" or "closed"
    bool today = false;
};
// One row a day, Monday first, for the point's page.
std::vector<DayHours> week_table(const OpeningHours& hours, std::time_t now,
                                 const platform::TimeZone& zone, const i18n::Translator& tr,
                                 Language language);

// A moment of the coming week said from now: "today at 9:00", "tomorrow at 9:00",
// "on Wednesday at 9:00".
std::string when_in_words(std::time_t when, std::time_t now, const platform::TimeZone& zone,
                          const i18n::Translator& tr, Language language);

}  // namespace skirosim::points
