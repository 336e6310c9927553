// Collection points and problem reports: plain data.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "core/json_reader.hpp"

namespace skirosim::points {

// The kinds of point the pages know how to name.
const std::vector<std::string>& point_kinds();

struct Point {
    std::string id;
    std::string kind;  // container-site, sorting-site, reverse-vending, shop-box, pharmacy,
                       // textile-container, …
    LocalizedText name;
    std::string address;
    double latitude = 0, longitude = 0;
    std::vector<std::string> channels;
    std::string opening_hours;  // OSM syntax; empty when it is always reachable or unknown
    std::string operator_name;
    LocalizedText notes;
    std::string institution;  // a partner institution's own box
    bool verified = false;    // false: sample data, shown as such
};

struct Report {
    long long id = 0;
    std::string point;
    std::string kind;  // overflowing, damaged, dumping, wrong-container, other
    std::string details, contact, language, status;  // status: new, forwarded, resolved
    int confirmations = 1;
    std::string voter_key;  // who reported it, for counting voices once (not stored on the report)
    std::time_t created_at = 0, updated_at = 0;
    std::string forwarded_to;
    std::string client_key;  // the reporter's address, for the rate limit only
};

const std::vector<std::string>& report_kinds();

// Great-circle distance in metres.
double distance_m(double lat1, double lon1, double lat2, double lon2);

}  // namespace skirosim::points
