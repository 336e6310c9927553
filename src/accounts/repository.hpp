// All SQL of accounts, sessions, tokens, the outbox, log-in attempts, consents and the audit log.
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
    static void set_login(soci::session& sql, long long id, const std::string& email, const std::string& phone);
    static void set_takeover(soci::session& sql, long long id, const std::string& hash, std::time_t expires);
    static std::optional<long long> use_takeover(soci::session& sql, const std::string& hash, std::time_t now);
    static std::vector<Account> list(soci::session& sql, int limit);
    static std::vector<Account> assisted_by(soci::session& sql, long long staff_id);
    static void erase(soci::session& sql, long long id);

    static std::vector<RoleGrant> roles(soci::session& sql, long long id);
    static bool grant(soci::session& sql, long long id, const RoleGrant& grant, std::optional<long long> by, std::time_t at);
    static bool revoke(soci::session& sql, long long id, const RoleGrant& grant);

    static void insert_session(soci::session& sql, const std::string& hash, long long account, std::time_t now, std::time_t expires);
    static std::optional<long long> session_account(soci::session& sql, const std::string& hash, std::time_t now);
    static void extend_session(soci::session& sql, const std::string& hash, std::time_t now, std::time_t expires);
    static void delete_session(soci::session& sql, const std::string& hash);
    static void delete_sessions(soci::session& sql, long long account);
    static int count_sessions(soci::session& sql, long long account, std::time_t now);

    static void insert_token(soci::session& sql, const std::string& hash, long long account, const std::string& purpose, std::time_t expires);
    // Marks a valid, unused token of that purpose as used and returns its account.
    static std::optional<long long> use_token(soci::session& sql, const std::string& hash, const std::string& purpose, std::time_t now);

    static void enqueue(soci::session& sql, const OutboxMessage& message);
    static std::vector<OutboxMessage> outbox(soci::session& sql, int limit);
    static std::vector<OutboxMessage> outbox_for(soci::session& sql, const std::string& recipient);
    static void mark_sent(soci::session& sql, long long id, std::time_t at);
    static void mark_failed(soci::session& sql, long long id, const std::string& error);
    static std::vector<OutboxMessage> unsent(soci::session& sql, int limit);

    static void record_attempt(soci::session& sql, const std::string& key, std::time_t at, bool succeeded);
    // Failures for a key since its last success and within the window.
    static int recent_failures(soci::session& sql, const std::string& key, std::time_t since);
    static std::optional<std::time_t> last_failure(soci::session& sql, const std::string& key);

    static void add_consent(soci::session& sql, long long account, const std::string& what, std::time_t at, std::optional<long long> by);
    static std::vector<Consent> consents(soci::session& sql, long long account);

    static void audit(soci::session& sql, std::time_t at, std::optional<long long> actor, const std::string& action,
                      const std::string& subject, const std::string& details);
    static std::vector<AuditEntry> audit_log(soci::session& sql, int limit);
    static std::vector<AuditEntry> audit_about(soci::session& sql, long long account);

    // Retention: removes what no purpose needs any more; returns how many rows went.
    static long long purge(soci::session& sql, std::time_t now, long long attempts_days, long long outbox_days,
                           long long unconfirmed_days);
};

}  // namespace skirosim::accounts
