// Small helpers shared by the page handlers of every capability.
#pragma once

#include "http/router.hpp"
#include "web/views.hpp"

namespace skirosim::web {

// Wraps a handler of a "/{lang}/…" route: an unknown language code is a 404.
http::Handler localized(http::Handler handler);

// A list of {"name": …} entries for a mustache section.
mustache::data list_of(const std::vector<std::string>& values);

}  // namespace skirosim::web
