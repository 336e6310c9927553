// Points in the exchange format (JSON "points"), as CSV and as GeoJSON.
#pragma once

#include <boost/json/value.hpp>

#include "points/model.hpp"

namespace skirosim::points {

Result<std::vector<Point>> parse_points(const std::vector<NamedDocument>& documents);
boost::json::array export_points(const std::vector<Point>& points);

// CSV columns: id,kind,name_lv,name_ru,name_en,address,lat,lon,channels (|),opening_hours,
// operator,notes_lv,notes_ru,notes_en,institution,verified (true/false).
Result<boost::json::value> points_csv_document(const std::string& text,
                                               const std::string& file_name);
// A GeoJSON FeatureCollection of Points whose properties carry the same fields (lat/lon from the
// geometry; name may be {lv,ru,en} or one text for every language).
Result<boost::json::value> geojson_document(const boost::json::value& geojson,
                                            const std::string& file_name);

}  // namespace skirosim::points
