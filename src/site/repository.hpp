// All SQL of the site capability.
#pragma once

#include <soci/soci.h>

#include "site/model.hpp"

namespace skirosim::site {

class Repository {
public:
    static SiteContent load(soci::session& sql);
    // Writes what a data file holds: the initiative replaces the old one, institutions and
    // activities are inserted or updated by id.
    static void save(soci::session& sql, const SiteData& data);
    // One institution, inserted or changed, at a place in the list.
    static void save_institution(soci::session& sql, const Institution& institution, int position);
    // An institution's place in the list; for a new one, after the last.
    static int institution_position(soci::session& sql, const std::string& id);
};

}  // namespace skirosim::site
