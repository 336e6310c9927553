// Points come in as CSV and GeoJSON (straight from OpenStreetMap exports) as well as JSON, with
// the same clear errors and nothing half-imported.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "support/process.hpp"
#include "support/test_env.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class PointsImport : public ::testing::Test {
protected:
    void SetUp() override { dir_ = fresh_test_directory(); }
    CommandResult skirosim(const std::string& args) const {
        return run_command(skirosim_command((dir_ / "db.sqlite").string()) + " " + args);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name) << text;
        return shell_quote((dir_ / name).string());
    }
    boost::json::array exported_points() const {
        auto exported = skirosim("export 2>/dev/null");
        auto doc = boost::json::parse(exported.output.substr(exported.output.find('{')));
        return doc.at("points").as_array();
    }
    long long points() const { return static_cast<long long>(exported_points().size()); }
    // A point as the database has it now, read back through the export.
    boost::json::object point(const std::string& id) const {
        for (const auto& p : exported_points()) {
            if (p.at("id").as_string() == id) return p.as_object();
        }
        return {};
    }
    fs::path dir_;
};

TEST_F(PointsImport, CsvWithOpeningHours) {
    const long long before = points();
    auto file = write(
        "points.csv",
        "id,kind,name_lv,name_ru,name_en,address,lat,lon,channels,opening_hours,operator,verified\n"
        "new-box,shop-box,Kaste,Ящик,Box,\"Vienības iela 1, "
        "Daugavpils\",55.87,26.52,batteries|lamps,Mo-Sa 09:00-21:00,Shop,true\n");
    auto r = skirosim("import " + file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(points(), before + 1);
    // Every field where it belongs: latitude is lat (not lon), the lists and the flags as written.
    auto box = point("new-box");
    EXPECT_DOUBLE_EQ(box.at("location").at("lat").to_number<double>(), 55.87);
    EXPECT_DOUBLE_EQ(box.at("location").at("lon").to_number<double>(), 26.52);
    EXPECT_EQ(box.at("kind"), "shop-box");
    EXPECT_EQ(box.at("address"), "Vienības iela 1, Daugavpils");
    EXPECT_EQ(box.at("name").at("ru"), "Ящик");
    EXPECT_EQ(box.at("opening_hours"), "Mo-Sa 09:00-21:00");
    EXPECT_EQ(boost::json::serialize(box.at("channels")), R"(["batteries","lamps"])");
    EXPECT_EQ(box.at("verified"), true);
}

TEST_F(PointsImport, ABadCsvRowNamesRowAndFieldAndImportsNothing) {
    const long long before = points();
    auto file =
        write("bad.csv",
              "id,kind,name_lv,name_ru,name_en,address,lat,lon,channels,opening_hours\n"
              "good-box,shop-box,Kaste,Ящик,Box,Adrese,55.87,26.52,batteries,\n"
              "bad-box,shop-box,Kaste,Ящик,Box,Adrese,55.87,26.52,batteries,every day 9-5\n");
    auto r = skirosim("import " + file);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("row 3"));
    EXPECT_THAT(r.output, HasSubstr("opening_hours"));
    EXPECT_EQ(points(), before);
    auto latitude = write("lat.csv",
                          "id,kind,name_lv,name_ru,name_en,address,lat,lon,channels\n"
                          "far-box,shop-box,Kaste,Ящик,Box,Adrese,95.0,26.52,batteries\n");
    auto r2 = skirosim("import " + latitude);
    EXPECT_EQ(r2.exit_code, 1);
    EXPECT_THAT(r2.output, HasSubstr("row 2"));
    EXPECT_THAT(r2.output, HasSubstr("between -90 and 90"));
}

TEST_F(PointsImport, GeoJsonFromAnOpenStreetMapExport) {
    const long long before = points();
    auto file = write("osm.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [26.5301, 55.8802]},
       "properties": {"id": "osm-recycling-1", "kind": "container-site", "name": "Stikla konteiners",
                      "address": "Rīgas iela 5", "channels": "glass;paper", "opening_hours": "24/7"}},
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [26.5401, 55.8812]},
       "properties": {"id": "osm-recycling-2", "kind": "textile-container", "name": "Tekstils",
                      "address": "Rīgas iela 9", "channels": "textile"}}]})");
    auto r = skirosim("import " + file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(points(), before + 2);
    // GeoJSON writes [longitude, latitude]: they must not come out swapped.
    auto glass = point("osm-recycling-1");
    EXPECT_DOUBLE_EQ(glass.at("location").at("lat").to_number<double>(), 55.8802);
    EXPECT_DOUBLE_EQ(glass.at("location").at("lon").to_number<double>(), 26.5301);
    EXPECT_EQ(boost::json::serialize(glass.at("channels")), R"(["glass","paper"])");
    EXPECT_EQ(glass.at("opening_hours"), "24/7");
    EXPECT_EQ(point("osm-recycling-2").at("kind"), "textile-container");
    auto bad = write("bad.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[26.5, 55.8], [26.6, 55.9]]},
       "properties": {"id": "a-line", "kind": "container-site", "name": "X", "address": "Y", "channels": "glass"}}]})");
    auto refused = skirosim("import " + bad);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_THAT(refused.output, HasSubstr("features[0].geometry"));
}

}  // namespace
}  // namespace skirosim::testing
