// Opening hours in OpenStreetMap's `opening_hours` syntax (the subset real collection points
// use: weekdays and ranges, several intervals, over midnight, `off`, `24/7`; public-holiday
// rules are skipped), and "open now" / "opens at" in the town's time zone.
#pragma once

#include <array>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "platform/time_zone.hpp"

namespace skirosim::points {

class OpeningHours {
public:
    // "Mo-Fr 08:00-19:00; Sa 10:00-14:00; Su off", "24/7", "Mo-Su 22:00-02:00".
    static Result<OpeningHours> parse(const std::string& text);

    bool always_open() const { return always_; }
    bool open_at(std::time_t utc, const platform::TimeZone& zone) const;
    // The next moment (UTC) after `utc` when it opens (nullopt: never in the coming week).
    std::optional<std::time_t> next_opening(std::time_t utc, const platform::TimeZone& zone) const;
    std::optional<std::time_t> next_closing(std::time_t utc, const platform::TimeZone& zone) const;

    struct Interval {
        int start = 0, end = 0;  // minutes after local midnight; end may pass 1440 (next day)
        bool operator==(const Interval&) const = default;
    };
    // Each weekday's intervals, Monday first (empty: closed that day).
    const std::array<std::vector<Interval>, 7>& week() const { return days_; }

private:
    std::array<std::vector<Interval>, 7> days_;
    bool always_ = false;
};

}  // namespace skirosim::points
