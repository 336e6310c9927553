// Point kinds and distances.
#include "points/model.hpp"

#include <cmath>

namespace skirosim::points {

const std::vector<std::string>& point_kinds() {
    static const std::vector<std::string> kinds{
        "container-site", "sorting-site",      "reverse-vending",      "shop-box",
        "pharmacy",       "textile-container", "electronics-drop-off", "institution-box"};
    return kinds;
}

const std::vector<std::string>& report_kinds() {
    static const std::vector<std::string> kinds{"overflowing", "damaged", "dumping",
                                                "wrong-container", "other"};
    return kinds;
}

double distance_m(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kEarth = 6371000.0, kRad = M_PI / 180.0;
    const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
    const double a =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarth * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace skirosim::points
