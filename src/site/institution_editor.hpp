// The coordinator adds partner institutions and changes their details (name, description,
// address, contacts, location) with the data file's checks; audited.
#pragma once

#include "http/router.hpp"
#include "site/service.hpp"
#include "web/views.hpp"

namespace skirosim::site {

void add_institution_routes(http::Router& router, Service& site, const web::Views& views);

}  // namespace skirosim::site
