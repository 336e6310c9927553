// Activities on the web, put together from their parts.
#include "activities/routes.hpp"

namespace skirosim::activities {

void add_routes(http::Router& router, const RouteContext& context) {
    add_staff_routes(router, context);
    add_calendar_routes(router, context);
    add_registration_routes(router, context);
    add_feed_routes(router, context);
}

}  // namespace skirosim::activities
