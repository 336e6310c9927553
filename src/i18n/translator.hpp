// Messages, plurals, numbers and dates in the page's language, from the gettext catalogues
// (locale/*.po compiled to .mo) through Boost.Locale with its ICU backend.
#pragma once

#include <array>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <locale>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/language.hpp"

namespace skirosim::i18n {

// Marks an English message kept in a table and translated where it is shown, so that the check
// of translations (scripts/msgids.py) finds it; returns the message unchanged.
constexpr const char* msgid(const char* english) { return english; }

class Translator {
public:
    // `catalog_dir` holds <lang>/LC_MESSAGES/skirosim.mo.
    explicit Translator(const std::filesystem::path& catalog_dir);

    // The translation of an English msgid; the msgid itself when a catalogue lacks it.
    std::string text(Language language, const std::string& msgid) const;
    // Chooses the plural form for n by the language's rules (Latvian: zero/one/other; Russian:
    // one/few/many) and fills {1} with the number formatted for the language.
    std::string plural(Language language, const std::string& singular, const std::string& plural,
                       long long n) const;
    // An error's message, translated, with its placeholders filled.
    std::string message(Language language, const Error& error) const;

    std::string number(Language language, double value, int decimals = 0) const;
    std::string integer(Language language, long long value) const;
    // "25. novembris, 2026" / "25 ноября 2026 г." / "25 November 2026", in the town's zone.
    std::string date_long(Language language, std::time_t when) const;
    // "trešdiena, 2026. gada 25. novembris, plkst. 18.00" and the like, in the town's zone.
    std::string date_time(Language language, std::time_t when) const;
    // The same said to a reader at `now`: a day in the coming half-year or the month just past
    // leaves the year out, as people write it ("trešdiena, 16. decembris, plkst. 17.00").
    std::string date_time(Language language, std::time_t when, std::time_t now) const;
    // "trešdiena, 9. decembris", "среда, 9 декабря", "Wednesday 9 December": a day of a month
    // whose year the page already says.
    std::string weekday_and_day(Language language, std::time_t when) const;
    // "9.00" in Latvian (plkst. 9.00), "9:00" in Russian and English, in the town's zone.
    std::string time_of_day(Language language, std::time_t when) const;
    // The same for a minute of the day (0–1440), as opening hours give it.
    std::string clock(Language language, int minute_of_day) const;
    // "decembris 2026", "декабрь 2026 г.", "December 2026" (the month standing alone).
    std::string month_year(Language language, std::time_t when) const;

    const std::locale& locale(Language language) const;

    // Dates and times are shown in this zone (the town's; UTC until one is set).
    void set_time_zone(const std::string& zone_id);
    std::string time_zone() const;

private:
    std::array<std::locale, 3> locales_;
    std::atomic<std::shared_ptr<const std::string>> zone_{
        std::make_shared<const std::string>("UTC")};
};

// A language named in the reader's language: "krievu", "латышский", "Russian".
std::string language_name(const Translator& tr, Language reader, Language named);
// A language's own name, for choosing it ("Latviešu", "Русский", "English"); mark it up with
// lang= that language.
std::string_view native_name(Language language);

}  // namespace skirosim::i18n
