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
    // The assisted account, not yet taken over, whose open take-over code has this hash.
    static std::optional<long long> takeover_account(soci::session& sql, const std::string& hash, std::time_t now);
    // The same, and the code is used up.
    static std::optional<long long> use_takeover(soci::session& sql, const std::string& hash, std::time_t now);
    static std::vector<Account> list(soci::session& sql, int limit);
    static std::vector<Account> assisted_by(soci::session& sql, long long staff_id);
    // Clears everything about the person and keeps an empty row, so that the id is never reused.
    static void erase(soci::session& sql, long long id, std::time_t at);
    static bool institution_exists(soci::session& sql, const std::string& id);
    // The installation's secret of this name, made (as `fresh`) the first time it is asked for.
    static std::string secret(soci::session& sql, const std::string& name, const std::string& fresh);

    static std::vector<RoleGrant> roles(soci::session& sql, long long id);
    static bool grant(soci::session& sql, long long id, const RoleGrant& grant, std::optional<long long> by, std::time_t at);
    static bool revoke(soci::session& sql, long long id, const RoleGrant& grant);

    static void insert_session(soci::session& sql, const std::string& hash, long long account, std::time_t now, std::time_t expires);
    static std::optional<long long> session_account(soci::session& sql, const std::string& hash, std::time_t now);
    static void extend_session(soci::session& sql, const std::string& hash, std::time_t now, std::time_t expires);
    static void delete_session(soci::session& sql, const std::string& hash);
    static void delete_sessions(soci::session& sql, long long account);

    static void insert_token(soci::session& sql, const std::string& hash, long long account, const std::string& purpose, std::time_t expires);
    // Marks a valid, unused token of that purpose as used and returns its account.
    static std::optional<long long> use_token(soci::session& sql, const std::string& hash, const std::string& purpose, std::time_t now);
    // The account of a valid, unused token, without using it.
    static std::optional<long long> token_account(soci::session& sql, const std::string& hash, const std::string& purpose, std::time_t now);
    // Every unused token of that purpose stops working (a newer one replaces them).
    static void revoke_tokens(soci::session& sql, long long account, const std::string& purpose, std::time_t now);

    static void enqueue(soci::session& sql, const OutboxMessage& message);
    static std::vector<OutboxMessage> outbox(soci::session& sql, int limit);
    static std::vector<OutboxMessage> outbox_for(soci::session& sql, const std::string& recipient);
    static void mark_sent(soci::session& sql, long long id, std::time_t at);
    // A failed try: counted, its reason kept, the next one not before `next_attempt_at`.
    static void mark_failed(soci::session& sql, long long id, const std::string& error, std::time_t next_attempt_at);
    // Unsent messages of these media that are due to be tried, oldest first.
    static std::vector<OutboxMessage> due_messages(soci::session& sql, const std::vector<std::string>& media,
                                                   std::time_t now, int max_attempts, int limit);
    static std::vector<OutboxMessage> unsent(soci::session& sql, int limit);

    static void record_attempt(soci::session& sql, const std::string& key, std::time_t at, bool succeeded);
    // Failures for a key within the window (and since its last success, if successes reset it).
    static int recent_failures(soci::session& sql, const std::string& key, std::time_t since, bool success_resets);
    static std::optional<std::time_t> last_failure(soci::session& sql, const std::string& key);

    static void add_consent(soci::session& sql, long long account, const std::string& what, std::time_t at, std::optional<long long> by);
    static std::vector<Consent> consents(soci::session& sql, long long account);

    // `subject_kind` says what `subject` is an id of: "account", "activity", "report", "item", …
    static void audit(soci::session& sql, std::time_t at, std::optional<long long> actor, const std::string& action,
                      const std::string& subject_kind, const std::string& subject, const std::string& details);
    static std::vector<AuditEntry> audit_log(soci::session& sql, int limit);
    // What the person did, and what was done to their account.
    static std::vector<AuditEntry> audit_about(soci::session& sql, long long account);

    // Retention: removes what no purpose needs any more; returns how many rows went.
    static long long purge(soci::session& sql, std::time_t now, long long attempts_days, long long outbox_days,
                           long long unconfirmed_days);
};

}  // namespace skirosim::accounts
