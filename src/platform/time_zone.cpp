// ICU calendars in one zone. A calendar is made per call: ICU's are not safe to share between
// threads, a zone's rules are.
#include "platform/time_zone.hpp"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/vtzone.h>

#include <cstdio>

namespace skirosim::platform {

namespace {

icu::GregorianCalendar calendar_at(const icu::TimeZone& zone, std::time_t utc) {
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar calendar(zone, status);
    calendar.setTime(static_cast<UDate>(utc) * 1000.0, status);
    return calendar;
}

}  // namespace

std::optional<TimeZone> TimeZone::named(const std::string& id) {
    std::unique_ptr<icu::TimeZone> zone(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(id)));
    icu::UnicodeString found;
    zone->getID(found);
    // ICU answers an unknown id with "Etc/Unknown" (GMT); that is a typing mistake, not a zone.
    if (*zone == icu::TimeZone::getUnknown() || found == UNICODE_STRING_SIMPLE("Etc/Unknown"))
        return std::nullopt;
    return TimeZone(id, std::move(zone));
}

TimeZone::TimeZone(std::string id, std::unique_ptr<icu::TimeZone> zone)
    : id_(std::move(id)), zone_(std::move(zone)) {}
TimeZone::TimeZone(const TimeZone& other) : id_(other.id_), zone_(other.zone_->clone()) {}
TimeZone& TimeZone::operator=(const TimeZone& other) {
    if (this != &other) {
        id_ = other.id_;
        zone_.reset(other.zone_->clone());
    }
    return *this;
}
TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;
TimeZone::~TimeZone() = default;

LocalDateTime TimeZone::local(std::time_t utc) const {
    UErrorCode status = U_ZERO_ERROR;
    auto calendar = calendar_at(*zone_, utc);
    LocalDateTime t;
    t.year = calendar.get(UCAL_YEAR, status);
    t.month = calendar.get(UCAL_MONTH, status) + 1;
    t.day = calendar.get(UCAL_DATE, status);
    t.hour = calendar.get(UCAL_HOUR_OF_DAY, status);
    t.minute = calendar.get(UCAL_MINUTE, status);
    t.weekday = (calendar.get(UCAL_DAY_OF_WEEK, status) + 5) % 7;  // ICU: Sunday = 1
    return t;
}

std::time_t TimeZone::at(std::time_t reference, int day_offset, int minute) const {
    UErrorCode status = U_ZERO_ERROR;
    auto calendar = calendar_at(*zone_, reference);
    // 24:00 and later belong to the next day.
    calendar.add(UCAL_DATE, day_offset + minute / 1440, status);
    minute %= 1440;
    calendar.set(UCAL_HOUR_OF_DAY, minute / 60);
    calendar.set(UCAL_MINUTE, minute % 60);
    calendar.set(UCAL_SECOND, 0);
    calendar.set(UCAL_MILLISECOND, 0);
    return static_cast<std::time_t>(calendar.getTime(status) / 1000.0);
}

std::optional<std::time_t> TimeZone::at(int year, int month, int day, int hour, int minute) const {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59) {
        return std::nullopt;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar calendar(*zone_, status);
    calendar.setLenient(false);
    calendar.set(year, month - 1, day, hour, minute, 0);
    calendar.set(UCAL_MILLISECOND, 0);
    const UDate millis = calendar.getTime(status);
    if (U_FAILURE(status)) return std::nullopt;
    return static_cast<std::time_t>(millis / 1000);
}

std::optional<std::time_t> TimeZone::parse_local(const std::string& text) const {
    int y = 0, mo = 0, d = 0, h = 12, mi = 0;
    char tail = 0;
    if (text.size() == 10) {
        if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
            return std::nullopt;
    } else if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) !=
               5) {
        return std::nullopt;
    }
    return at(y, mo, d, h, mi);
}

std::string TimeZone::vtimezone(std::time_t when) const {
    std::unique_ptr<icu::VTimeZone> zone(
        icu::VTimeZone::createVTimeZoneByID(icu::UnicodeString::fromUTF8(id_)));
    if (!zone) return "";
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text;
    // The rules in force at that moment (not the zone's whole history): what a calendar needs.
    zone->writeSimple(static_cast<UDate>(when) * 1000.0, text, status);
    std::string out;
    text.toUTF8String(out);
    return U_SUCCESS(status) ? out : std::string();
}

}  // namespace skirosim::platform
