// The site's own pages: the language choice at "/", home and about.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "http/router.hpp"
#include "platform/platform.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::site {

// What another capability adds to the home page (the guide's common questions, the coming
// activities), without the site depending on it.
using HomePart = std::function<Result<void>(const http::Request&, web::mustache::data&)>;

// `home_parts` are read when the home page is made (capabilities add theirs before serving);
// `cache_lifetime`: how long the home page of visitors who are not signed in is kept (0: never).
void add_routes(http::Router& router, Service& service, const platform::Platform& platform,
                const std::vector<HomePart>& home_parts, std::chrono::milliseconds cache_lifetime);

// The layout's footer and header on every page: the initiative's name and its partners.
void add_layout_part(web::Views& views, const Service& service);

}  // namespace skirosim::site
