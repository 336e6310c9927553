// SQL of points and reports.
#include "points/repository.hpp"

#include "core/lines.hpp"
#include "guide/repository.hpp"

namespace skirosim::points {

namespace {

constexpr const char* kColumns =
    "id, kind, name_lv, name_ru, name_en, address, latitude, longitude, channels, opening_hours, "
    "operator, "
    "notes_lv, notes_ru, notes_en, institution_id, verified";

std::vector<Point> select(soci::session& sql, const std::string& where, const std::string* id) {
    std::vector<Point> out;
    Point p;
    std::string channels;
    int verified = 0;
    soci::statement st =
        (sql.prepare << std::string("SELECT ") + kColumns + " FROM points " + where +
                            " ORDER BY id",
         soci::into(p.id), soci::into(p.kind), soci::into(p.name[0]), soci::into(p.name[1]),
         soci::into(p.name[2]), soci::into(p.address), soci::into(p.latitude),
         soci::into(p.longitude), soci::into(channels), soci::into(p.opening_hours),
         soci::into(p.operator_name), soci::into(p.notes[0]), soci::into(p.notes[1]),
         soci::into(p.notes[2]), soci::into(p.institution), soci::into(verified));
    if (id) st.exchange(soci::use(*id, "id"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        Point copy = p;
        copy.channels = split_lines(channels);
        copy.verified = verified != 0;
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<Report> select_reports(soci::session& sql, const std::string& where,
                                   const std::vector<std::pair<std::string, std::string>>& binds) {
    std::vector<Report> out;
    Report r;
    long long created = 0, updated = 0;
    soci::statement st =
        (sql.prepare
             << "SELECT id, point_id, kind, details, contact, language, status, confirmations, "
                "created_at, updated_at, forwarded_to FROM problem_reports " +
                    where + " ORDER BY created_at DESC, id DESC",
         soci::into(r.id), soci::into(r.point), soci::into(r.kind), soci::into(r.details),
         soci::into(r.contact), soci::into(r.language), soci::into(r.status),
         soci::into(r.confirmations), soci::into(created), soci::into(updated),
         soci::into(r.forwarded_to));
    for (const auto& [name, value] : binds) st.exchange(soci::use(value, name));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        Report copy = r;
        copy.created_at = static_cast<std::time_t>(created);
        copy.updated_at = static_cast<std::time_t>(updated);
        out.push_back(std::move(copy));
    }
    return out;
}

}  // namespace

std::vector<Point> Repository::all(soci::session& sql) { return select(sql, "", nullptr); }

std::optional<Point> Repository::find(soci::session& sql, const std::string& id) {
    auto rows = select(sql, "WHERE id = :id", &id);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void Repository::save(soci::session& sql, const std::vector<Point>& points) {
    for (const Point& p : points) {
        const std::string channels = join_lines(p.channels);
        int verified = p.verified ? 1 : 0;
        sql << "DELETE FROM points WHERE id = :id", soci::use(p.id);
        sql << "INSERT INTO points (" << kColumns
            << ") VALUES (:id, :kind, :n0, :n1, :n2, :address, :lat, :lon, :channels, :hours, :op, "
               ":t0, :t1, :t2, "
               ":inst, :verified)",
            soci::use(p.id, "id"), soci::use(p.kind, "kind"), soci::use(p.name[0], "n0"),
            soci::use(p.name[1], "n1"), soci::use(p.name[2], "n2"), soci::use(p.address, "address"),
            soci::use(p.latitude, "lat"), soci::use(p.longitude, "lon"),
            soci::use(channels, "channels"), soci::use(p.opening_hours, "hours"),
            soci::use(p.operator_name, "op"), soci::use(p.notes[0], "t0"),
            soci::use(p.notes[1], "t1"), soci::use(p.notes[2], "t2"),
            soci::use(p.institution, "inst"), soci::use(verified, "verified");
    }
}

long long Repository::insert_report(soci::session& sql, const Report& r) {
    long long id = 0, created = r.created_at;
    sql << "INSERT INTO problem_reports (point_id, kind, details, contact, language, status, "
           "confirmations, "
           "client_key, created_at, updated_at) VALUES (:point, :kind, :details, :contact, "
           ":language, 'new', 1, "
           ":client, :created, :updated) RETURNING id",
        soci::use(r.point, "point"), soci::use(r.kind, "kind"), soci::use(r.details, "details"),
        soci::use(r.contact, "contact"), soci::use(r.language, "language"),
        soci::use(r.client_key, "client"), soci::use(created, "created"),
        soci::use(created, "updated"), soci::into(id);
    // The reporter's own voice is the first: they cannot add it again as "the same problem".
    sql << "INSERT INTO report_confirmations (report_id, voter_key, at) VALUES (:id, :v, :at)",
        soci::use(id, "id"), soci::use(r.voter_key, "v"), soci::use(created, "at");
    return id;
}

std::vector<Report> Repository::reports(soci::session& sql, const std::string& status,
                                        const std::string& point) {
    std::string where;
    std::vector<std::pair<std::string, std::string>> binds;
    if (!status.empty()) {
        where = "WHERE status = :status";
        binds.emplace_back("status", status);
    }
    if (!point.empty()) {
        where += where.empty() ? "WHERE point_id = :point" : " AND point_id = :point";
        binds.emplace_back("point", point);
    }
    return select_reports(sql, where, binds);
}

std::optional<Report> Repository::report(soci::session& sql, long long id) {
    auto rows = select_reports(sql, "WHERE id = :id", {{"id", std::to_string(id)}});
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void Repository::set_status(soci::session& sql, long long id, const std::string& status,
                            const std::string& forwarded_to, std::time_t at) {
    long long when = at;
    sql << "UPDATE problem_reports SET status = :status, forwarded_to = CASE WHEN :to1 = '' THEN "
           "forwarded_to ELSE :to2 END, "
           "updated_at = :at WHERE id = :id",
        soci::use(status, "status"), soci::use(forwarded_to, "to1"), soci::use(forwarded_to, "to2"),
        soci::use(when, "at"), soci::use(id, "id");
}

bool Repository::confirm(soci::session& sql, long long id, const std::string& voter,
                         std::time_t at) {
    long long when = at;
    soci::statement vote =
        (sql.prepare
             << "INSERT INTO report_confirmations (report_id, voter_key, at) VALUES (:id, :v, :at) "
                "ON CONFLICT (report_id, voter_key) DO NOTHING",
         soci::use(id, "id"), soci::use(voter, "v"), soci::use(when, "at"));
    vote.execute(true);
    if (vote.get_affected_rows() == 0) return false;
    sql << "UPDATE problem_reports SET confirmations = confirmations + 1, updated_at = :at WHERE "
           "id = :id",
        soci::use(when, "at"), soci::use(id, "id");
    return true;
}

void Repository::forget_voter(soci::session& sql, const std::string& voter) {
    sql << "DELETE FROM report_confirmations WHERE voter_key = :v", soci::use(voter);
}

int Repository::reports_by_client_since(soci::session& sql, const std::string& client,
                                        std::time_t since) {
    int n = 0;
    long long from = since;
    sql << "SELECT COUNT(*) FROM problem_reports WHERE client_key = :c AND created_at > :t",
        soci::use(client, "c"), soci::use(from, "t"), soci::into(n);
    return n;
}

}  // namespace skirosim::points
