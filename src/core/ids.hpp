// Numeric ids as they arrive in paths and forms: the whole text, digits only.
#pragma once

#include <optional>
#include <string_view>

namespace skirosim {

// "42" → 42; "42abc", " 42", "+42", "-1", "" and anything beyond 18 digits → nullopt (std::stoll
// would have read "1 AND 1=1" as 1).
std::optional<long long> parse_id(std::string_view text);

}  // namespace skirosim
