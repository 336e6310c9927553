// The site's own pages: the language choice at "/", home, about, activities list.
#pragma once

#include <chrono>

#include "http/router.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::site {

// What the home page borrows from other capabilities (the guide's channels, for example),
// without the site depending on them.
using HomeExtras = std::function<void(Language, web::mustache::data&)>;

// `cache_lifetime`: how long the home page of visitors who are not signed in is kept (0: never).
void add_routes(http::Router& router, Service& service, const web::Views& views,
                HomeExtras home_extras = {}, std::chrono::milliseconds cache_lifetime = {});

// The layout's footer and header: initiative name and partners, per language.
web::mustache::data layout_data(const Service& service, Language language);

}  // namespace skirosim::site
