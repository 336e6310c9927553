// SQL of the accounts capability.
#include "accounts/repository.hpp"

namespace skirosim::accounts {

namespace {

constexpr const char* kAccountColumns =
    "id, COALESCE(email, ''), COALESCE(phone, ''), password_hash, display_name, language, "
    "created_at, confirmed_at, assisted_by";

// Reads accounts from a prepared SELECT of kAccountColumns.
template <typename Bind>
std::vector<Account> select_accounts(soci::session& sql, const std::string& query, Bind bind) {
    std::vector<Account> out;
    Account row;
    long long created = 0, confirmed = 0, assisted = 0;
    soci::indicator confirmed_ind = soci::i_null, assisted_ind = soci::i_null;
    soci::statement st = (sql.prepare << query, soci::into(row.id), soci::into(row.email),
                          soci::into(row.phone), soci::into(row.password_hash),
                          soci::into(row.display_name), soci::into(row.language),
                          soci::into(created), soci::into(confirmed, confirmed_ind),
                          soci::into(assisted, assisted_ind));
    bind(st);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        Account copy = row;
        copy.created_at = static_cast<std::time_t>(created);
        if (confirmed_ind == soci::i_ok) copy.confirmed_at = static_cast<std::time_t>(confirmed);
        if (assisted_ind == soci::i_ok) copy.assisted_by = assisted;
        out.push_back(std::move(copy));
    }
    return out;
}

}  // namespace

std::optional<Account> Repository::find(soci::session& sql, long long id) {
    auto rows = select_accounts(sql, std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = :id AND deleted_at IS NULL",
                                [&](soci::statement& st) { st.exchange(soci::use(id)); });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<Account> Repository::find_by_login(soci::session& sql, const std::string& login) {
    auto rows = select_accounts(sql, std::string("SELECT ") + kAccountColumns +
                                         " FROM accounts WHERE email = :a OR phone = :b",
                                [&](soci::statement& st) {
                                    st.exchange(soci::use(login, "a"));
                                    st.exchange(soci::use(login, "b"));
                                });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

long long Repository::insert(soci::session& sql, const Account& a, storage::Backend) {
    long long id = 0, created = a.created_at, assisted = a.assisted_by.value_or(0);
    soci::indicator email_ind = a.email.empty() ? soci::i_null : soci::i_ok;
    soci::indicator phone_ind = a.phone.empty() ? soci::i_null : soci::i_ok;
    soci::indicator assisted_ind = a.assisted_by ? soci::i_ok : soci::i_null;
    long long confirmed = a.confirmed_at.value_or(0);
    soci::indicator confirmed_ind = a.confirmed_at ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO accounts (email, phone, password_hash, display_name, language, created_at, "
           "confirmed_at, assisted_by) VALUES (:email, :phone, :hash, :name, :language, :created, "
           ":confirmed, :assisted) RETURNING id",
        soci::use(a.email, email_ind, "email"), soci::use(a.phone, phone_ind, "phone"),
        soci::use(a.password_hash, "hash"), soci::use(a.display_name, "name"),
        soci::use(a.language, "language"), soci::use(created, "created"),
        soci::use(confirmed, confirmed_ind, "confirmed"), soci::use(assisted, assisted_ind, "assisted"),
        soci::into(id);
    return id;
}

void Repository::set_confirmed(soci::session& sql, long long id, std::time_t at) {
    long long when = at;
    sql << "UPDATE accounts SET confirmed_at = :at WHERE id = :id AND confirmed_at IS NULL",
        soci::use(when, "at"), soci::use(id, "id");
}

void Repository::set_password(soci::session& sql, long long id, const std::string& hash) {
    sql << "UPDATE accounts SET password_hash = :hash WHERE id = :id", soci::use(hash, "hash"),
        soci::use(id, "id");
}

void Repository::set_language(soci::session& sql, long long id, const std::string& language) {
    sql << "UPDATE accounts SET language = :l WHERE id = :id", soci::use(language, "l"), soci::use(id, "id");
}

void Repository::set_login(soci::session& sql, long long id, const std::string& email, const std::string& phone) {
    soci::indicator email_ind = email.empty() ? soci::i_null : soci::i_ok;
    soci::indicator phone_ind = phone.empty() ? soci::i_null : soci::i_ok;
    sql << "UPDATE accounts SET email = :email, phone = :phone WHERE id = :id",
        soci::use(email, email_ind, "email"), soci::use(phone, phone_ind, "phone"), soci::use(id, "id");
}

void Repository::set_takeover(soci::session& sql, long long id, const std::string& hash, std::time_t expires) {
    long long until = expires;
    sql << "UPDATE accounts SET takeover_hash = :h, takeover_expires_at = :e WHERE id = :id",
        soci::use(hash, "h"), soci::use(until, "e"), soci::use(id, "id");
}

std::optional<long long> Repository::takeover_account(soci::session& sql, const std::string& hash, std::time_t now) {
    long long id = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT id FROM accounts WHERE takeover_hash = :h AND takeover_expires_at >= :now "
           "AND assisted_by IS NOT NULL AND email IS NULL AND phone IS NULL AND deleted_at IS NULL",
        soci::use(hash, "h"), soci::use(at, "now"), soci::into(id, found);
    if (found != soci::i_ok) return std::nullopt;
    return id;
}

std::optional<long long> Repository::use_takeover(soci::session& sql, const std::string& hash, std::time_t now) {
    auto id = takeover_account(sql, hash, now);
    if (!id) return std::nullopt;
    sql << "UPDATE accounts SET takeover_hash = NULL, takeover_expires_at = NULL WHERE id = :id", soci::use(*id);
    return id;
}

std::vector<Account> Repository::list(soci::session& sql, int limit) {
    return select_accounts(sql, std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE deleted_at IS NULL ORDER BY id LIMIT :limit",
                           [&](soci::statement& st) { st.exchange(soci::use(limit)); });
}

std::vector<Account> Repository::assisted_by(soci::session& sql, long long staff_id) {
    return select_accounts(sql, std::string("SELECT ") + kAccountColumns +
                                    " FROM accounts WHERE assisted_by = :s AND deleted_at IS NULL ORDER BY display_name",
                           [&](soci::statement& st) { st.exchange(soci::use(staff_id)); });
}

namespace {
// Everything that was the person's goes; the row stays, empty, so that no later account gets the id
// (and with it this one's traces in the audit log).
void tombstone(soci::session& sql, long long id, std::time_t at) {
    long long when = at;
    for (const char* table : {"role_grants", "sessions", "one_time_tokens", "consents"}) {
        sql << std::string("DELETE FROM ") + table + " WHERE account_id = :id", soci::use(id);
    }
    sql << "UPDATE accounts SET email = NULL, phone = NULL, password_hash = '', display_name = '', "
           "confirmed_at = NULL, last_seen_at = NULL, assisted_by = NULL, takeover_hash = NULL, "
           "takeover_expires_at = NULL, deleted_at = :at WHERE id = :id",
        soci::use(when, "at"), soci::use(id, "id");
}
}  // namespace

void Repository::erase(soci::session& sql, long long id, std::time_t at) {
    // What others rely on keeps the fact, not the person: audit entries lose the actor.
    sql << "UPDATE audit_log SET actor_id = NULL WHERE actor_id = :id", soci::use(id);
    sql << "UPDATE accounts SET assisted_by = NULL WHERE assisted_by = :id", soci::use(id);
    // Registrations keep their counts for the statistics, not the name or contact.
    sql << "UPDATE registrations SET name = '', contact = '', account_id = NULL WHERE account_id = :id", soci::use(id);
    tombstone(sql, id, at);
}

bool Repository::institution_exists(soci::session& sql, const std::string& id) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM institutions WHERE id = :id", soci::use(id), soci::into(exists);
    return exists > 0;
}

std::string Repository::secret(soci::session& sql, const std::string& name, const std::string& fresh) {
    std::string value;
    soci::indicator found = soci::i_null;
    sql << "SELECT value FROM secrets WHERE name = :n", soci::use(name), soci::into(value, found);
    if (found == soci::i_ok) return value;
    // Two servers starting at once: the first insert wins, the other reads it.
    sql << "INSERT INTO secrets (name, value) VALUES (:n, :v) ON CONFLICT (name) DO NOTHING", soci::use(name, "n"),
        soci::use(fresh, "v");
    sql << "SELECT value FROM secrets WHERE name = :n", soci::use(name), soci::into(value);
    return value;
}

std::vector<RoleGrant> Repository::roles(soci::session& sql, long long id) {
    std::vector<RoleGrant> out;
    RoleGrant row;
    soci::statement st = (sql.prepare << "SELECT role, institution_id FROM role_grants WHERE account_id = :id "
                                         "ORDER BY role, institution_id",
                          soci::into(row.role), soci::into(row.institution), soci::use(id));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
}

bool Repository::grant(soci::session& sql, long long id, const RoleGrant& g, std::optional<long long> by, std::time_t at) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM role_grants WHERE account_id = :id AND role = :role AND institution_id = :inst",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst"), soci::into(exists);
    if (exists) return false;
    long long when = at, granter = by.value_or(0);
    soci::indicator by_ind = by ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO role_grants (account_id, role, institution_id, granted_by, granted_at) "
           "VALUES (:id, :role, :inst, :by, :at)",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst"),
        soci::use(granter, by_ind, "by"), soci::use(when, "at");
    return true;
}

bool Repository::revoke(soci::session& sql, long long id, const RoleGrant& g) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM role_grants WHERE account_id = :id AND role = :role AND institution_id = :inst",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst"), soci::into(exists);
    if (!exists) return false;
    sql << "DELETE FROM role_grants WHERE account_id = :id AND role = :role AND institution_id = :inst",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst");
    return true;
}

void Repository::insert_session(soci::session& sql, const std::string& hash, long long account, std::time_t now, std::time_t expires) {
    long long created = now, until = expires;
    sql << "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at) "
           "VALUES (:h, :a, :c, :e, :c2)",
        soci::use(hash, "h"), soci::use(account, "a"), soci::use(created, "c"), soci::use(until, "e"),
        soci::use(created, "c2");
}

std::optional<long long> Repository::session_account(soci::session& sql, const std::string& hash, std::time_t now) {
    long long account = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT account_id FROM sessions WHERE token_hash = :h AND expires_at > :now",
        soci::use(hash, "h"), soci::use(at, "now"), soci::into(account, found);
    if (found != soci::i_ok) return std::nullopt;
    return account;
}

void Repository::extend_session(soci::session& sql, const std::string& hash, std::time_t now, std::time_t expires) {
    long long at = now, until = expires;
    sql << "UPDATE sessions SET last_seen_at = :now, expires_at = :e WHERE token_hash = :h",
        soci::use(at, "now"), soci::use(until, "e"), soci::use(hash, "h");
}

void Repository::delete_session(soci::session& sql, const std::string& hash) {
    sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(hash);
}

void Repository::delete_sessions(soci::session& sql, long long account) {
    sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(account);
}

void Repository::insert_token(soci::session& sql, const std::string& hash, long long account, const std::string& purpose, std::time_t expires) {
    long long until = expires;
    sql << "INSERT INTO one_time_tokens (token_hash, account_id, purpose, expires_at) VALUES (:h, :a, :p, :e)",
        soci::use(hash, "h"), soci::use(account, "a"), soci::use(purpose, "p"), soci::use(until, "e");
}

std::optional<long long> Repository::use_token(soci::session& sql, const std::string& hash, const std::string& purpose, std::time_t now) {
    long long account = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT account_id FROM one_time_tokens WHERE token_hash = :h AND purpose = :p "
           "AND used_at IS NULL AND expires_at > :now",
        soci::use(hash, "h"), soci::use(purpose, "p"), soci::use(at, "now"), soci::into(account, found);
    if (found != soci::i_ok) return std::nullopt;
    sql << "UPDATE one_time_tokens SET used_at = :now WHERE token_hash = :h", soci::use(at, "now"), soci::use(hash, "h");
    return account;
}

std::optional<long long> Repository::token_account(soci::session& sql, const std::string& hash, const std::string& purpose,
                                                 std::time_t now) {
    long long account = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT account_id FROM one_time_tokens WHERE token_hash = :h AND purpose = :p "
           "AND used_at IS NULL AND expires_at > :now",
        soci::use(hash, "h"), soci::use(purpose, "p"), soci::use(at, "now"), soci::into(account, found);
    if (found != soci::i_ok) return std::nullopt;
    return account;
}

void Repository::revoke_tokens(soci::session& sql, long long account, const std::string& purpose, std::time_t now) {
    long long at = now;
    sql << "UPDATE one_time_tokens SET used_at = :now WHERE account_id = :a AND purpose = :p AND used_at IS NULL",
        soci::use(at, "now"), soci::use(account, "a"), soci::use(purpose, "p");
}

void Repository::enqueue(soci::session& sql, const OutboxMessage& m) {
    long long created = m.created_at;
    sql << "INSERT INTO outbox (recipient, medium, subject, body, created_at) VALUES (:r, :m, :s, :b, :c)",
        soci::use(m.recipient, "r"), soci::use(m.medium, "m"), soci::use(m.subject, "s"),
        soci::use(m.body, "b"), soci::use(created, "c");
}

namespace {
// Newest first for people to read; oldest first for the sender (`oldest_first`).
std::vector<OutboxMessage> select_outbox(soci::session& sql, const std::string& where, int limit, bool oldest_first = false,
                                         const std::vector<std::pair<std::string, std::string>>& texts = {},
                                         const std::vector<std::pair<std::string, long long>>& numbers = {}) {
    std::vector<OutboxMessage> out;
    OutboxMessage row;
    long long created = 0, sent = 0, next = 0;
    soci::indicator sent_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT id, recipient, medium, subject, body, created_at, sent_at, "
                                         "attempts, last_error, next_attempt_at FROM outbox " + where +
                                         (oldest_first ? " ORDER BY id" : " ORDER BY id DESC") + " LIMIT :limit",
                          soci::into(row.id), soci::into(row.recipient), soci::into(row.medium),
                          soci::into(row.subject), soci::into(row.body), soci::into(created),
                          soci::into(sent, sent_ind), soci::into(row.attempts), soci::into(row.last_error),
                          soci::into(next));
    for (const auto& [name, value] : texts) st.exchange(soci::use(value, name));
    for (const auto& [name, value] : numbers) st.exchange(soci::use(value, name));
    st.exchange(soci::use(limit, "limit"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        OutboxMessage copy = row;
        copy.created_at = static_cast<std::time_t>(created);
        copy.sent_at = sent_ind == soci::i_ok ? std::optional<std::time_t>(static_cast<std::time_t>(sent)) : std::nullopt;
        copy.next_attempt_at = static_cast<std::time_t>(next);
        out.push_back(std::move(copy));
    }
    return out;
}
}  // namespace

std::vector<OutboxMessage> Repository::outbox(soci::session& sql, int limit) {
    return select_outbox(sql, "", limit);
}

std::vector<OutboxMessage> Repository::outbox_for(soci::session& sql, const std::string& recipient) {
    return select_outbox(sql, "WHERE recipient = :text", 1000, false, {{"text", recipient}});
}

std::vector<OutboxMessage> Repository::unsent(soci::session& sql, int limit) {
    return select_outbox(sql, "WHERE sent_at IS NULL", limit, true);
}

void Repository::mark_sent(soci::session& sql, long long id, std::time_t at) {
    long long when = at;
    sql << "UPDATE outbox SET sent_at = :at, attempts = attempts + 1 WHERE id = :id", soci::use(when, "at"), soci::use(id, "id");
}

void Repository::mark_failed(soci::session& sql, long long id, const std::string& error, std::time_t next_attempt_at) {
    long long next = next_attempt_at;
    sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :e, next_attempt_at = :n WHERE id = :id",
        soci::use(error, "e"), soci::use(next, "n"), soci::use(id, "id");
}

std::vector<OutboxMessage> Repository::due_messages(soci::session& sql, const std::vector<std::string>& media,
                                                    std::time_t now, int max_attempts, int limit) {
    if (media.empty()) return {};
    // At most two media: the second placeholder repeats the first when there is one.
    return select_outbox(sql, "WHERE sent_at IS NULL AND attempts < :max AND next_attempt_at <= :now AND "
                              "(medium = :m0 OR medium = :m1)",
                         limit, true, {{"m0", media.front()}, {"m1", media.back()}},
                         {{"max", max_attempts}, {"now", static_cast<long long>(now)}});
}

void Repository::record_attempt(soci::session& sql, const std::string& key, std::time_t at, bool succeeded) {
    long long when = at;
    int ok = succeeded ? 1 : 0;
    sql << "INSERT INTO login_attempts (attempt_key, attempted_at, succeeded) VALUES (:k, :t, :s)",
        soci::use(key, "k"), soci::use(when, "t"), soci::use(ok, "s");
}

int Repository::recent_failures(soci::session& sql, const std::string& key, std::time_t since, bool success_resets) {
    long long from = since, last_success = 0;
    soci::indicator success_ind = soci::i_null;
    if (success_resets) {
        sql << "SELECT MAX(attempted_at) FROM login_attempts WHERE attempt_key = :k AND succeeded = 1",
            soci::use(key), soci::into(last_success, success_ind);
        if (success_ind == soci::i_ok && last_success > from) from = last_success;
    }
    int count = 0;
    sql << "SELECT COUNT(*) FROM login_attempts WHERE attempt_key = :k AND succeeded = 0 AND attempted_at > :t",
        soci::use(key, "k"), soci::use(from, "t"), soci::into(count);
    return count;
}

std::optional<std::time_t> Repository::last_failure(soci::session& sql, const std::string& key) {
    long long at = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(attempted_at) FROM login_attempts WHERE attempt_key = :k AND succeeded = 0",
        soci::use(key), soci::into(at, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return static_cast<std::time_t>(at);
}

void Repository::add_consent(soci::session& sql, long long account, const std::string& what, std::time_t at, std::optional<long long> by) {
    long long when = at, recorder = by.value_or(0);
    soci::indicator by_ind = by ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO consents (account_id, what, given_at, recorded_by) VALUES (:a, :w, :t, :b)",
        soci::use(account, "a"), soci::use(what, "w"), soci::use(when, "t"), soci::use(recorder, by_ind, "b");
}

std::vector<Consent> Repository::consents(soci::session& sql, long long account) {
    std::vector<Consent> out;
    Consent row;
    long long at = 0, by = 0;
    soci::indicator by_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT what, given_at, recorded_by FROM consents WHERE account_id = :a ORDER BY id",
                          soci::into(row.what), soci::into(at), soci::into(by, by_ind), soci::use(account));
    st.execute();
    while (st.fetch()) {
        Consent copy = row;
        copy.given_at = static_cast<std::time_t>(at);
        if (by_ind == soci::i_ok) copy.recorded_by = by;
        out.push_back(std::move(copy));
    }
    return out;
}

void Repository::audit(soci::session& sql, std::time_t at, std::optional<long long> actor, const std::string& action,
                       const std::string& subject_kind, const std::string& subject, const std::string& details) {
    long long when = at, who = actor.value_or(0);
    soci::indicator who_ind = actor ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO audit_log (at, actor_id, action, subject_kind, subject, details) VALUES (:t, :a, :ac, :k, :s, :d)",
        soci::use(when, "t"), soci::use(who, who_ind, "a"), soci::use(action, "ac"), soci::use(subject_kind, "k"),
        soci::use(subject, "s"), soci::use(details, "d");
}

namespace {
std::vector<AuditEntry> select_audit(soci::session& sql, const std::string& where, long long account, int limit) {
    std::vector<AuditEntry> out;
    AuditEntry row;
    long long at = 0, actor = 0;
    soci::indicator actor_ind = soci::i_null, name_ind = soci::i_null;
    std::string name;
    const std::string subject = std::to_string(account);  // bound by reference: must outlive st
    soci::statement st = (sql.prepare << "SELECT l.id, l.at, l.actor_id, a.display_name, l.action, l.subject_kind, "
                                         "l.subject, l.details "
                                         "FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id " + where +
                                         " ORDER BY l.id DESC LIMIT :limit",
                          soci::into(row.id), soci::into(at), soci::into(actor, actor_ind),
                          soci::into(name, name_ind), soci::into(row.action), soci::into(row.subject_kind),
                          soci::into(row.subject),
                          soci::into(row.details));
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
        copy.actor_name = name_ind == soci::i_ok ? name : "";
        out.push_back(std::move(copy));
    }
    return out;
}
}  // namespace

std::vector<AuditEntry> Repository::audit_log(soci::session& sql, int limit) {
    return select_audit(sql, "", 0, limit);
}

std::vector<AuditEntry> Repository::audit_about(soci::session& sql, long long account) {
    return select_audit(sql, "WHERE l.actor_id = :account OR (l.subject_kind = 'account' AND l.subject = :subject)",
                        account, 10000);
}

long long Repository::purge(soci::session& sql, std::time_t now, long long attempts_days, long long outbox_days,
                            long long unconfirmed_days) {
    const long long day = 86400, at = now;
    long long attempts_before = at - attempts_days * day, outbox_before = at - outbox_days * day,
              unconfirmed_before = at - unconfirmed_days * day;
    long long removed = 0;
    auto count = [&](const std::string& query, long long value) {
        soci::statement st = (sql.prepare << query, soci::use(value));
        st.execute(true);
        removed += st.get_affected_rows();
    };
    count("DELETE FROM login_attempts WHERE attempted_at < :t", attempts_before);
    count("DELETE FROM sessions WHERE expires_at < :t", at);
    count("DELETE FROM one_time_tokens WHERE expires_at < :t", at);
    count("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < :t", outbox_before);
    // Sign-ups never confirmed (and not registered by staff) are let go, as a deletion would.
    std::vector<long long> unconfirmed(1000);
    sql << "SELECT id FROM accounts WHERE confirmed_at IS NULL AND assisted_by IS NULL AND deleted_at IS NULL "
           "AND created_at < :t",
        soci::use(unconfirmed_before), soci::into(unconfirmed);
    for (long long id : unconfirmed) {
        erase(sql, id, now);
        ++removed;
    }
    return removed;
}

}  // namespace skirosim::accounts
