// The guide's pages and API: search, item, bin, A–Z index, /api/v1/search.
#pragma once

#include "guide/service.hpp"
#include "http/router.hpp"
#include "web/views.hpp"

namespace skirosim::guide {

// What the item page borrows from other capabilities (the nearest collection points).
using ItemExtras = std::function<void(const http::Request&, const std::string& channel, web::mustache::data&)>;

void add_routes(http::Router& router, Service& service, const web::Views& views, ItemExtras item_extras = {});

}  // namespace skirosim::guide
