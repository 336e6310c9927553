// All SQL of accounts, roles, sessions, single-use links, log-in attempts and consents.
#pragma once

#include <soci/soci.h>

#include "accounts/model.hpp"
#include "storage/database.hpp"

namespace skirosim::accounts {

class Repository {
public:
    static std::optional<Account> find(soci::session& sql, long long id);
    static std::optional<Account> find_by_login(soci::session& sql, const std::string& login);
    static long long insert(soci::session& sql, const Account& account, storage::Backend backend);
    static void set_confirmed(soci::session& sql, long long id, std::time_t at);
    static void set_password(soci::session& sql, long long id, const std::string& hash);
    static void set_language(soci::session& sql, long long id, const std::string& language);
    static void set_login(soci::session& sql, long long id, const std::string& email,
                          const std::string& phone);
    static void set_takeover(soci::session& sql, long long id, const std::string& hash,
                             std::time_t expires);
    // The assisted account, not yet taken over, whose open take-over code has this hash.
    static std::optional<long long> takeover_account(soci::session& sql, const std::string& hash,
                                                     std::time_t now);
    // The same, and the code is used up.
    static std::optional<long long> use_takeover(soci::session& sql, const std::string& hash,
                                                 std::time_t now);
    static std::vector<Account> list(soci::session& sql, int limit);
    static std::vector<Account> assisted_by(soci::session& sql, long long staff_id);
    // Clears everything about the person and keeps an empty row, so that the id is never reused.
    static void erase(soci::session& sql, long long id, std::time_t at);

    static std::vector<RoleGrant> roles(soci::session& sql, long long id);
    static bool grant(soci::session& sql, long long id, const RoleGrant& grant,
                      std::optional<long long> by, std::time_t at);
    static bool revoke(soci::session& sql, long long id, const RoleGrant& grant);

    static void insert_session(soci::session& sql, const std::string& hash, long long account,
                               std::time_t now, std::time_t expires);
    static std::optional<long long> session_account(soci::session& sql, const std::string& hash,
                                                    std::time_t now);
    static void delete_session(soci::session& sql, const std::string& hash);
    static void delete_sessions(soci::session& sql, long long account);
    struct SessionTimes {
        std::time_t created_at = 0, expires_at = 0, last_seen_at = 0;
    };
    static std::vector<SessionTimes> sessions_of(soci::session& sql, long long account);
    // Sliding expiry: a session seen before `stale` is seen now and lives until `until`.
    static void slide_session(soci::session& sql, const std::string& hash, std::time_t now,
                              std::time_t until, std::time_t stale);

    static void insert_token(soci::session& sql, const std::string& hash, long long account,
                             const std::string& purpose, std::time_t expires);
    // Marks a valid, unused token of that purpose as used and returns its account.
    static std::optional<long long> use_token(soci::session& sql, const std::string& hash,
                                              const std::string& purpose, std::time_t now);
    // The account of a valid, unused token, without using it.
    static std::optional<long long> token_account(soci::session& sql, const std::string& hash,
                                                  const std::string& purpose, std::time_t now);
    // Every unused token of that purpose stops working (a newer one replaces them).
    static void revoke_tokens(soci::session& sql, long long account, const std::string& purpose,
                              std::time_t now);

    static void record_attempt(soci::session& sql, const std::string& key, std::time_t at,
                               bool succeeded);
    // Failures for a key within the window (and since its last success, if successes reset it).
    static int recent_failures(soci::session& sql, const std::string& key, std::time_t since,
                               bool success_resets);
    static std::optional<std::time_t> last_failure(soci::session& sql, const std::string& key);
    // Every attempt for a key (time, succeeded), oldest first; and forgetting them.
    static std::vector<std::pair<std::time_t, bool>> attempts_of(soci::session& sql,
                                                                 const std::string& key);
    static void forget_attempts(soci::session& sql, const std::string& key);

    static void add_consent(soci::session& sql, long long account, const std::string& what,
                            std::time_t at, std::optional<long long> by);
    static std::vector<Consent> consents(soci::session& sql, long long account);

    // Retention: removes what no purpose needs any more; returns how many rows went.
    static long long purge(soci::session& sql, std::time_t now, long long attempts_days,
                           long long unconfirmed_days);
};

}  // namespace skirosim::accounts
