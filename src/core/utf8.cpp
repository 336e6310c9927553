// A strict UTF-8 validator (Unicode 15, table 3-7).
#include "core/utf8.hpp"

namespace skirosim {

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = s + text.size();
    while (s < end) {
        unsigned char c = *s;
        if (c < 0x80) {
            ++s;
            continue;
        }
        int extra;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            extra = 1;
        else if (c == 0xE0) {
            extra = 2;
            lo = 0xA0;
        } else if (c == 0xED) {
            extra = 2;
            hi = 0x9F;
        } else if (c >= 0xE1 && c <= 0xEF)
            extra = 2;
        else if (c == 0xF0) {
            extra = 3;
            lo = 0x90;
        } else if (c == 0xF4) {
            extra = 3;
            hi = 0x8F;
        } else if (c >= 0xF1 && c <= 0xF3)
            extra = 3;
        else
            return false;
        if (end - s <= extra) return false;
        if (s[1] < lo || s[1] > hi) return false;
        for (int i = 2; i <= extra; ++i) {
            if (s[i] < 0x80 || s[i] > 0xBF) return false;
        }
        s += extra + 1;
    }
    return true;
}

std::string printable_for_terminal(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    auto escape = [&out](unsigned char c) {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            escape(c);
        } else if (c == 0xC2 && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            escape(static_cast<unsigned char>(text[++i]));  // U+0080…U+009F, the C1 controls
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    // Back off continuation bytes (10xxxxxx) to the start of the character that does not fit.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

}  // namespace skirosim
