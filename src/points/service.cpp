// Points and reports rules.
#include "points/service.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <limits>

#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "points/repository.hpp"

namespace skirosim::points {

Result<std::vector<Point>> Service::all() {
    return db_.read<std::vector<Point>>(
        [](soci::session& sql) -> Result<std::vector<Point>> { return Repository::all(sql); });
}

Result<Point> Service::find(const std::string& id) {
    auto found =
        db_.read<std::optional<Point>>([&](soci::session& sql) -> Result<std::optional<Point>> {
            return Repository::find(sql, id);
        });
    if (!found) return std::unexpected(found.error());
    if (!*found) return std::unexpected(not_found());
    return **found;
}

Nearby Service::describe(const Point& point, double lat, double lon, std::time_t now) const {
    Nearby n{point, distance_m(lat, lon, point.latitude, point.longitude), now};
    if (!point.opening_hours.empty()) {
        if (auto hours = OpeningHours::parse(point.opening_hours)) {
            const auto town = platform_.town();
            n.hours = *hours;
            n.has_hours = true;
            n.open_now = hours->open_at(now, town->zone);
            n.opens_at = n.open_now ? std::nullopt : hours->next_opening(now, town->zone);
            n.closes_at = n.open_now ? hours->next_closing(now, town->zone) : std::nullopt;
        }
    }
    return n;
}

Result<std::vector<Nearby>> Service::nearest(const std::string& channel, double lat, double lon,
                                             std::size_t limit, std::time_t now) {
    auto points = all();
    if (!points) return std::unexpected(points.error());
    std::vector<Nearby> out;
    for (const Point& p : *points) {
        if (!channel.empty() &&
            std::find(p.channels.begin(), p.channels.end(), channel) == p.channels.end())
            continue;
        out.push_back(describe(p, lat, lon, now));
    }
    std::sort(out.begin(), out.end(),
              [](const Nearby& a, const Nearby& b) { return a.distance_m < b.distance_m; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

Result<std::vector<Nearby>> Service::nearest_open_first(const std::string& channel, double lat,
                                                        double lon, std::size_t limit,
                                                        std::time_t now) {
    auto all = nearest(channel, lat, lon, std::numeric_limits<std::size_t>::max(), now);
    if (!all) return all;
    const auto open = [](const Nearby& n) { return n.has_hours && n.open_now; };
    std::vector<Nearby> out(all->begin(), all->begin() + std::min(limit, all->size()));
    if (std::none_of(out.begin(), out.end(), open)) {
        auto first_open = std::find_if(all->begin(), all->end(), open);
        if (first_open != all->end()) out.push_back(*first_open);
    }
    const auto rank = [&](const Nearby& n) { return open(n) ? 0 : !n.has_hours ? 1 : 2; };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Nearby& a, const Nearby& b) { return rank(a) < rank(b); });
    return out;
}

Result<std::vector<Point>> Service::of_institution(const std::string& institution) {
    auto points = all();
    if (!points) return points;
    std::erase_if(*points, [&](const Point& p) { return p.institution != institution; });
    return points;
}

void Service::forget_voter(soci::session& sql, const std::string& voter_key) {
    Repository::forget_voter(sql, voter_key);
}

Result<ReportOutcome> Service::report(const NewReport& r, std::time_t now) {
    const auto& kinds = report_kinds();
    if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end()) {
        return std::unexpected(Error::make(ErrorCode::invalid_input,
                                           "Please choose what the problem is.", {}, "kind"));
    }
    if (r.details.size() > 1000) {
        return std::unexpected(Error::make(ErrorCode::invalid_input,
                                           "Please keep the description under 1000 characters.", {},
                                           "details"));
    }
    if (r.contact.size() > 200) {
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "The contact is too long.", {}, "contact"));
    }
    return db_.transaction<ReportOutcome>([&](soci::session& sql) -> Result<ReportOutcome> {
        if (!Repository::find(sql, r.point)) return std::unexpected(not_found());
        if (Repository::reports_by_client_since(sql, r.client_key, now - 3600) >= kReportsPerHour) {
            spdlog::warn("report refused: too many from {}", r.client_key);
            return std::unexpected(Error::make(
                ErrorCode::too_many_requests,
                "You have sent several reports in the last hour. Please try again later."));
        }
        if (r.same_as_existing) {
            auto existing = Repository::report(sql, r.existing_id);
            if (!existing || existing->point != r.point || existing->status == "resolved")
                return std::unexpected(not_found());
            // A voice that was already counted is thanked all the same, but not counted again.
            (void)Repository::confirm(sql, existing->id, r.voter_key, now);
            return ReportOutcome{ReportOutcome::Kind::joined, existing->id, existing};
        }
        if (!r.new_anyway) {
            // An open report of the same kind at this point: ask before making another.
            for (const Report& open : Repository::reports(sql, "", r.point)) {
                if (open.kind == r.kind && open.status != "resolved") {
                    return ReportOutcome{ReportOutcome::Kind::possible_duplicate, open.id, open};
                }
            }
        }
        Report report;
        report.point = r.point;
        report.kind = r.kind;
        report.details = r.details;
        report.contact = r.contact;
        report.language = r.language;
        report.client_key = r.client_key;
        report.voter_key = r.voter_key;
        report.created_at = now;
        return ReportOutcome{ReportOutcome::Kind::created, Repository::insert_report(sql, report),
                             std::nullopt};
    });
}

Result<std::vector<Report>> Service::reports(const Principal& coordinator,
                                             const std::string& status) {
    if (!coordinator.coordinator()) return std::unexpected(not_allowed());
    return db_.read<std::vector<Report>>([&](soci::session& sql) -> Result<std::vector<Report>> {
        return Repository::reports(sql, status, "");
    });
}

Result<std::pair<Report, Point>> Service::report_at_point(const Principal& coordinator,
                                                          long long id) {
    if (!coordinator.coordinator()) return std::unexpected(not_allowed());
    return report_with_point(id);
}

Result<std::pair<Report, Point>> Service::report_with_point(long long id) {
    return db_.read<std::pair<Report, Point>>(
        [&](soci::session& sql) -> Result<std::pair<Report, Point>> {
            auto report = Repository::report(sql, id);
            if (!report) return std::unexpected(not_found());
            auto point = Repository::find(sql, report->point);
            if (!point) return std::unexpected(not_found());
            return std::pair{*report, *point};
        });
}

Result<void> Service::forward(const Principal& coordinator, long long id, const std::string& email,
                              const std::string& subject, const std::string& body) {
    if (!coordinator.coordinator()) return std::unexpected(not_allowed());
    if (email.find('@') == std::string::npos || email.find_first_of(" \r\n") != std::string::npos) {
        return std::unexpected(Error::make(
            ErrorCode::invalid_input, "This does not look like an e-mail address.", {}, "email"));
    }
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        if (!Repository::report(sql, id)) return std::unexpected(not_found());
        const std::time_t now = platform_.now();
        platform::Outbox::send(sql, email, subject, body, now);
        Repository::set_status(sql, id, "forwarded", email, now);
        platform::AuditLog::record(sql, now, coordinator.account_id, "report.forwarded", "report",
                                   std::to_string(id), email);
        return {};
    });
}

Result<void> Service::resolve(const Principal& coordinator, long long id,
                              const std::string& subject, const std::string& body) {
    if (!coordinator.coordinator()) return std::unexpected(not_allowed());
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        auto report = Repository::report(sql, id);
        if (!report) return std::unexpected(not_found());
        const std::time_t now = platform_.now();
        Repository::set_status(sql, id, "resolved", "", now);
        if (!report->contact.empty())
            platform::Outbox::send(sql, report->contact, subject, body, now);
        platform::AuditLog::record(sql, now, coordinator.account_id, "report.resolved", "report",
                                   std::to_string(id), "");
        return {};
    });
}

}  // namespace skirosim::points
