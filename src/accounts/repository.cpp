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
    soci::statement st =
        (sql.prepare << query, soci::into(row.id), soci::into(row.email), soci::into(row.phone),
         soci::into(row.password_hash), soci::into(row.display_name), soci::into(row.language),
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
    auto rows = select_accounts(sql,
                                std::string("SELECT ") + kAccountColumns +
                                    " FROM accounts WHERE id = :id AND deleted_at IS NULL",
                                [&](soci::statement& st) { st.exchange(soci::use(id)); });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<Account> Repository::find_by_login(soci::session& sql, const std::string& login) {
    auto rows = select_accounts(
        sql,
        std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE email = :a OR phone = :b",
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
        soci::use(confirmed, confirmed_ind, "confirmed"),
        soci::use(assisted, assisted_ind, "assisted"), soci::into(id);
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
    sql << "UPDATE accounts SET language = :l WHERE id = :id", soci::use(language, "l"),
        soci::use(id, "id");
}

void Repository::set_login(soci::session& sql, long long id, const std::string& email,
                           const std::string& phone) {
    soci::indicator email_ind = email.empty() ? soci::i_null : soci::i_ok;
    soci::indicator phone_ind = phone.empty() ? soci::i_null : soci::i_ok;
    sql << "UPDATE accounts SET email = :email, phone = :phone WHERE id = :id",
        soci::use(email, email_ind, "email"), soci::use(phone, phone_ind, "phone"),
        soci::use(id, "id");
}

void Repository::set_takeover(soci::session& sql, long long id, const std::string& hash,
                              std::time_t expires) {
    long long until = expires;
    sql << "UPDATE accounts SET takeover_hash = :h, takeover_expires_at = :e WHERE id = :id",
        soci::use(hash, "h"), soci::use(until, "e"), soci::use(id, "id");
}

std::optional<long long> Repository::takeover_account(soci::session& sql, const std::string& hash,
                                                      std::time_t now) {
    long long id = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT id FROM accounts WHERE takeover_hash = :h AND takeover_expires_at >= :now "
           "AND assisted_by IS NOT NULL AND email IS NULL AND phone IS NULL AND deleted_at IS NULL",
        soci::use(hash, "h"), soci::use(at, "now"), soci::into(id, found);
    if (found != soci::i_ok) return std::nullopt;
    return id;
}

std::optional<long long> Repository::use_takeover(soci::session& sql, const std::string& hash,
                                                  std::time_t now) {
    auto id = takeover_account(sql, hash, now);
    if (!id) return std::nullopt;
    sql << "UPDATE accounts SET takeover_hash = NULL, takeover_expires_at = NULL WHERE id = :id",
        soci::use(*id);
    return id;
}

std::vector<Account> Repository::list(soci::session& sql, int limit) {
    return select_accounts(sql,
                           std::string("SELECT ") + kAccountColumns +
                               " FROM accounts WHERE deleted_at IS NULL ORDER BY id LIMIT :limit",
                           [&](soci::statement& st) { st.exchange(soci::use(limit)); });
}

std::vector<Account> Repository::assisted_by(soci::session& sql, long long staff_id) {
    return select_accounts(
        sql,
        std::string("SELECT ") + kAccountColumns +
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
    sql << "UPDATE accounts SET assisted_by = NULL WHERE assisted_by = :id", soci::use(id);
    tombstone(sql, id, at);
}

std::vector<RoleGrant> Repository::roles(soci::session& sql, long long id) {
    std::vector<RoleGrant> out;
    RoleGrant row;
    soci::statement st =
        (sql.prepare << "SELECT role, institution_id FROM role_grants WHERE account_id = :id "
                        "ORDER BY role, institution_id",
         soci::into(row.role), soci::into(row.institution), soci::use(id));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
}

bool Repository::grant(soci::session& sql, long long id, const RoleGrant& g,
                       std::optional<long long> by, std::time_t at) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM role_grants WHERE account_id = :id AND role = :role AND "
           "institution_id = :inst",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst"),
        soci::into(exists);
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
    sql << "SELECT COUNT(*) FROM role_grants WHERE account_id = :id AND role = :role AND "
           "institution_id = :inst",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst"),
        soci::into(exists);
    if (!exists) return false;
    sql << "DELETE FROM role_grants WHERE account_id = :id AND role = :role AND institution_id = "
           ":inst",
        soci::use(id, "id"), soci::use(g.role, "role"), soci::use(g.institution, "inst");
    return true;
}

void Repository::insert_session(soci::session& sql, const std::string& hash, long long account,
                                std::time_t now, std::time_t expires) {
    long long created = now, until = expires;
    sql << "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at) "
           "VALUES (:h, :a, :c, :e, :c2)",
        soci::use(hash, "h"), soci::use(account, "a"), soci::use(created, "c"),
        soci::use(until, "e"), soci::use(created, "c2");
}

std::optional<long long> Repository::session_account(soci::session& sql, const std::string& hash,
                                                     std::time_t now) {
    long long account = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT account_id FROM sessions WHERE token_hash = :h AND expires_at > :now",
        soci::use(hash, "h"), soci::use(at, "now"), soci::into(account, found);
    if (found != soci::i_ok) return std::nullopt;
    return account;
}

void Repository::delete_session(soci::session& sql, const std::string& hash) {
    sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(hash);
}

void Repository::delete_sessions(soci::session& sql, long long account) {
    sql << "DELETE FROM sessions WHERE account_id = :a", soci::use(account);
}

std::vector<Repository::SessionTimes> Repository::sessions_of(soci::session& sql,
                                                              long long account) {
    std::vector<SessionTimes> out;
    long long created = 0, expires = 0, seen = 0;
    soci::statement st =
        (sql.prepare
             << "SELECT created_at, expires_at, last_seen_at FROM sessions WHERE account_id = :a",
         soci::into(created), soci::into(expires), soci::into(seen), soci::use(account));
    st.execute();
    while (st.fetch())
        out.push_back({static_cast<std::time_t>(created), static_cast<std::time_t>(expires),
                       static_cast<std::time_t>(seen)});
    return out;
}

void Repository::slide_session(soci::session& sql, const std::string& hash, std::time_t now,
                               std::time_t until, std::time_t stale) {
    long long at = now, to = until, before = stale;
    sql << "UPDATE sessions SET last_seen_at = :now, expires_at = :until WHERE token_hash = :h AND "
           "last_seen_at < :stale",
        soci::use(at, "now"), soci::use(to, "until"), soci::use(hash, "h"),
        soci::use(before, "stale");
}

void Repository::insert_token(soci::session& sql, const std::string& hash, long long account,
                              const std::string& purpose, std::time_t expires) {
    long long until = expires;
    sql << "INSERT INTO one_time_tokens (token_hash, account_id, purpose, expires_at) VALUES (:h, "
           ":a, :p, :e)",
        soci::use(hash, "h"), soci::use(account, "a"), soci::use(purpose, "p"),
        soci::use(until, "e");
}

std::optional<long long> Repository::use_token(soci::session& sql, const std::string& hash,
                                               const std::string& purpose, std::time_t now) {
    long long account = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT account_id FROM one_time_tokens WHERE token_hash = :h AND purpose = :p "
           "AND used_at IS NULL AND expires_at > :now",
        soci::use(hash, "h"), soci::use(purpose, "p"), soci::use(at, "now"),
        soci::into(account, found);
    if (found != soci::i_ok) return std::nullopt;
    sql << "UPDATE one_time_tokens SET used_at = :now WHERE token_hash = :h", soci::use(at, "now"),
        soci::use(hash, "h");
    return account;
}

std::optional<long long> Repository::token_account(soci::session& sql, const std::string& hash,
                                                   const std::string& purpose, std::time_t now) {
    long long account = 0, at = now;
    soci::indicator found = soci::i_null;
    sql << "SELECT account_id FROM one_time_tokens WHERE token_hash = :h AND purpose = :p "
           "AND used_at IS NULL AND expires_at > :now",
        soci::use(hash, "h"), soci::use(purpose, "p"), soci::use(at, "now"),
        soci::into(account, found);
    if (found != soci::i_ok) return std::nullopt;
    return account;
}

void Repository::revoke_tokens(soci::session& sql, long long account, const std::string& purpose,
                               std::time_t now) {
    long long at = now;
    sql << "UPDATE one_time_tokens SET used_at = :now WHERE account_id = :a AND purpose = :p AND "
           "used_at IS NULL",
        soci::use(at, "now"), soci::use(account, "a"), soci::use(purpose, "p");
}

void Repository::record_attempt(soci::session& sql, const std::string& key, std::time_t at,
                                bool succeeded) {
    long long when = at;
    int ok = succeeded ? 1 : 0;
    sql << "INSERT INTO login_attempts (attempt_key, attempted_at, succeeded) VALUES (:k, :t, :s)",
        soci::use(key, "k"), soci::use(when, "t"), soci::use(ok, "s");
}

int Repository::recent_failures(soci::session& sql, const std::string& key, std::time_t since,
                                bool success_resets) {
    long long from = since, last_success = 0;
    soci::indicator success_ind = soci::i_null;
    if (success_resets) {
        sql << "SELECT MAX(attempted_at) FROM login_attempts WHERE attempt_key = :k AND succeeded "
               "= 1",
            soci::use(key), soci::into(last_success, success_ind);
        if (success_ind == soci::i_ok && last_success > from) from = last_success;
    }
    int count = 0;
    sql << "SELECT COUNT(*) FROM login_attempts WHERE attempt_key = :k AND succeeded = 0 AND "
           "attempted_at > :t",
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

std::vector<std::pair<std::time_t, bool>> Repository::attempts_of(soci::session& sql,
                                                                  const std::string& key) {
    std::vector<std::pair<std::time_t, bool>> out;
    long long at = 0;
    int ok = 0;
    soci::statement st = (sql.prepare << "SELECT attempted_at, succeeded FROM login_attempts WHERE "
                                         "attempt_key = :k ORDER BY id",
                          soci::into(at), soci::into(ok), soci::use(key));
    st.execute();
    while (st.fetch()) out.emplace_back(static_cast<std::time_t>(at), ok != 0);
    return out;
}

void Repository::forget_attempts(soci::session& sql, const std::string& key) {
    sql << "DELETE FROM login_attempts WHERE attempt_key = :k", soci::use(key);
}

void Repository::add_consent(soci::session& sql, long long account, const std::string& what,
                             std::time_t at, std::optional<long long> by) {
    long long when = at, recorder = by.value_or(0);
    soci::indicator by_ind = by ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO consents (account_id, what, given_at, recorded_by) VALUES (:a, :w, :t, :b)",
        soci::use(account, "a"), soci::use(what, "w"), soci::use(when, "t"),
        soci::use(recorder, by_ind, "b");
}

std::vector<Consent> Repository::consents(soci::session& sql, long long account) {
    std::vector<Consent> out;
    Consent row;
    long long at = 0, by = 0;
    soci::indicator by_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT what, given_at, recorded_by FROM consents WHERE account_id = :a "
                        "ORDER BY id",
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

long long Repository::purge(soci::session& sql, std::time_t now, long long attempts_days,
                            long long unconfirmed_days) {
    const long long day = 86400, at = now;
    long long attempts_before = at - attempts_days * day,
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
    // Sign-ups never confirmed (and not registered by staff) are let go, as a deletion would.
    std::vector<long long> unconfirmed(1000);
    sql << "SELECT id FROM accounts WHERE confirmed_at IS NULL AND assisted_by IS NULL AND "
           "deleted_at IS NULL "
           "AND created_at < :t",
        soci::use(unconfirmed_before), soci::into(unconfirmed);
    for (long long id : unconfirmed) {
        erase(sql, id, now);
        ++removed;
    }
    return removed;
}

}  // namespace skirosim::accounts
