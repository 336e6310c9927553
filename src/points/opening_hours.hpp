// Opening hours in OpenStreetMap's `opening_hours` syntax (the subset real collection points
// use: weekdays and ranges, several intervals, over midnight, `off`, `24/7`; public-holiday
// rules are skipped), and "open now" / "opens at" in the Europe/Riga time zone.
#pragma once

#include <array>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace skirosim::points {

class OpeningHours {
public:
    // "Mo-Fr 08:00-19:00; Sa 10:00-14:00; Su off", "24/7", "Mo-Su 22:00-02:00".
    static Result<OpeningHours> parse(const std::string& text);

    bool always_open() const { return always_; }
    bool open_at(std::time_t utc) const;
    // The next moment (UTC) after `utc` when it opens (nullopt: never in the coming week).
    std::optional<std::time_t> next_opening(std::time_t utc) const;
    std::optional<std::time_t> next_closing(std::time_t utc) const;

private:
    struct Interval {
        int start = 0, end = 0;  // minutes after local midnight; end may pass 1440 (next day)
    };
    std::array<std::vector<Interval>, 7> days_;  // Monday first
    bool always_ = false;
};

// Europe/Riga local weekday (0 = Monday) and minute of the day.
struct LocalMoment {
    int weekday = 0;
    int minute = 0;
};
LocalMoment riga_local(std::time_t utc);
struct LocalDateTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};
LocalDateTime riga_date_time(std::time_t utc);
// The UTC time of a local Riga date and minute (days from the date of `reference`).
std::time_t riga_time(std::time_t reference, int day_offset, int minute);

}  // namespace skirosim::points
