// iCalendar (RFC 5545) for activities: one file per activity and feeds, in the town's time zone.
#pragma once

#include <string>
#include <vector>

#include "activities/model.hpp"
#include "core/language.hpp"
#include "platform/time_zone.hpp"

namespace skirosim::activities {

std::string calendar(const std::vector<Activity>& activities, Language language,
                     const std::string& public_url, const std::string& name,
                     const platform::TimeZone& zone, std::time_t now);

// Escapes TEXT values (backslash, semicolon, comma, newline) and folds lines at 75 octets.
std::string ics_text(const std::string& text);
std::string fold_line(const std::string& line);

}  // namespace skirosim::activities
