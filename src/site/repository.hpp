// All SQL of the site capability.
#pragma once

#include <soci/soci.h>

#include "site/model.hpp"

namespace skirosim::site {

class Repository {
public:
    static SiteContent load(soci::session& sql);
    static std::vector<ActivitySummary> upcoming(soci::session& sql, std::time_t now,
                                                 int limit);
    // Writes what a data file holds: the initiative replaces the old one, institutions and
    // activities are inserted or updated by id.
    static void save(soci::session& sql, const SiteData& data);
};

}  // namespace skirosim::site
