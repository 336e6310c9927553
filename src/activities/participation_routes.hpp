// After an activity: the organiser's attendance and results page, the coordinator's figures for a
// period (and their CSV), and the public picture of what the neighbourhood has achieved.
#pragma once

#include "activities/service.hpp"
#include "http/router.hpp"
#include "platform/platform.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::activities {

void add_participation_routes(http::Router& router, Service& service, site::Service& site,
                              const platform::Platform& platform);

}  // namespace skirosim::activities
