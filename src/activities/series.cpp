// Series dates on the calendar (local days; the time of day stays in the text).
#include "activities/series.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace skirosim::activities {

std::optional<std::chrono::sys_days> local_date(const std::string& local) {
    int y = 0, m = 0, d = 0;
    if (local.size() < 10 || std::sscanf(local.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd};
}

std::string on_date(const std::string& local, std::chrono::sys_days date) {
    const std::chrono::year_month_day ymd{date};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())) +
           local.substr(10);
}

std::vector<std::chrono::sys_days> series_dates(std::chrono::sys_days first,
                                                const std::string& rule,
                                                std::chrono::sys_days until, int max_dates) {
    using namespace std::chrono;
    std::vector<sys_days> out;
    const year_month_day start{first};
    for (int n = 0; out.size() < static_cast<std::size_t>(max_dates); ++n) {
        sys_days date;
        if (rule == "weekly") {
            date = first + days{7 * n};
        } else {
            const year_month_day next = start + months{n};
            if (!next.ok()) {  // the 31st in a shorter month
                if (sys_days{next.year() / next.month() / 1} > until) break;
                continue;
            }
            date = sys_days{next};
        }
        if (date > until) break;
        out.push_back(date);
    }
    return out;
}

}  // namespace skirosim::activities
