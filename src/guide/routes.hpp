// The guide's pages and API: search, item, bin, A–Z index, /api/v1/search.
#pragma once

#include <vector>

#include "guide/service.hpp"
#include "http/router.hpp"
#include "web/views.hpp"

namespace skirosim::guide {

// What another capability adds to an item's page (the nearest places that take its answer),
// without the guide depending on it.
using ItemPart =
    std::function<void(const http::Request&, const std::string& channel, web::mustache::data&)>;

// `item_parts` are read when a page is made (capabilities add theirs before serving).
void add_routes(http::Router& router, Service& service, const web::Views& views,
                const std::vector<ItemPart>& item_parts);

}  // namespace skirosim::guide
