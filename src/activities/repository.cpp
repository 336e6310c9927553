// SQL of activities and registrations.
#include "activities/repository.hpp"

#include "core/lines.hpp"
#include "guide/repository.hpp"

namespace skirosim::activities {

std::string encode_ages(const AgeCounts& ages) {
    std::string out;
    for (const auto& [code, count] : ages) {
        if (count <= 0) continue;
        if (!out.empty()) out += '\n';
        out += code + "=" + std::to_string(count);
    }
    return out;
}

AgeCounts decode_ages(const std::string& text) {
    AgeCounts out;
    for (const auto& line : split_lines(text)) {
        const auto eq = line.rfind('=');
        if (eq == std::string::npos) continue;
        try {
            out.emplace_back(line.substr(0, eq), std::stoi(line.substr(eq + 1)));
        } catch (...) {
        }
    }
    return out;
}

namespace {

constexpr const char* kColumns =
    "a.id, COALESCE(a.external_id, ''), a.institution_id, a.kind, a.title_lv, a.title_ru, "
    "a.title_en, "
    "a.description_lv, a.description_ru, a.description_en, a.accessibility_lv, a.accessibility_ru, "
    "a.accessibility_en, a.starts_at, a.ends_at, a.venue, a.audiences, a.held_in, a.capacity, "
    "a.registration, "
    "a.cancelled, a.sample, a.reminder_hours, COALESCE(a.series_id, 0), a.series_rule, "
    "a.series_changed, a.max_party";

std::vector<Activity> select(soci::session& sql, const std::string& where,
                             const std::vector<std::pair<std::string, std::string>>& text_binds,
                             const std::vector<std::pair<std::string, long long>>& number_binds,
                             int limit) {
    std::vector<Activity> out;
    Activity a;
    long long starts = 0, ends = 0;
    std::string audiences, held_in;
    int registration = 0, cancelled = 0, sample = 0, series_changed = 0;
    soci::statement st =
        (sql.prepare << std::string("SELECT ") + kColumns + " FROM activities a " + where +
                            " ORDER BY a.starts_at, a.id LIMIT :limit",
         soci::into(a.id), soci::into(a.external_id), soci::into(a.institution), soci::into(a.kind),
         soci::into(a.title[0]), soci::into(a.title[1]), soci::into(a.title[2]),
         soci::into(a.description[0]), soci::into(a.description[1]), soci::into(a.description[2]),
         soci::into(a.accessibility[0]), soci::into(a.accessibility[1]),
         soci::into(a.accessibility[2]), soci::into(starts), soci::into(ends), soci::into(a.venue),
         soci::into(audiences), soci::into(held_in), soci::into(a.capacity),
         soci::into(registration), soci::into(cancelled), soci::into(sample),
         soci::into(a.reminder_hours), soci::into(a.series_id), soci::into(a.series_rule),
         soci::into(series_changed), soci::into(a.max_party));
    for (const auto& [name, value] : text_binds) st.exchange(soci::use(value, name));
    for (const auto& [name, value] : number_binds) st.exchange(soci::use(value, name));
    st.exchange(soci::use(limit, "limit"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        Activity copy = a;
        copy.starts_at = static_cast<std::time_t>(starts);
        copy.ends_at = static_cast<std::time_t>(ends);
        copy.audiences = split_lines(audiences);
        copy.held_in = split_lines(held_in);
        copy.registration = registration != 0;
        copy.cancelled = cancelled != 0;
        copy.sample = sample != 0;
        copy.series_changed = series_changed != 0;
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<Label> select_labels(soci::session& sql, const std::string& table, bool audiences) {
    std::vector<Label> out;
    Label l;
    int child = 0;
    const std::string query = "SELECT code, " + std::string(audiences ? "kind, child" : "'', 0") +
                              ", name_lv, name_ru, name_en FROM " + table +
                              " ORDER BY position, code";
    soci::statement st =
        (sql.prepare << query, soci::into(l.code), soci::into(l.kind), soci::into(child),
         soci::into(l.name[0]), soci::into(l.name[1]), soci::into(l.name[2]));
    st.execute();
    while (st.fetch()) {
        l.child = child != 0;
        out.push_back(l);
    }
    return out;
}

}  // namespace

std::vector<Activity> Repository::list(soci::session& sql, const Filter& f, int limit) {
    // Lists are stored one entry a line; "\n" around the code finds a whole entry.
    std::string where = "WHERE a.ends_at >= :from";
    std::vector<std::pair<std::string, std::string>> binds;
    std::vector<std::pair<std::string, long long>> numbers{
        {"from", static_cast<long long>(f.from)}};
    if (f.until) {
        where += " AND a.starts_at < :until";
        numbers.emplace_back("until", static_cast<long long>(*f.until));
    }
    if (!f.institution.empty()) {
        where += " AND a.institution_id = :institution";
        binds.emplace_back("institution", f.institution);
    }
    if (!f.kind.empty()) {
        where += " AND a.kind = :kind";
        binds.emplace_back("kind", f.kind);
    }
    if (!f.audience.empty()) {
        where += " AND ('\n' || a.audiences || '\n') LIKE :audience";
        binds.emplace_back("audience", "%\n" + f.audience + "\n%");
    }
    if (!f.language.empty()) {
        where += " AND ('\n' || a.held_in || '\n') LIKE :language";
        binds.emplace_back("language", "%\n" + f.language + "\n%");
    }
    return select(sql, where, binds, numbers, limit);
}

std::optional<Activity> Repository::find(soci::session& sql, long long id) {
    auto rows = select(sql, "WHERE a.id = :id", {}, {{"id", id}}, 1);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void Repository::save(soci::session& sql, const std::vector<Activity>& activities) {
    for (const Activity& a : activities) {
        long long starts = a.starts_at, ends = a.ends_at;
        int registration = a.registration ? 1 : 0, cancelled = a.cancelled ? 1 : 0,
            sample = a.sample ? 1 : 0;
        const std::string audiences = join_lines(a.audiences), held_in = join_lines(a.held_in);
        long long existing = 0;
        soci::indicator found = soci::i_null;
        sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(a.external_id),
            soci::into(existing, found);
        if (found == soci::i_ok) {
            sql << "UPDATE activities SET institution_id = :inst, kind = :kind, title_lv = :t0, "
                   "title_ru = :t1, "
                   "title_en = :t2, description_lv = :d0, description_ru = :d1, description_en = "
                   ":d2, "
                   "accessibility_lv = :a0, accessibility_ru = :a1, accessibility_en = :a2, "
                   "starts_at = :starts, "
                   "ends_at = :ends, venue = :venue, audiences = :aud, held_in = :held, capacity = "
                   ":cap, "
                   "registration = :reg, cancelled = :can, sample = :sample, reminder_hours = :rh, "
                   "max_party = :mp WHERE id = :id",
                soci::use(a.institution, "inst"), soci::use(a.kind, "kind"),
                soci::use(a.title[0], "t0"), soci::use(a.title[1], "t1"),
                soci::use(a.title[2], "t2"), soci::use(a.description[0], "d0"),
                soci::use(a.description[1], "d1"), soci::use(a.description[2], "d2"),
                soci::use(a.accessibility[0], "a0"), soci::use(a.accessibility[1], "a1"),
                soci::use(a.accessibility[2], "a2"), soci::use(starts, "starts"),
                soci::use(ends, "ends"), soci::use(a.venue, "venue"), soci::use(audiences, "aud"),
                soci::use(held_in, "held"), soci::use(a.capacity, "cap"),
                soci::use(registration, "reg"), soci::use(cancelled, "can"),
                soci::use(sample, "sample"), soci::use(a.reminder_hours, "rh"),
                soci::use(a.max_party, "mp"), soci::use(existing, "id");
        } else {
            sql << "INSERT INTO activities (external_id, institution_id, kind, title_lv, title_ru, "
                   "title_en, "
                   "description_lv, description_ru, description_en, accessibility_lv, "
                   "accessibility_ru, "
                   "accessibility_en, starts_at, ends_at, venue, audiences, held_in, capacity, "
                   "registration, "
                   "cancelled, sample, reminder_hours, max_party) VALUES (:ext, :inst, :kind, :t0, "
                   ":t1, :t2, :d0, :d1, :d2, "
                   ":a0, :a1, :a2, :starts, :ends, :venue, :aud, :held, :cap, :reg, :can, :sample, "
                   ":rh, :mp)",
                soci::use(a.external_id, "ext"), soci::use(a.institution, "inst"),
                soci::use(a.kind, "kind"), soci::use(a.title[0], "t0"), soci::use(a.title[1], "t1"),
                soci::use(a.title[2], "t2"), soci::use(a.description[0], "d0"),
                soci::use(a.description[1], "d1"), soci::use(a.description[2], "d2"),
                soci::use(a.accessibility[0], "a0"), soci::use(a.accessibility[1], "a1"),
                soci::use(a.accessibility[2], "a2"), soci::use(starts, "starts"),
                soci::use(ends, "ends"), soci::use(a.venue, "venue"), soci::use(audiences, "aud"),
                soci::use(held_in, "held"), soci::use(a.capacity, "cap"),
                soci::use(registration, "reg"), soci::use(cancelled, "can"),
                soci::use(sample, "sample"), soci::use(a.reminder_hours, "rh"),
                soci::use(a.max_party, "mp");
        }
    }
}

void Repository::save_labels(soci::session& sql, const std::vector<Label>& kinds,
                             const std::vector<Label>& audiences) {
    int position = 0;
    for (const Label& k : kinds) {
        ++position;
        sql << "DELETE FROM activity_kinds WHERE code = :c", soci::use(k.code);
        sql << "INSERT INTO activity_kinds (code, position, name_lv, name_ru, name_en) VALUES (:c, "
               ":p, :n0, :n1, :n2)",
            soci::use(k.code, "c"), soci::use(position, "p"), soci::use(k.name[0], "n0"),
            soci::use(k.name[1], "n1"), soci::use(k.name[2], "n2");
    }
    position = 0;
    for (const Label& a : audiences) {
        ++position;
        sql << "DELETE FROM audiences WHERE code = :c", soci::use(a.code);
        const int child = a.child ? 1 : 0;
        sql << "INSERT INTO audiences (code, kind, position, name_lv, name_ru, name_en, child) "
               "VALUES (:c, :k, :p, :n0, :n1, :n2, :child)",
            soci::use(a.code, "c"), soci::use(a.kind, "k"), soci::use(position, "p"),
            soci::use(a.name[0], "n0"), soci::use(a.name[1], "n1"), soci::use(a.name[2], "n2"),
            soci::use(child, "child");
    }
}

std::vector<Label> Repository::kinds(soci::session& sql) {
    return select_labels(sql, "activity_kinds", false);
}
std::vector<Label> Repository::audiences(soci::session& sql) {
    return select_labels(sql, "audiences", true);
}
std::vector<Label> Repository::channels(soci::session& sql) {
    return select_labels(sql, "channels", false);
}

void Repository::lock(soci::session& sql, long long activity) {
    // A write as the transaction's first statement: PostgreSQL locks the row, SQLite takes its
    // write lock at once (no deadlock when two readers would both upgrade later).
    sql << "UPDATE activities SET capacity = capacity WHERE id = :id", soci::use(activity);
}

int Repository::confirmed_people(soci::session& sql, long long activity) {
    int people = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT SUM(adults + children) FROM registrations WHERE activity_id = :id AND status = "
           "'confirmed'",
        soci::use(activity), soci::into(people, ind);
    return ind == soci::i_ok ? people : 0;
}

long long Repository::insert_registration(soci::session& sql, const Registration& r,
                                          const std::string& cancel_hash,
                                          std::optional<long long> account,
                                          std::optional<long long> registered_by,
                                          const std::string& consent) {
    long long id = 0, created = r.created_at, account_id = account.value_or(0),
              by = registered_by.value_or(0);
    soci::indicator account_ind = account ? soci::i_ok : soci::i_null,
                    by_ind = registered_by ? soci::i_ok : soci::i_null;
    const std::string ages = encode_ages(r.ages), groups = join_lines(r.groups);
    long long hold = r.hold_until.value_or(0);
    soci::indicator hold_ind = r.hold_until ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO registrations (activity_id, account_id, name, contact, language, adults, "
           "children, status, "
           "cancel_hash, created_at, registered_by, consent, ages, groups_of_party, hold_until) "
           "VALUES (:a, :acc, :n, "
           ":c, :l, :ad, :ch, :s, :h, :t, :by, :consent, :ages, :groups, :hold) RETURNING id",
        soci::use(ages, "ages"), soci::use(groups, "groups"), soci::use(hold, hold_ind, "hold"),
        soci::use(r.activity, "a"), soci::use(account_id, account_ind, "acc"),
        soci::use(r.name, "n"), soci::use(r.contact, "c"), soci::use(r.language, "l"),
        soci::use(r.adults, "ad"), soci::use(r.children, "ch"), soci::use(r.status, "s"),
        soci::use(cancel_hash, "h"), soci::use(created, "t"), soci::use(by, by_ind, "by"),
        soci::use(consent, "consent"), soci::into(id);
    recount(sql, r.activity);
    return id;
}

namespace {
// The columns of a registration as read_registration wants them, from the table aliased r.
constexpr const char* kRegistrationColumns =
    "r.id, r.activity_id, r.name, r.contact, r.language, r.adults, r.children, r.status, "
    "r.created_at, r.ages, "
    "r.groups_of_party, COALESCE(r.attended, -1), COALESCE(r.hold_until, -1)";

struct RegistrationRow {
    Registration r;
    long long created = 0;
    std::string ages, groups;
    int attended = -1;
    long long hold_until = -1;

    void bind(soci::statement& st) {
        st.exchange(soci::into(r.id));
        st.exchange(soci::into(r.activity));
        st.exchange(soci::into(r.name));
        st.exchange(soci::into(r.contact));
        st.exchange(soci::into(r.language));
        st.exchange(soci::into(r.adults));
        st.exchange(soci::into(r.children));
        st.exchange(soci::into(r.status));
        st.exchange(soci::into(created));
        st.exchange(soci::into(ages));
        st.exchange(soci::into(groups));
        st.exchange(soci::into(attended));
        st.exchange(soci::into(hold_until));
    }
    Registration value() const {
        Registration copy = r;
        copy.created_at = static_cast<std::time_t>(created);
        copy.ages = decode_ages(ages);
        copy.groups = split_lines(groups);
        if (attended >= 0) copy.attended = attended == 1;
        if (hold_until >= 0) copy.hold_until = static_cast<std::time_t>(hold_until);
        return copy;
    }
};

std::vector<Registration> select_registrations(soci::session& sql, const std::string& where,
                                               const std::string& text, long long number) {
    std::vector<Registration> out;
    RegistrationRow row;
    soci::statement st(sql);
    row.bind(st);
    if (!text.empty()) st.exchange(soci::use(text, "text"));
    if (number) st.exchange(soci::use(number, "number"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kRegistrationColumns + " FROM registrations r " + where +
               " ORDER BY r.created_at, r.id");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.value());
    return out;
}
}  // namespace

std::optional<Registration> Repository::by_cancel_hash(soci::session& sql,
                                                       const std::string& hash) {
    auto rows = select_registrations(sql, "WHERE r.cancel_hash = :text", hash, 0);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void Repository::set_status(soci::session& sql, long long id, const std::string& status) {
    sql << "UPDATE registrations SET status = :s WHERE id = :id", soci::use(status, "s"),
        soci::use(id, "id");
    long long activity = 0;
    sql << "SELECT activity_id FROM registrations WHERE id = :id", soci::use(id),
        soci::into(activity);
    recount(sql, activity);
}

void Repository::keep_held(soci::session& sql, long long id) {
    sql << "UPDATE registrations SET hold_until = NULL WHERE id = :id", soci::use(id);
}

std::map<long long, std::vector<long long>> Repository::lapsed_holds(
    soci::session& sql, std::time_t now, std::optional<long long> only) {
    std::map<long long, std::vector<long long>> out;
    long long at = now, id = 0, activity = 0, wanted = only.value_or(0);
    const int any = only ? 0 : 1;
    soci::statement st =
        (sql.prepare << "SELECT id, activity_id FROM registrations WHERE hold_until IS NOT NULL "
                        "AND hold_until < :now AND (:any = 1 OR activity_id = :activity) "
                        "ORDER BY activity_id, id",
         soci::into(id), soci::into(activity), soci::use(at, "now"), soci::use(any, "any"),
         soci::use(wanted, "activity"));
    st.execute();
    while (st.fetch()) out[activity].push_back(id);
    return out;
}

bool Repository::delete_lapsed(soci::session& sql, long long id, std::time_t now) {
    long long at = now, activity = 0;
    soci::indicator found = soci::i_null;
    sql << "SELECT activity_id FROM registrations WHERE id = :id AND hold_until IS NOT NULL AND "
           "hold_until < :now",
        soci::use(id, "id"), soci::use(at, "now"), soci::into(activity, found);
    if (found != soci::i_ok) return false;
    sql << "DELETE FROM registrations WHERE id = :id", soci::use(id);
    recount(sql, activity);
    return true;
}

void Repository::recount(soci::session& sql, long long activity) {
    sql << "DELETE FROM registration_counts WHERE activity_id = :a", soci::use(activity);
    sql << "INSERT INTO registration_counts (activity_id, state, parties, people) "
           "SELECT activity_id, CASE WHEN status <> 'confirmed' THEN status WHEN attended = 1 THEN "
           "'came' "
           "WHEN attended = 0 THEN 'no-show' ELSE 'confirmed' END, COUNT(*), SUM(adults + "
           "children) "
           "FROM registrations WHERE activity_id = :a GROUP BY 1, 2",
        soci::use(activity);
}

std::vector<Registration> Repository::registrations(soci::session& sql, long long activity,
                                                    const std::string& status) {
    const std::string where = "WHERE r.activity_id = :number" +
                              std::string(status.empty() ? "" : " AND r.status = :text");
    return select_registrations(sql, where, status, activity);
}

}  // namespace skirosim::activities

namespace skirosim::activities {

namespace {
std::vector<Registration> due(soci::session& sql, const std::string& condition, std::time_t now) {
    std::vector<Registration> out;
    RegistrationRow row;
    long long at = now;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(at, "now"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kRegistrationColumns +
               " FROM registrations r JOIN activities a ON "
               "a.id = r.activity_id WHERE r.status = 'confirmed' AND r.contact <> '' AND "
               "a.cancelled = 0 AND " +
               condition);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.value());
    return out;
}
}  // namespace

std::vector<Registration> Repository::due_reminders(soci::session& sql, std::time_t now) {
    return due(sql,
               "r.reminded_at IS NULL AND r.hold_until IS NULL AND a.starts_at > :now AND "
               "a.starts_at - a.reminder_hours * 3600 <= :now",
               now);
}

std::vector<Registration> Repository::due_feedback(soci::session& sql, std::time_t now) {
    // Not to those marked as not having come.
    return due(sql,
               "r.feedback_requested_at IS NULL AND a.ends_at <= :now AND (r.attended IS NULL OR "
               "r.attended = 1)",
               now);
}

namespace {
bool claim(soci::session& sql, const char* column, long long registration, std::time_t at) {
    long long when = at;
    soci::statement st = (sql.prepare << std::string("UPDATE registrations SET ") + column +
                                             " = :t WHERE id = :id AND " + column + " IS NULL",
                          soci::use(when, "t"), soci::use(registration, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}
}  // namespace

bool Repository::mark_reminded(soci::session& sql, long long registration, std::time_t at) {
    return claim(sql, "reminded_at", registration, at);
}

bool Repository::mark_feedback_requested(soci::session& sql, long long registration,
                                         std::time_t at) {
    return claim(sql, "feedback_requested_at", registration, at);
}

std::vector<Activity> Repository::series(soci::session& sql, long long series_id) {
    return select(sql, "WHERE a.series_id = :id", {}, {{"id", series_id}}, 1000);
}

void Repository::set_series(soci::session& sql, long long id, long long series_id,
                            const std::string& rule, bool changed) {
    const int changed_flag = changed ? 1 : 0;
    sql << "UPDATE activities SET series_id = :s, series_rule = :r, series_changed = :c WHERE id = "
           ":id",
        soci::use(series_id, "s"), soci::use(rule, "r"), soci::use(changed_flag, "c"),
        soci::use(id, "id");
}

void Repository::save_attendance(soci::session& sql, long long activity,
                                 const Attendance& attendance,
                                 const std::vector<std::pair<std::string, int>>& participation,
                                 std::time_t now) {
    for (const auto& [registration, came] : attendance.came) {
        const int flag = came ? 1 : 0;
        sql << "UPDATE registrations SET attended = :f WHERE id = :id AND activity_id = :a",
            soci::use(flag, "f"), soci::use(registration, "id"), soci::use(activity, "a");
    }
    recount(sql, activity);
    const std::string walk_ins = encode_ages(attendance.walk_ins);
    long long at = now;
    sql << "UPDATE activities SET walk_ins = :w, attendance_marked_at = :t WHERE id = :id",
        soci::use(walk_ins, "w"), soci::use(at, "t"), soci::use(activity, "id");
    sql << "DELETE FROM activity_results WHERE activity_id = :a", soci::use(activity);
    for (const auto& [measure, amount] : attendance.results) {
        if (amount <= 0) continue;
        sql << "INSERT INTO activity_results (activity_id, measure, amount) VALUES (:a, :m, :v)",
            soci::use(activity, "a"), soci::use(measure, "m"), soci::use(amount, "v");
    }
    sql << "DELETE FROM participation WHERE activity_id = :a", soci::use(activity);
    for (const auto& [audience, people] : participation) {
        sql << "INSERT INTO participation (activity_id, audience, people) VALUES (:a, :u, :p)",
            soci::use(activity, "a"), soci::use(audience, "u"), soci::use(people, "p");
    }
}

std::vector<Registration> Repository::registrations_of_account(soci::session& sql,
                                                               long long account) {
    return select_registrations(sql, "WHERE r.account_id = :number", "", account);
}

void Repository::forget_account(soci::session& sql, long long account) {
    sql << "UPDATE registrations SET name = '', contact = '', account_id = NULL WHERE account_id = "
           ":a",
        soci::use(account);
}

long long Repository::forget_contacts(soci::session& sql, std::time_t ended_before) {
    long long before = ended_before;
    soci::statement st =
        (sql.prepare << "UPDATE registrations SET name = '', contact = '' WHERE (name <> '' OR "
                        "contact <> '') AND activity_id IN (SELECT id FROM activities WHERE "
                        "ends_at < :t)",
         soci::use(before));
    st.execute(true);
    return st.get_affected_rows();
}

Attendance Repository::attendance(soci::session& sql, long long activity) {
    Attendance out;
    std::string walk_ins;
    sql << "SELECT walk_ins FROM activities WHERE id = :id", soci::use(activity),
        soci::into(walk_ins);
    out.walk_ins = decode_ages(walk_ins);
    for (const Registration& r : registrations(sql, activity, "confirmed")) {
        if (r.attended) out.came.emplace_back(r.id, *r.attended);
    }
    std::string measure;
    double amount = 0;
    soci::statement st =
        (sql.prepare << "SELECT measure, amount FROM activity_results WHERE activity_id = :a "
                        "ORDER BY measure",
         soci::into(measure), soci::into(amount), soci::use(activity));
    st.execute();
    while (st.fetch()) out.results.emplace_back(measure, amount);
    return out;
}

}  // namespace skirosim::activities
