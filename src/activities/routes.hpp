// Activities on the web: the calendar, an activity's page, registration and cancellation, and
// iCalendar files and feeds.
#pragma once

#include "activities/editor.hpp"
#include "activities/service.hpp"
#include "http/router.hpp"
#include "platform/platform.hpp"
#include "points/service.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::activities {

// What the pages of activities are made from.
struct RouteContext {
    Service& service;
    site::Service& site;
    points::Service& points;
    Editor& editor;
    const platform::Platform& platform;
};

void add_routes(http::Router& router, const RouteContext& context);

// The parts add_routes is made of, each in its own file.
void add_staff_routes(http::Router& router, const RouteContext& context);
void add_calendar_routes(http::Router& router, const RouteContext& context);
void add_registration_routes(http::Router& router, const RouteContext& context);
void add_feed_routes(http::Router& router, const RouteContext& context);

}  // namespace skirosim::activities
