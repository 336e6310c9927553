// UTF-8 validation for everything that arrives from outside.
#pragma once

#include <string>
#include <string_view>

namespace skirosim {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The longest start of `text` of at most `max_bytes` bytes that does not cut a character in two
// (for valid UTF-8; a cut never lands on a continuation byte).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// Text for a terminal: control characters (C0 but newline and tab, DEL, C1) written as \xNN, so
// that nothing read from a file can move the cursor, change colours or retitle the window.
std::string printable_for_terminal(std::string_view text);

}  // namespace skirosim
