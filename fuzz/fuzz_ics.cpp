// iCalendar output round-trip: any title, description and venue come out as lines of at most 75
// octets ending in CRLF, folded between UTF-8 characters, and unfold and unescape to what went in.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "activities/ics.hpp"
#include "core/utf8.hpp"
#include "platform/time_zone.hpp"

using namespace skirosim;

namespace {
// RFC 5545 3.1 and 3.3.11, read back: unfold CRLF + space, then unescape.
std::string property(const std::string& ics, const std::string& name) {
    std::string unfolded;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded += ics[i];
    }
    const auto start = unfolded.find("\r\n" + name + ":");
    if (start == std::string::npos) return "\x01missing";
    const auto from = start + name.size() + 3;
    const std::string escaped = unfolded.substr(from, unfolded.find("\r\n", from) - from);
    std::string out;
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] == '\\' && i + 1 < escaped.size()) {
            const char c = escaped[++i];
            out += c == 'n' || c == 'N' ? '\n' : c;
        } else {
            out += escaped[i];
        }
    }
    return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    if (!is_valid_utf8(input)) return 0;  // the server refuses such text at the door
    const auto cut = input.find('\x1f');
    activities::Activity a;
    a.id = 7;
    const std::string title = input.substr(0, cut);
    a.title = {title, title, title};
    if (cut != std::string::npos) a.venue = input.substr(cut + 1);
    a.starts_at = 1796000000;
    a.ends_at = a.starts_at + 3600;
    static const auto zone = platform::TimeZone::named("Europe/Riga");
    const std::string ics =
        activities::calendar({a}, Language::lv, "https://example.org", "Fuzz", *zone, a.starts_at);
    for (std::size_t begin = 0; begin < ics.size();) {
        const auto end = ics.find("\r\n", begin);
        if (end == std::string::npos) std::abort();  // every line ends in CRLF
        const std::string line = ics.substr(begin, end - begin);
        if (line.size() > 75) std::abort();
        if (!is_valid_utf8(line)) std::abort();  // folded between characters
        begin = end + 2;
    }
    // Carriage returns and other control characters are not kept; the rest comes back.
    std::string expected;
    for (char c : title) {
        if ((static_cast<unsigned char>(c) >= 0x20 && c != '\x7f') || c == '\n' || c == '\t')
            expected += c;
    }
    if (property(ics, "SUMMARY") != expected) std::abort();
    return 0;
}
