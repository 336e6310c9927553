// The coordinator adds partner institutions and changes their details (name, description,
// address, contacts, location) with the data file's checks; audited.
#pragma once

#include "http/router.hpp"
#include "site/service.hpp"
#include "storage/database.hpp"
#include "web/views.hpp"

namespace skirosim::activities {

void add_institution_routes(http::Router& router, storage::Database& db, site::Service& site, const web::Views& views);

}  // namespace skirosim::activities
