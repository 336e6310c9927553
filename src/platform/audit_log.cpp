// SQL of the audit log and of the installation's secrets.
#include "platform/audit_log.hpp"

namespace skirosim::platform {

void AuditLog::record(soci::session& sql, std::time_t at, std::optional<long long> actor,
                      const std::string& action, const std::string& subject_kind,
                      const std::string& subject, const std::string& details) {
    long long when = at, who = actor.value_or(0);
    soci::indicator who_ind = actor ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO audit_log (at, actor_id, action, subject_kind, subject, details) VALUES "
           "(:t, :a, :ac, :k, :s, :d)",
        soci::use(when, "t"), soci::use(who, who_ind, "a"), soci::use(action, "ac"),
        soci::use(subject_kind, "k"), soci::use(subject, "s"), soci::use(details, "d");
}

namespace {
std::vector<AuditEntry> select_audit(soci::session& sql, const std::string& where,
                                     long long account, int limit) {
    std::vector<AuditEntry> out;
    AuditEntry row;
    long long at = 0, actor = 0;
    soci::indicator actor_ind = soci::i_null;
    const std::string subject = std::to_string(account);  // bound by reference: must outlive st
    soci::statement st =
        (sql.prepare
             << "SELECT id, at, actor_id, action, subject_kind, subject, details FROM audit_log " +
                    where + " ORDER BY id DESC LIMIT :limit",
         soci::into(row.id), soci::into(at), soci::into(actor, actor_ind), soci::into(row.action),
         soci::into(row.subject_kind), soci::into(row.subject), soci::into(row.details));
    if (!where.empty()) {
        st.exchange(soci::use(account, "account"));
        st.exchange(soci::use(subject, "subject"));
    }
    st.exchange(soci::use(limit, "limit"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        AuditEntry copy = row;
        copy.at = static_cast<std::time_t>(at);
        copy.actor = actor_ind == soci::i_ok ? std::optional<long long>(actor) : std::nullopt;
        out.push_back(std::move(copy));
    }
    return out;
}
}  // namespace

std::vector<AuditEntry> AuditLog::newest(soci::session& sql, int limit) {
    return select_audit(sql, "", 0, limit);
}

std::vector<AuditEntry> AuditLog::about_account(soci::session& sql, long long account) {
    return select_audit(
        sql, "WHERE actor_id = :account OR (subject_kind = 'account' AND subject = :subject)",
        account, 10000);
}

void AuditLog::forget_actor(soci::session& sql, long long account) {
    sql << "UPDATE audit_log SET actor_id = NULL WHERE actor_id = :id", soci::use(account);
}

std::string Secrets::get(soci::session& sql, const std::string& name, const std::string& fresh) {
    std::string value;
    soci::indicator found = soci::i_null;
    sql << "SELECT value FROM secrets WHERE name = :n", soci::use(name), soci::into(value, found);
    if (found == soci::i_ok) return value;
    // Two servers starting at once: the first insert wins, the other reads it.
    sql << "INSERT INTO secrets (name, value) VALUES (:n, :v) ON CONFLICT (name) DO NOTHING",
        soci::use(name, "n"), soci::use(fresh, "v");
    sql << "SELECT value FROM secrets WHERE name = :n", soci::use(name), soci::into(value);
    return value;
}

}  // namespace skirosim::platform
