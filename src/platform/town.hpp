// The town a site serves, from its data profile: its name, time zone, languages in the order
// people choose them, where the map opens and the address people use. Never written in code.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "core/language.hpp"
#include "platform/time_zone.hpp"

namespace skirosim::platform {

struct Town {
    std::string id;
    LocalizedText name;
    TimeZone zone;
    std::vector<Language> languages;  // the first is the default
    double map_latitude = 0, map_longitude = 0;
    int map_zoom = 13;
    std::string public_url;  // may be empty: the server's --public-url, or localhost

    // A database with no town yet (an empty one): UTC, the three languages, no map centre.
    static Town unknown();
};

// The one town row of a database.
class TownRepository {
public:
    static std::optional<Town> load(soci::session& sql);
    static void save(soci::session& sql, const Town& town);
};

// The "town" object of the exchange format.
Result<Town> parse_town(const JsonReader& reader);
boost::json::object export_town(const Town& town);

}  // namespace skirosim::platform
