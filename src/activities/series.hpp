// The dates of a series of activities. Dates are local calendar days in Riga and times stay in
// the form's text ("2026-12-09T15:00"), so a series keeps its wall-clock time across clock changes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace skirosim::activities {

// The day of a local date-time text; none when it is not a real date.
std::optional<std::chrono::sys_days> local_date(const std::string& local);
// The same text moved to another day, the time of day kept.
std::string on_date(const std::string& local, std::chrono::sys_days date);
// The dates of a new series from its first date: "weekly", or "monthly" on the same day of the
// month (months without that day are skipped), up to and including `until`, at most `max_dates`.
std::vector<std::chrono::sys_days> series_dates(std::chrono::sys_days first,
                                                const std::string& rule,
                                                std::chrono::sys_days until, int max_dates);

}  // namespace skirosim::activities
