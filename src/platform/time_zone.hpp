// Wall-clock time in the town's time zone (ICU): what a person's watch says, weekdays, the
// UTC moment of a local date and time, and the zone's rules as iCalendar wants them.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>

// ICU's own forward declaration (its namespace is versioned: icu_72).
#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class TimeZone;
U_NAMESPACE_END

namespace skirosim::platform {

struct LocalDateTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    int weekday = 0;  // 0 = Monday
    int minute_of_day() const { return hour * 60 + minute; }
};

class TimeZone {
public:
    // An IANA zone id ("Europe/Riga"); an unknown one is refused (nullopt).
    static std::optional<TimeZone> named(const std::string& id);
    TimeZone(const TimeZone& other);
    TimeZone& operator=(const TimeZone& other);
    TimeZone(TimeZone&&) noexcept;
    TimeZone& operator=(TimeZone&&) noexcept;
    ~TimeZone();

    const std::string& id() const { return id_; }
    LocalDateTime local(std::time_t utc) const;
    // The moment of a local minute, `day_offset` days from the local date of `reference`. Wall
    // time is set, not added: on the day the clocks change, 08:00 is not 8 hours after midnight.
    std::time_t at(std::time_t reference, int day_offset, int minute) const;
    // The moment of a local date and time; nullopt when the date does not exist.
    std::optional<std::time_t> at(int year, int month, int day, int hour, int minute) const;
    // "2026-12-09T15:00" (local) → its moment; "2026-12-09" → noon of that day.
    std::optional<std::time_t> parse_local(const std::string& text) const;
    // A VTIMEZONE block (RFC 5545) with the zone's rules in force around `when`, from ICU.
    std::string vtimezone(std::time_t when) const;

private:
    TimeZone(std::string id, std::unique_ptr<icu::TimeZone> zone);
    std::string id_;
    std::unique_ptr<icu::TimeZone> zone_;
};

}  // namespace skirosim::platform
