// Reading points from JSON, CSV and GeoJSON, all through one set of checks.
#include "points/data_file.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "guide/data_file.hpp"
#include "guide/model.hpp"
#include "points/opening_hours.hpp"

namespace skirosim::points {

namespace json = boost::json;

namespace {

Result<Point> parse_point(const JsonReader& r) {
    Point p;
    SKIROSIM_TRY_ASSIGN(p.id, r.identifier("id"));
    SKIROSIM_TRY_ASSIGN(p.kind, r.string("kind"));
    const auto& kinds = point_kinds();
    if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) {
        return std::unexpected(r.error("kind", "\"{2}\" is not a kind of point", {p.kind}));
    }
    SKIROSIM_TRY_ASSIGN(p.name, r.text("name"));
    SKIROSIM_TRY_ASSIGN(p.address, r.string("address"));
    auto location = r.object("location");
    if (!location) return std::unexpected(location.error());
    SKIROSIM_TRY_ASSIGN(p.latitude, location->number("lat"));
    SKIROSIM_TRY_ASSIGN(p.longitude, location->number("lon"));
    if (p.latitude < -90 || p.latitude > 90)
        return std::unexpected(location->error("lat", "must be between -90 and 90"));
    if (p.longitude < -180 || p.longitude > 180)
        return std::unexpected(location->error("lon", "must be between -180 and 180"));
    SKIROSIM_TRY_ASSIGN(p.channels, r.strings("channels"));
    if (p.channels.empty())
        return std::unexpected(r.error("channels", "must name at least one channel"));
    for (const auto& c : p.channels) {
        if (!guide::is_channel_code(c))
            return std::unexpected(r.error("channels", "\"{2}\" is not a channel code", {c}));
    }
    SKIROSIM_TRY_ASSIGN(p.opening_hours, r.optional_string("opening_hours"));
    if (!p.opening_hours.empty()) {
        if (auto hours = OpeningHours::parse(p.opening_hours); !hours) {
            return std::unexpected(r.error(
                "opening_hours",
                "\"{2}\" is not understood (OpenStreetMap opening_hours, like Mo-Fr 08:00-19:00)",
                {p.opening_hours}));
        }
    }
    SKIROSIM_TRY_ASSIGN(p.operator_name, r.optional_string("operator"));
    std::optional<LocalizedText> notes;
    SKIROSIM_TRY_ASSIGN(notes, r.optional_text("notes"));
    if (notes) p.notes = *notes;
    SKIROSIM_TRY_ASSIGN(p.institution, r.optional_string("institution"));
    SKIROSIM_TRY_ASSIGN(p.verified, r.optional_bool("verified", false));
    return p;
}

json::object localized(const LocalizedText& t) {
    return {{"lv", t[0]}, {"ru", t[1]}, {"en", t[2]}};
}

}  // namespace

// Points converted from CSV or GeoJSON go through the JSON checks; an error's "points[3]" is
// said the way the source file counts ("row 5", "features[3]").
static Result<json::value> checked_document(json::array points, const std::string& file_name,
                                            const std::string& unit) {
    json::value document = json::object{{"format", "skirosim/1"}, {"points", std::move(points)}};
    auto checked = parse_points({NamedDocument{file_name, JsonReader(document, "")}});
    if (checked) return document;
    Error error = checked.error();
    for (auto& arg : error.args) {
        if (!arg.starts_with("points[")) continue;
        // Only a path such as "points[3].lat": a value from the file that merely starts like one
        // (found by fuzz_importers_csv) stays as it is.
        const auto close = arg.find(']');
        if (close == std::string::npos) continue;
        std::size_t index = 0;
        const char* last = arg.data() + close;
        const auto [end, failed] = std::from_chars(arg.data() + 7, last, index);
        if (failed != std::errc() || end != last) continue;
        arg = unit == "row" ? "row " + std::to_string(index + 2) + arg.substr(close + 1)
                            : unit + "[" + std::to_string(index) + "]" + arg.substr(close + 1);
    }
    return std::unexpected(error);
}

Result<std::vector<Point>> parse_points(const std::vector<NamedDocument>& documents) {
    std::vector<Point> points;
    std::set<std::string> ids;
    for (const NamedDocument& document : documents) {
        auto readers = document.reader.array("points");
        if (!readers) return std::unexpected(in_file(document.name, readers.error()));
        for (const JsonReader& r : *readers) {
            auto point = parse_point(r);
            if (!point) return std::unexpected(in_file(document.name, point.error()));
            if (!ids.insert(point->id).second) {
                return std::unexpected(
                    in_file(document.name, r.error("id", "\"{2}\" appears twice", {point->id})));
            }
            points.push_back(std::move(*point));
        }
    }
    return points;
}

json::array export_points(const std::vector<Point>& points) {
    json::array out;
    for (const Point& p : points) {
        json::array channels;
        for (const auto& c : p.channels) channels.emplace_back(c);
        json::object o{{"id", p.id},
                       {"kind", p.kind},
                       {"name", localized(p.name)},
                       {"address", p.address},
                       {"location", json::object{{"lat", p.latitude}, {"lon", p.longitude}}},
                       {"channels", channels},
                       {"opening_hours", p.opening_hours},
                       {"operator", p.operator_name},
                       {"institution", p.institution},
                       {"verified", p.verified}};
        if (!p.notes[0].empty()) o["notes"] = localized(p.notes);
        out.push_back(std::move(o));
    }
    return out;
}

Result<json::value> points_csv_document(const std::string& text, const std::string& file_name) {
    auto rows = guide::parse_csv(text);
    if (!rows) return std::unexpected(in_file(file_name, rows.error()));
    if (rows->empty())
        return std::unexpected(
            in_file(file_name, Error::make(ErrorCode::invalid_input, "The file is empty.")));
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < rows->front().size(); ++i) column[(*rows)[0][i]] = i;
    for (const char* name :
         {"id", "kind", "name_lv", "name_ru", "name_en", "address", "lat", "lon", "channels"}) {
        if (!column.contains(name)) {
            return std::unexpected(in_file(
                file_name,
                Error::make(ErrorCode::invalid_input, "The column \"{1}\" is missing.", {name})));
        }
    }
    json::array points;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const auto& row = (*rows)[r];
        auto cell = [&](const std::string& name) -> std::string {
            auto it = column.find(name);
            return it == column.end() || it->second >= row.size() ? std::string() : row[it->second];
        };
        auto number = [&](const std::string& name) -> json::value {
            try {
                std::size_t used = 0;
                double v = std::stod(cell(name), &used);
                if (used == cell(name).size()) return v;
            } catch (...) {
            }
            return json::value(cell(name));  // the checks then say "must be a number", with the row
        };
        json::array channels;
        std::string list = cell("channels");
        std::size_t start = 0;
        while (start <= list.size()) {
            auto bar = list.find('|', start);
            if (bar == std::string::npos) bar = list.size();
            if (bar > start) channels.emplace_back(list.substr(start, bar - start));
            start = bar + 1;
        }
        json::object p{{"id", cell("id")},
                       {"kind", cell("kind")},
                       {"name", json::object{{"lv", cell("name_lv")},
                                             {"ru", cell("name_ru")},
                                             {"en", cell("name_en")}}},
                       {"address", cell("address")},
                       {"location", json::object{{"lat", number("lat")}, {"lon", number("lon")}}},
                       {"channels", channels},
                       {"opening_hours", cell("opening_hours")},
                       {"operator", cell("operator")},
                       {"institution", cell("institution")},
                       {"verified", cell("verified") == "true"}};
        if (!cell("notes_lv").empty()) {
            p["notes"] = json::object{
                {"lv", cell("notes_lv")}, {"ru", cell("notes_ru")}, {"en", cell("notes_en")}};
        }
        points.push_back(std::move(p));
    }
    return checked_document(points, file_name, "row");
}

Result<json::value> geojson_document(const json::value& geojson, const std::string& file_name) {
    auto fail = [&](const std::string& why) {
        return std::unexpected(
            in_file(file_name, Error::make(ErrorCode::invalid_input, "{1}", {why})));
    };
    if (!geojson.is_object() || !geojson.as_object().contains("features") ||
        !geojson.at("features").is_array()) {
        return fail("a GeoJSON FeatureCollection with features is expected");
    }
    json::array points;
    std::size_t n = 0;
    for (const auto& feature : geojson.at("features").as_array()) {
        const std::string where = "features[" + std::to_string(n++) + "]";
        if (!feature.is_object() || !feature.as_object().contains("geometry") ||
            !feature.as_object().contains("properties")) {
            return fail(where + ": a Feature with geometry and properties is expected");
        }
        const auto& geometry = feature.at("geometry");
        // if_contains, not at(): a missing key is the file's mistake, not an exception (fuzzed).
        const json::value* type =
            geometry.is_object() ? geometry.as_object().if_contains("type") : nullptr;
        const json::value* coordinates =
            geometry.is_object() ? geometry.as_object().if_contains("coordinates") : nullptr;
        if (type == nullptr || *type != "Point" || coordinates == nullptr ||
            !coordinates->is_array() || coordinates->as_array().size() < 2) {
            return fail(where + ".geometry: a Point with [longitude, latitude] is expected");
        }
        json::object p = feature.at("properties").is_object() ? feature.at("properties").as_object()
                                                              : json::object{};
        const auto& c = coordinates->as_array();
        p["location"] = json::object{{"lat", c[1]}, {"lon", c[0]}};
        if (p.contains("name") && p["name"].is_string()) {
            const json::value name = p["name"];
            p["name"] = json::object{{"lv", name}, {"ru", name}, {"en", name}};
        }
        if (p.contains("channels") && p["channels"].is_string()) {
            json::array list;
            std::string s(p["channels"].as_string());
            std::size_t start = 0;
            while (start <= s.size()) {
                auto sep = s.find_first_of(";|", start);
                if (sep == std::string::npos) sep = s.size();
                if (sep > start) list.emplace_back(s.substr(start, sep - start));
                start = sep + 1;
            }
            p["channels"] = list;
        }
        points.push_back(std::move(p));
    }
    return checked_document(points, file_name, "features");
}

}  // namespace skirosim::points
