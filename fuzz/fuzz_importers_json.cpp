// The JSON importers: catalogue, collection points, activities and the site's institutions, and
// GeoJSON; whatever the document, an answer or an error that names where, never a crash.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>

#include "activities/data_file.hpp"
#include "guide/data_file.hpp"
#include "platform/time_zone.hpp"
#include "points/data_file.hpp"
#include "site/data_file.hpp"

using namespace skirosim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    boost::json::value value =
        boost::json::parse(boost::json::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec) return 0;
    const std::vector<NamedDocument> documents{NamedDocument{"fuzz.json", JsonReader(value, "")}};
    (void)guide::parse_catalogue(documents, nullptr);
    (void)points::parse_points(documents);
    // Local times are read in the town's zone; any zone exercises the same parser.
    static const auto zone = platform::TimeZone::named("UTC");
    (void)activities::parse_activity_data(documents, *zone);
    (void)site::parse_site_data(JsonReader(value, ""));
    if (auto geo = points::geojson_document(value, "fuzz.geojson")) {
        (void)points::parse_points({NamedDocument{"fuzz.geojson", JsonReader(*geo, "")}});
    }
    return 0;
}
