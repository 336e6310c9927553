// Collection points on the web: the API, the list, a page and a poster per point, problem
// reports and the coordinator's report pages.
#pragma once

#include <functional>

#include "guide/service.hpp"
#include "http/router.hpp"
#include "points/service.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::points {

struct Context {
    Service& points;
    guide::Service& guide;
    site::Service& site;
    const platform::Platform& platform;
    std::string tile_url;
    bool have_leaflet = false;
};

void add_routes(http::Router& router, Context context);

// A report's kind in the words of the report form ("Konteiners ir pārpildīts").
std::string report_kind_label(const i18n::Translator& tr, Language language,
                              const std::string& kind);

// The nearest points that take a channel, as mustache data for the guide's item page.
web::mustache::data nearest_view(Service& points, const std::string& channel, double lat,
                                 double lon, const platform::Platform& platform, Language language);

}  // namespace skirosim::points
