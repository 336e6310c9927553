// Boost.Locale-backed translation and formatting.
#include "i18n/translator.hpp"

#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <boost/locale.hpp>

#include <array>
#include <map>
#include <memory>
#include <sstream>
#include <tuple>

namespace skirosim::i18n {

namespace bl = boost::locale;

namespace {

const char* locale_name(Language language) {
    switch (language) {
        case Language::lv:
            return "lv_LV.UTF-8";
        case Language::ru:
            return "ru_RU.UTF-8";
        case Language::en:
            return "en_GB.UTF-8";
    }
    return "lv_LV.UTF-8";
}

std::size_t index(Language language) { return static_cast<std::size_t>(language); }
}  // namespace

Translator::Translator(const std::filesystem::path& catalog_dir) {
    bl::localization_backend_manager manager = bl::localization_backend_manager::global();
    manager.select("icu");
    bl::generator generator(manager);
    generator.add_messages_path(catalog_dir.string());
    generator.add_messages_domain("skirosim");
    for (Language language : kLanguages) {
        // The catalogue is found under the language alone (lv/LC_MESSAGES/skirosim.mo).
        locales_[index(language)] = generator(locale_name(language));
    }
}

const std::locale& Translator::locale(Language language) const { return locales_[index(language)]; }

void Translator::set_time_zone(const std::string& zone_id) {
    zone_.store(std::make_shared<const std::string>(zone_id));
}

std::string Translator::time_zone() const { return *zone_.load(); }

std::string Translator::text(Language language, const std::string& msgid) const {
    return bl::translate(msgid).str(locale(language));
}

std::string Translator::plural(Language language, const std::string& singular,
                               const std::string& plural_form, long long n) const {
    std::string chosen = bl::translate(singular, plural_form, n).str(locale(language));
    return fill_placeholders(std::move(chosen), {integer(language, n)});
}

std::string Translator::message(Language language, const Error& error) const {
    // Messages about data files are built as "{2}: {1}: is missing" (file, field, text): the
    // catalogue holds the text part.
    std::size_t start = 0;
    while (start + 4 <= error.message.size() && error.message[start] == '{') {
        auto close = error.message.find("}: ", start);
        if (close == std::string::npos || close - start > 3) break;
        start = close + 3;
    }
    return fill_placeholders(
        error.message.substr(0, start) + text(language, error.message.substr(start)), error.args);
}

std::string Translator::number(Language language, double value, int decimals) const {
    std::ostringstream out;
    out.imbue(locale(language));
    out << bl::as::number << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string Translator::integer(Language language, long long value) const {
    std::ostringstream out;
    out.imbue(locale(language));
    out << bl::as::number << value;
    return out.str();
}

namespace {
// An ICU date pattern in Riga time. Building a formatter costs about a millisecond (a page of
// activities spent most of its time there), so each thread keeps one per language and pattern.
std::string format_pattern(Language language, const char* pattern, const std::string& zone_id,
                           std::time_t when) {
    thread_local std::map<std::tuple<Language, std::string, std::string>,
                          std::unique_ptr<icu::SimpleDateFormat>>
        formats;
    auto& format = formats[{language, pattern, zone_id}];
    if (!format) {
        UErrorCode status = U_ZERO_ERROR;
        std::string name = locale_name(language);
        name.resize(name.find('.'));
        format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern),
                                                         icu::Locale(name.c_str()), status);
        std::unique_ptr<icu::TimeZone> zone(
            icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone_id)));
        format->setTimeZone(*zone);
    }
    icu::UnicodeString text;
    format->format(static_cast<UDate>(when) * 1000.0, text);
    std::string out;
    text.toUTF8String(out);
    return out;
}
}  // namespace

std::string Translator::date_long(Language language, std::time_t when) const {
    std::ostringstream out;
    out.imbue(locale(language));
    out << bl::as::time_zone(time_zone()) << bl::as::date_long << bl::as::date << when;
    return out.str();
}

std::string Translator::date_time(Language language, std::time_t when) const {
    // Written out as each language writes a day and hour in a sentence: Latvian
    // "trešdiena, 2026. gada 16. decembris, plkst. 17.00", Russian "среда, 16 декабря 2026 г.,
    // 17:00" (the genitive month), English "Wednesday 16 December 2026, 17:00".
    static constexpr std::array<const char*, 3> kPatterns{"EEEE, y. 'gada' d. MMMM, 'plkst.' H.mm",
                                                          "EEEE, d MMMM y 'г.', H:mm",
                                                          "EEEE d MMMM y, H:mm"};
    return format_pattern(language, kPatterns[static_cast<std::size_t>(language)], time_zone(),
                          when);
}

std::string Translator::date_time(Language language, std::time_t when, std::time_t now) const {
    constexpr std::time_t kDay = 86400;
    if (when < now - 31 * kDay || when > now + 183 * kDay) return date_time(language, when);
    static constexpr std::array<const char*, 3> kPatterns{
        "EEEE, d. MMMM, 'plkst.' H.mm", "EEEE, d MMMM, H:mm", "EEEE d MMMM, H:mm"};
    return format_pattern(language, kPatterns[static_cast<std::size_t>(language)], time_zone(),
                          when);
}

std::string Translator::weekday_and_day(Language language, std::time_t when) const {
    static constexpr std::array<const char*, 3> kPatterns{"EEEE, d. MMMM", "EEEE, d MMMM",
                                                          "EEEE d MMMM"};
    return format_pattern(language, kPatterns[static_cast<std::size_t>(language)], time_zone(),
                          when);
}

std::string Translator::month_year(Language language, std::time_t when) const {
    // ICU's "LLLL" is the stand-alone month name: "decembris", "декабрь" (not "декабря").
    // Latvian heads a month "2026. gada decembris"; Russian "Декабрь 2026", capitalised.
    if (language == Language::lv)
        return format_pattern(language, "y. 'gada' LLLL", time_zone(), when);
    std::string text = format_pattern(language, "LLLL y", time_zone(), when);
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    unicode.replace(0, 1, icu::UnicodeString(unicode, 0, 1).toUpper(icu::Locale("ru")));
    text.clear();
    unicode.toUTF8String(text);
    return text;
}

std::string Translator::time_of_day(Language language, std::time_t when) const {
    return format_pattern(language, language == Language::lv ? "H.mm" : "H:mm", time_zone(), when);
}

std::string Translator::clock(Language language, int minute_of_day) const {
    const char separator = language == Language::lv ? '.' : ':';
    std::string minutes = std::to_string(minute_of_day % 60);
    if (minutes.size() < 2) minutes.insert(0, "0");
    return std::to_string(minute_of_day / 60) + separator + minutes;
}

std::string language_name(const Translator& tr, Language reader, Language named) {
    switch (named) {
        case Language::lv:
            return tr.text(reader, "Latvian");
        case Language::ru:
            return tr.text(reader, "Russian");
        case Language::en:
            return tr.text(reader, "English");
    }
    return tr.text(reader, "Latvian");
}

std::string_view native_name(Language language) {
    static constexpr std::array<std::string_view, 3> kNames{"Latviešu", "Русский", "English"};
    return kNames[static_cast<std::size_t>(language)];
}

}  // namespace skirosim::i18n
