// A parser for the common subset of opening_hours, and when a place is open in a time zone.
#include "points/opening_hours.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

namespace skirosim::points {

namespace {

const std::array<const char*, 7> kDays{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

std::string trim(std::string s) {
    auto a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<std::string> split(const std::string& s, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find(separator, start);
        if (end == std::string::npos) end = s.size();
        parts.push_back(trim(s.substr(start, end - start)));
        start = end + 1;
    }
    return parts;
}

int day_index(const std::string& d) {
    for (int i = 0; i < 7; ++i) {
        if (d == kDays[static_cast<std::size_t>(i)]) return i;
    }
    return -1;
}

Error bad(const std::string& text, const std::string& why) {
    return Error::make(ErrorCode::invalid_input,
                       "The opening hours \"{1}\" are not understood: {2}", {text, why},
                       "opening_hours");
}

// "08:00" → 480; "24:00" → 1440.
std::optional<int> minutes(const std::string& t) {
    if (t.size() != 5 || t[2] != ':' || !std::isdigit(static_cast<unsigned char>(t[0])) ||
        !std::isdigit(static_cast<unsigned char>(t[1])) ||
        !std::isdigit(static_cast<unsigned char>(t[3])) ||
        !std::isdigit(static_cast<unsigned char>(t[4]))) {
        return std::nullopt;
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

}  // namespace

Result<OpeningHours> OpeningHours::parse(const std::string& text) {
    OpeningHours hours;
    const std::string all = trim(text);
    if (all.empty()) return std::unexpected(bad(text, "it is empty"));
    if (all == "24/7") {
        hours.always_ = true;
        return hours;
    }
    for (const std::string& rule : split(all, ';')) {
        if (rule.empty()) continue;
        if (rule.starts_with("PH")) continue;  // public holidays: not modelled
        // "Mo-Fr,Su 08:00-12:00,13:00-17:00" → selector and times; no selector means every day.
        std::string selector, times = rule;
        const auto space = rule.find(' ');
        if (space != std::string::npos && std::isalpha(static_cast<unsigned char>(rule[0]))) {
            selector = rule.substr(0, space);
            times = trim(rule.substr(space + 1));
        } else if (std::isalpha(static_cast<unsigned char>(rule[0])) && rule != "off" &&
                   rule != "closed") {
            return std::unexpected(bad(text, "\"" + rule + "\" has no times"));
        }
        std::array<bool, 7> days{};
        if (selector.empty()) {
            days.fill(true);
        } else {
            for (const std::string& part : split(selector, ',')) {
                const auto dash = part.find('-');
                const int from = day_index(part.substr(0, dash));
                const int to = dash == std::string::npos ? from : day_index(part.substr(dash + 1));
                if (from < 0 || to < 0)
                    return std::unexpected(
                        bad(text, "\"" + part + "\" is not a day like Mo or Mo-Fr"));
                for (int d = from;; d = (d + 1) % 7) {
                    days[static_cast<std::size_t>(d)] = true;
                    if (d == to) break;
                }
            }
        }
        std::vector<Interval> intervals;
        if (times != "off" && times != "closed") {
            for (const std::string& range : split(times, ',')) {
                const auto dash = range.find('-');
                if (dash == std::string::npos)
                    return std::unexpected(
                        bad(text, "\"" + range + "\" is not a range like 08:00-19:00"));
                auto start = minutes(trim(range.substr(0, dash)));
                auto end = minutes(trim(range.substr(dash + 1)));
                if (!start || !end)
                    return std::unexpected(
                        bad(text, "\"" + range + "\" is not a range like 08:00-19:00"));
                // An end before the start runs past midnight into the next day.
                intervals.push_back({*start, *end <= *start ? *end + 1440 : *end});
            }
        }
        // A later rule replaces what earlier rules said about its days.
        for (std::size_t d = 0; d < 7; ++d) {
            if (days[d]) hours.days_[d] = intervals;
        }
    }
    return hours;
}

bool OpeningHours::open_at(std::time_t utc, const platform::TimeZone& zone) const {
    if (always_) return true;
    const auto now = zone.local(utc);
    const int minute = now.minute_of_day();
    const auto& today = days_[static_cast<std::size_t>(now.weekday)];
    if (std::any_of(today.begin(), today.end(),
                    [&](const Interval& i) { return minute >= i.start && minute < i.end; })) {
        return true;
    }
    // Yesterday's interval that ran past midnight.
    const auto& yesterday = days_[static_cast<std::size_t>((now.weekday + 6) % 7)];
    return std::any_of(yesterday.begin(), yesterday.end(),
                       [&](const Interval& i) { return i.end > 1440 && minute < i.end - 1440; });
}

std::optional<std::time_t> OpeningHours::next_opening(std::time_t utc,
                                                      const platform::TimeZone& zone) const {
    if (always_) return std::nullopt;
    const auto now = zone.local(utc);
    std::optional<std::time_t> best;
    for (int offset = 0; offset <= 7; ++offset) {
        for (const Interval& i : days_[static_cast<std::size_t>((now.weekday + offset) % 7)]) {
            const std::time_t at = zone.at(utc, offset, i.start);
            if (at > utc && !open_at(at - 60, zone) && (!best || at < *best)) best = at;
        }
        if (best) return best;
    }
    return best;
}

std::optional<std::time_t> OpeningHours::next_closing(std::time_t utc,
                                                      const platform::TimeZone& zone) const {
    if (always_) return std::nullopt;
    const auto now = zone.local(utc);
    std::optional<std::time_t> best;
    for (int offset = -1; offset <= 7; ++offset) {
        for (const Interval& i : days_[static_cast<std::size_t>((now.weekday + 7 + offset) % 7)]) {
            const std::time_t at = zone.at(utc, offset, i.end);
            if (at > utc && !open_at(at, zone) && (!best || at < *best)) best = at;
        }
        if (best) return best;
    }
    return best;
}

}  // namespace skirosim::points
