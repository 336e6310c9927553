// All SQL of collection points and problem reports.
#pragma once

#include <soci/soci.h>

#include <optional>

#include "points/model.hpp"

namespace skirosim::points {

class Repository {
public:
    static std::vector<Point> all(soci::session& sql);
    static std::optional<Point> find(soci::session& sql, const std::string& id);
    static void save(soci::session& sql, const std::vector<Point>& points);

    static long long insert_report(soci::session& sql, const Report& report);
    static std::vector<Report> reports(soci::session& sql, const std::string& where_status,
                                       const std::string& point);
    static std::optional<Report> report(soci::session& sql, long long id);
    static void set_status(soci::session& sql, long long id, const std::string& status,
                           const std::string& forwarded_to, std::time_t at);
    // One more voice for an open report, once per voter (an account or an address); false when
    // this voter was already counted.
    static bool confirm(soci::session& sql, long long id, const std::string& voter, std::time_t at);
    static void forget_voter(soci::session& sql, const std::string& voter);
    static int reports_by_client_since(soci::session& sql, const std::string& client,
                                       std::time_t since);
};

}  // namespace skirosim::points
