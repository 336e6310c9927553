// The CSV importers (items of the guide, collection points).
#include <cstddef>
#include <cstdint>
#include <string>

#include "guide/data_file.hpp"
#include "points/data_file.hpp"

using namespace skirosim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)guide::parse_items_csv(text, "fuzz.csv");
    (void)guide::items_csv_document(text, "fuzz.csv");
    if (auto points = points::points_csv_document(text, "fuzz.csv")) {
        (void)points::parse_points({NamedDocument{"fuzz.csv", JsonReader(*points, "")}});
    }
    return 0;
}
