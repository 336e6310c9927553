// Reads the initiative, institutions and activities from an exchange-format document.
#pragma once

#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "site/model.hpp"

namespace skirosim::site {

Result<SiteData> parse_site_data(const JsonReader& document);
boost::json::object export_site_data(const SiteContent& content);

}  // namespace skirosim::site
