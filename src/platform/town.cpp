// Reading and writing the town of a profile.
#include "platform/town.hpp"

#include <boost/json.hpp>

namespace skirosim::platform {

namespace json = boost::json;

Town Town::unknown() {
    return Town{"",
                {"", "", ""},
                *TimeZone::named("UTC"),
                {Language::lv, Language::ru, Language::en},
                0,
                0,
                13,
                ""};
}

Result<Town> parse_town(const JsonReader& r) {
    Town town = Town::unknown();
    SKIROSIM_TRY_ASSIGN(town.id, r.identifier("id"));
    SKIROSIM_TRY_ASSIGN(town.name, r.text("name"));
    std::string zone;
    SKIROSIM_TRY_ASSIGN(zone, r.string("time_zone"));
    auto named = TimeZone::named(zone);
    if (!named)
        return std::unexpected(
            r.error("time_zone", "\"{2}\" is not a time zone like Europe/Riga", {zone}));
    town.zone = std::move(*named);
    std::vector<std::string> languages;
    SKIROSIM_TRY_ASSIGN(languages, r.strings("languages"));
    if (!languages.empty()) town.languages.clear();
    for (const auto& code : languages) {
        auto language = parse_language(code);
        if (!language)
            return std::unexpected(r.error("languages", "\"{2}\" must be lv, ru or en", {code}));
        town.languages.push_back(*language);
    }
    auto map = r.object("map");
    if (!map) return std::unexpected(map.error());
    SKIROSIM_TRY_ASSIGN(town.map_latitude, map->number("lat"));
    SKIROSIM_TRY_ASSIGN(town.map_longitude, map->number("lon"));
    long long zoom = 13;
    SKIROSIM_TRY_ASSIGN(zoom, map->optional_integer("zoom", 13));
    if (town.map_latitude < -90 || town.map_latitude > 90)
        return std::unexpected(map->error("lat", "must be between -90 and 90"));
    if (town.map_longitude < -180 || town.map_longitude > 180) {
        return std::unexpected(map->error("lon", "must be between -180 and 180"));
    }
    if (zoom < 1 || zoom > 19)
        return std::unexpected(map->error("zoom", "must be between 1 and 19"));
    town.map_zoom = static_cast<int>(zoom);
    SKIROSIM_TRY_ASSIGN(town.public_url, r.optional_string("public_url"));
    return town;
}

std::optional<Town> TownRepository::load(soci::session& sql) {
    std::string document;
    soci::indicator found = soci::i_null;
    sql << "SELECT document FROM town WHERE id = 1", soci::into(document, found);
    if (found != soci::i_ok) return std::nullopt;
    // Written by save() from a checked town; a row edited by hand that does not parse is ignored.
    boost::system::error_code ec;
    const json::value value = json::parse(document, ec);
    if (ec) return std::nullopt;
    auto town = parse_town(JsonReader(value, "town"));
    if (!town) return std::nullopt;
    return *town;
}

void TownRepository::save(soci::session& sql, const Town& town) {
    const std::string document = json::serialize(export_town(town));
    sql << "DELETE FROM town";
    sql << "INSERT INTO town (id, document) VALUES (1, :d)", soci::use(document);
}

json::object export_town(const Town& town) {
    json::array languages;
    for (Language l : town.languages) languages.emplace_back(code(l));
    json::object out{
        {"id", town.id},
        {"name", json::object{{"lv", town.name[0]}, {"ru", town.name[1]}, {"en", town.name[2]}}},
        {"time_zone", town.zone.id()},
        {"languages", languages},
        {"map",
         json::object{
             {"lat", town.map_latitude}, {"lon", town.map_longitude}, {"zoom", town.map_zoom}}}};
    if (!town.public_url.empty()) out["public_url"] = town.public_url;
    return out;
}

}  // namespace skirosim::platform
