// Figures of activities: a handful of grouped queries over the period.
#include "activities/figures.hpp"

#include <map>

namespace skirosim::activities {

Counts participation_counts(const std::vector<Registration>& came, const AgeCounts& walk_ins) {
    std::map<std::string, int> counts;
    int all = 0, walked_in = 0;
    for (const Registration& r : came) {
        if (r.ages.empty()) counts[kAgeNotGiven] += r.people();
        for (const auto& [code, people] : r.ages) counts[code] += people;
        for (const auto& group : r.groups) counts[group] += r.people();
        all += r.people();
    }
    for (const auto& [code, people] : walk_ins) {
        if (people <= 0) continue;
        counts[code] += people;
        walked_in += people;
    }
    counts[kAllParticipants] = all + walked_in;
    counts[kWalkIns] = walked_in;
    return {counts.begin(), counts.end()};
}

namespace {

constexpr const char* kPeriod = "a.starts_at >= :from AND a.starts_at < :to";

Counts grouped(soci::session& sql, const std::string& query, long long from, long long to,
               long long now = 0) {
    Counts out;
    std::string code;
    long long value = 0;
    soci::statement st = (sql.prepare << query, soci::into(code), soci::into(value));
    st.exchange(soci::use(from, "from"));
    st.exchange(soci::use(to, "to"));
    if (query.find(":now") != std::string::npos) st.exchange(soci::use(now, "now"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.emplace_back(code, static_cast<int>(value));
    return out;
}

int total(const Counts& counts, const std::string& code) {
    for (const auto& [c, v] : counts) {
        if (c == code) return v;
    }
    return 0;
}

}  // namespace

Figures read_figures(soci::session& sql, std::time_t from_time, std::time_t to_time,
                     std::time_t now_time) {
    const long long from = from_time, to = to_time, now = now_time;
    Figures f;
    const std::string held = std::string(" FROM activities a WHERE ") + kPeriod +
                             " AND a.cancelled = 0 AND a.starts_at <= :now";
    f.by_kind = grouped(sql, "SELECT a.kind, COUNT(*)" + held + " GROUP BY a.kind ORDER BY a.kind",
                        from, to, now);
    f.by_institution = grouped(sql,
                               "SELECT a.institution_id, COUNT(*)" + held +
                                   " GROUP BY a.institution_id ORDER BY a.institution_id",
                               from, to, now);
    for (const auto& [kind, n] : f.by_kind) f.activities += n;
    const Counts states = grouped(
        sql,
        std::string(
            "SELECT CASE WHEN a.cancelled = 1 THEN 'cancelled' WHEN a.starts_at > :now THEN "
            "'planned' "
            "WHEN a.attendance_marked_at IS NULL THEN 'unmarked' ELSE 'marked' END, COUNT(*) "
            "FROM activities a WHERE ") +
            kPeriod + " GROUP BY 1",
        from, to, now);
    f.cancelled = total(states, "cancelled");
    f.planned = total(states, "planned");
    f.marked = total(states, "marked");

    // Registrations by state (confirmed, waiting, cancelled, came, no-show): parties and people,
    // from the summary kept current on every registration write.
    const std::string registrations = std::string(
                                          " FROM registration_counts c JOIN activities a ON a.id = "
                                          "c.activity_id WHERE ") +
                                      kPeriod + " AND a.cancelled = 0";
    const Counts parties = grouped(
        sql, "SELECT c.state, SUM(c.parties)" + registrations + " GROUP BY c.state", from, to);
    const Counts people = grouped(
        sql, "SELECT c.state, SUM(c.people)" + registrations + " GROUP BY c.state", from, to);
    f.attended_parties = total(parties, "came");
    f.attended_people = total(people, "came");
    f.no_show_parties = total(parties, "no-show");
    f.no_show_people = total(people, "no-show");
    f.registrations = total(parties, "confirmed") + f.attended_parties + f.no_show_parties;
    f.registered_people = total(people, "confirmed") + f.attended_people + f.no_show_people;
    f.waiting = total(parties, "waiting");
    f.cancelled_registrations = total(parties, "cancelled");

    f.by_audience = grouped(
        sql,
        "SELECT p.audience, SUM(p.people) FROM participation p JOIN activities a ON "
        "a.id = p.activity_id WHERE " +
            std::string(kPeriod) + " AND a.cancelled = 0 GROUP BY p.audience ORDER BY p.audience",
        from, to);
    f.participants = total(f.by_audience, kAllParticipants);
    f.walk_ins = total(f.by_audience, kWalkIns);
    std::erase_if(f.by_audience,
                  [](const auto& c) { return c.first == kAllParticipants || c.first == kWalkIns; });

    std::string measure;
    double amount = 0;
    soci::statement st =
        (sql.prepare << "SELECT x.measure, SUM(x.amount) FROM activity_results x JOIN activities a "
                        "ON a.id = x.activity_id WHERE " +
                            std::string(kPeriod) +
                            " AND a.cancelled = 0 GROUP BY x.measure ORDER BY x.measure",
         soci::into(measure), soci::into(amount), soci::use(from, "from"), soci::use(to, "to"));
    st.execute();
    while (st.fetch()) f.results.emplace_back(measure, amount);
    return f;
}

bool hidden_in_public(int people) { return people < 5; }

std::string csv_field(const std::string& text) {
    std::string value = text;
    if (!value.empty() && std::string("=+-@").find(value.front()) != std::string::npos)
        value.insert(0, "'");
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace skirosim::activities
