// iCalendar writer.
#include "activities/ics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace skirosim::activities {

namespace {

// A local time in the zone, as DTSTART;TZID= wants it.
std::string local(const platform::TimeZone& zone, std::time_t utc) {
    const auto t = zone.local(utc);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}00", t.year, t.month, t.day, t.hour, t.minute);
}

std::string utc_stamp(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace

std::string ics_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += c;
                break;
            default:
                // RFC 5545 allows no other control characters in TEXT (a carriage return included).
                if (static_cast<unsigned char>(c) >= 0x20 && c != '\x7f') out += c;
        }
    }
    return out;
}

std::string fold_line(const std::string& line) {
    // At most 75 octets a line, never splitting a UTF-8 character.
    std::string out;
    std::size_t start = 0, limit = 75;
    while (line.size() - start > limit) {
        std::size_t end = start + limit;
        while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
        out += line.substr(start, end - start) + "\r\n ";
        start = end;
        limit = 74;  // the leading space counts
    }
    return out + line.substr(start) + "\r\n";
}

std::string calendar(const std::vector<Activity>& activities, Language language,
                     const std::string& public_url, const std::string& name,
                     const platform::TimeZone& zone, std::time_t now) {
    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Skirosim//Activities//" +
                      std::string(code(language)) + "\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
    out += fold_line("X-WR-CALNAME:" + ics_text(name));
    out += "X-WR-TIMEZONE:" + ics_text(zone.id()) + "\r\n";
    // The zone's rules as ICU has them, from the last change of the clocks before the earliest
    // event on: every time in the calendar falls under one of its observances.
    std::time_t earliest = now;
    for (const Activity& a : activities) earliest = std::min(earliest, a.starts_at);
    out += zone.vtimezone(earliest);
    const std::string host = public_url.substr(
        public_url.find("://") == std::string::npos ? 0 : public_url.find("://") + 3);
    for (const Activity& a : activities) {
        out += "BEGIN:VEVENT\r\n";
        out += "UID:activity-" + std::to_string(a.id) + "@" + ics_text(host) + "\r\n";
        out += "DTSTAMP:" + utc_stamp(now) + "\r\n";
        out += "DTSTART;TZID=" + zone.id() + ":" + local(zone, a.starts_at) + "\r\n";
        out += "DTEND;TZID=" + zone.id() + ":" + local(zone, a.ends_at) + "\r\n";
        out += fold_line("SUMMARY:" + ics_text(in(a.title, language)));
        out += fold_line("DESCRIPTION:" + ics_text(in(a.description, language)));
        if (!a.venue.empty()) out += fold_line("LOCATION:" + ics_text(a.venue));
        out += fold_line("URL:" + public_url + "/" + std::string(code(language)) + "/activities/" +
                         std::to_string(a.id));
        if (a.cancelled) out += "STATUS:CANCELLED\r\n";
        out += "END:VEVENT\r\n";
    }
    return out + "END:VCALENDAR\r\n";
}

}  // namespace skirosim::activities
