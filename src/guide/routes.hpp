// The guide's pages and API: search, item, bin, A–Z index, /api/v1/search.
#pragma once

#include "guide/service.hpp"
#include "http/router.hpp"
#include "web/views.hpp"

namespace skirosim::guide {

void add_routes(http::Router& router, Service& service, const web::Views& views);

}  // namespace skirosim::guide
