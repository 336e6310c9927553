// An activity's own page: its facts, other dates, the registration form and the staff's parts.
#pragma once

#include <map>
#include <string>

#include "activities/routes.hpp"
#include "web/views.hpp"

namespace skirosim::activities {

// The page as a resident first meets it. `typed` is a registration form that was refused, shown
// again with what the person chose (their party by age, their groups); its texts come back
// through web::form_error.
Result<web::Page> activity_page(const http::Request& request, long long id,
                                const RouteContext& context, const http::Request* typed = nullptr,
                                bool typed_on_behalf = false);

}  // namespace skirosim::activities
