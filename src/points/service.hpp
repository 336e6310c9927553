// Collection points: the nearest that take a channel, open now or when; problem reports from
// residents to the coordinator and on to whoever empties the containers.
#pragma once

#include <ctime>
#include <optional>

#include "accounts/principal.hpp"
#include "platform/platform.hpp"
#include "points/model.hpp"
#include "points/opening_hours.hpp"
#include "storage/database.hpp"

namespace skirosim::points {

struct Nearby {
    Point point;
    double distance_m = 0;
    std::time_t described_at = 0;       // the moment "open now" speaks of
    std::optional<OpeningHours> hours;  // when the point's hours are known and understood
    bool has_hours = false;
    bool open_now = false;
    std::optional<std::time_t> opens_at, closes_at;
};

struct NewReport {
    std::string point, kind, details, contact, language, client_key;
    std::string voter_key;          // the signed-in account, else the address: one voice each
    bool same_as_existing = false;  // the reporter said "yes, the same problem"
    long long existing_id = 0;
    bool new_anyway = false;  // the reporter said "no, another problem"
};

struct ReportOutcome {
    enum class Kind { created, joined, possible_duplicate } kind = Kind::created;
    long long id = 0;
    std::optional<Report> existing;  // for possible_duplicate: the open report to ask about
};

class Service {
public:
    Service(storage::Database& db, const platform::Platform& platform)
        : db_(db), platform_(platform) {}

    Result<std::vector<Point>> all();
    Result<Point> find(const std::string& id);
    // Points that accept the channel (any channel when empty), nearest first.
    Result<std::vector<Nearby>> nearest(const std::string& channel, double lat, double lon,
                                        std::size_t limit, std::time_t now);
    // For an item's page: the `limit` nearest, and the nearest open one when none of those is
    // open now; open ones first, then those whose hours are not known, then closed ones.
    Result<std::vector<Nearby>> nearest_open_first(const std::string& channel, double lat,
                                                   double lon, std::size_t limit, std::time_t now);
    Nearby describe(const Point& point, double lat, double lon, std::time_t now) const;
    // The points an institution keeps (its collection boxes), for its page.
    Result<std::vector<Point>> of_institution(const std::string& institution);
    // A person's account is deleted: their "same problem" voices stay counted but not theirs.
    static void forget_voter(soci::session& sql, const std::string& voter_key);

    Result<ReportOutcome> report(const NewReport& report, std::time_t now);
    Result<std::vector<Report>> reports(const Principal& coordinator, const std::string& status);
    // One report and the point it is about, for the message to whoever empties the containers.
    Result<std::pair<Report, Point>> report_at_point(const Principal& coordinator, long long id);
    // The same without a check of roles, for naming a report on pages already restricted (the
    // audit log).
    Result<std::pair<Report, Point>> report_with_point(long long id);
    // Sends the report to the responsible body by e-mail (through the outbox).
    Result<void> forward(const Principal& coordinator, long long id, const std::string& email,
                         const std::string& subject, const std::string& body);
    // Marks it resolved and, if the reporter left contact, tells them (message in their language).
    Result<void> resolve(const Principal& coordinator, long long id, const std::string& subject,
                         const std::string& body);

    static constexpr int kReportsPerHour = 5;

private:
    storage::Database& db_;
    const platform::Platform& platform_;
};

}  // namespace skirosim::points
