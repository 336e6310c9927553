// Reads the initiative, institutions and activities from an exchange-format document.
#pragma once

#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "site/model.hpp"

namespace skirosim::site {

Result<SiteData> parse_site_data(const JsonReader& document);
boost::json::object export_site_data(const SiteContent& content);

// "2026-12-03T16:00" (local time in Europe/Riga) → UTC epoch seconds.
std::optional<std::time_t> parse_riga_local_time(const std::string& text);

}  // namespace skirosim::site

namespace skirosim::site {
// "2022-01-01" → noon of that day in Europe/Riga (a date shown without a time).
std::optional<std::time_t> parse_riga_date(const std::string& text);
}  // namespace skirosim::site
