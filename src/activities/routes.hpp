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

// Messages to people who registered, in their language, from the .po catalogues.
ActivityMessages activity_messages(const i18n::Translator& translator);

}  // namespace skirosim::activities
