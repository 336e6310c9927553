// SQL of the rate_events table.
#include "storage/rate_limit.hpp"

namespace skirosim::storage {

int recent_events(soci::session& sql, const std::string& key, std::time_t since) {
    long long from = since;
    int count = 0;
    sql << "SELECT COUNT(*) FROM rate_events WHERE event_key = :k AND at > :t", soci::use(key, "k"),
        soci::use(from, "t"), soci::into(count);
    return count;
}

void record_event(soci::session& sql, const std::string& key, std::time_t at) {
    long long when = at;
    sql << "INSERT INTO rate_events (event_key, at) VALUES (:k, :t)", soci::use(key, "k"),
        soci::use(when, "t");
}

bool take(soci::session& sql, const std::string& key, const Limit& limit, std::time_t now) {
    if (recent_events(sql, key, now - limit.window.count()) >= limit.events) return false;
    record_event(sql, key, now);
    return true;
}

long long forget_events_before(soci::session& sql, std::time_t before) {
    long long at = before;
    soci::statement st = (sql.prepare << "DELETE FROM rate_events WHERE at < :t", soci::use(at));
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace skirosim::storage
