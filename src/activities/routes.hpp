// Activities on the web: the calendar, an activity's page, registration and cancellation, and
// iCalendar files and feeds.
#pragma once

#include "activities/editor.hpp"
#include "activities/service.hpp"
#include "http/router.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::activities {

void add_routes(http::Router& router, Service& service, site::Service& site, const web::Views& views,
                std::string public_url, Editor& editor);

// Messages to people who registered, in their language, from the .po catalogues.
ActivityMessages activity_messages(const i18n::Translator& translator);

}  // namespace skirosim::activities
