// A strict UTF-8 validator (Unicode 15, table 3-7).
#include "core/utf8.hpp"

namespace skirosim {

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = s + text.size();
    while (s < end) {
        unsigned char c = *s;
        if (c < 0x80) { ++s; continue; }
        int extra;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) extra = 1;
        else if (c == 0xE0) { extra = 2; lo = 0xA0; }
        else if (c == 0xED) { extra = 2; hi = 0x9F; }
        else if (c >= 0xE1 && c <= 0xEF) extra = 2;
        else if (c == 0xF0) { extra = 3; lo = 0x90; }
        else if (c == 0xF4) { extra = 3; hi = 0x8F; }
        else if (c >= 0xF1 && c <= 0xF3) extra = 3;
        else return false;
        if (end - s <= extra) return false;
        if (s[1] < lo || s[1] > hi) return false;
        for (int i = 2; i <= extra; ++i) {
            if (s[i] < 0x80 || s[i] > 0xBF) return false;
        }
        s += extra + 1;
    }
    return true;
}

}  // namespace skirosim
