// The rules of accounts: sign-up, confirmation, log-in with guessing protection, sessions,
// password reset, roles and their audit, assisted accounts, data download and erasure.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "accounts/model.hpp"
#include "accounts/passwords.hpp"
#include "core/error.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "platform/platform.hpp"
#include "storage/database.hpp"
#include "storage/rate_limit.hpp"

namespace skirosim::accounts {

// An entry of the audit log with the name of who did it.
struct AuditLine {
    platform::AuditEntry entry;
    std::string actor_name;
    std::string subject_name;  // an account's name when the entry is about one
};

// The partner institutions staff belong to (the site capability knows them).
struct Institutions {
    // The short name of the institution of this id in a language; none when there is none.
    std::function<std::optional<std::string>(const std::string& id, Language language)> name;
    // Every institution as its id and short name in a language, in the data's order.
    std::function<std::vector<std::pair<std::string, std::string>>(Language language)> all;
};

struct Settings {
    std::chrono::seconds session_lifetime{30 * 24 * 3600};
    std::chrono::seconds confirm_lifetime{48 * 3600};
    std::chrono::seconds reset_lifetime{3600};
    std::chrono::seconds takeover_lifetime{30 * 24 * 3600};
    int account_failures_before_delay = 5;
    int address_failures_before_delay = 20;
    // Wrong take-over codes: per address, and from all addresses together (a code is 8 digits
    // and lives for 30 days, so the whole site's guesses are what bounds the chance of a hit).
    storage::Limit takeover_failures_per_address{5, std::chrono::hours(1)};
    storage::Limit takeover_failures_everywhere{60, std::chrono::hours(1)};
    // Sign-ups per address, and reset links per account (each one is a message to someone).
    storage::Limit sign_ups_per_address{10, std::chrono::hours(1)};
    storage::Limit reset_links_per_account{3, std::chrono::hours(1)};
    // Password hashes: their cost, and how many run at once (0: half the cores) and may wait.
    PasswordCost password_cost = PasswordCost::production();
    unsigned password_hashes_at_once = 0;
    unsigned password_hashes_waiting = 4;
    // Retention, in days.
    long long keep_login_attempts_days = 30;
    long long keep_unconfirmed_days = 30;
};

struct SignUp {
    std::string login;  // e-mail or phone number
    std::string password;
    std::string display_name;
    std::string language;
    bool is_13_or_older = false;
};

struct Session {
    std::string token;  // the cookie's value; only its hash is stored
    long long account_id = 0;
};

// Messages are written by the caller in the person's language (the service knows no texts).
struct MessageWriter {
    // (language, purpose, link or code) → subject and body
    std::function<std::pair<std::string, std::string>(const std::string&, const std::string&,
                                                      const std::string&)>
        write;
};

class Service {
public:
    Service(const platform::Platform& platform, Settings settings, MessageWriter writer,
            Institutions institutions);

    // What a person reads for an institution a role names: its short name in their language
    // (empty for a role without one, or an institution no longer in the data).
    std::string institution_name(const std::string& id, Language language) const;
    // An audit entry's subject of another capability ("activity" 12) by name, with its page.
    std::optional<platform::SubjectName> subject_name(std::string_view kind, const std::string& id,
                                                      Language language) const {
        return platform_.subjects().name_subject(kind, id, language);
    }
    // Every institution a staff role may name: its id and short name in a language.
    std::vector<std::pair<std::string, std::string>> institutions(Language language) const {
        return institutions_.all(language);
    }

    const Settings& settings() const { return settings_; }
    // The address in the links of messages (the platform's).
    std::string public_url() const { return platform_.public_url(); }

    // Always "check your messages": whether the login was free or taken is not told (a taken
    // one gets a message saying so instead of a link).
    Result<void> sign_up(const SignUp& form, const std::string& language,
                         const std::string& address);
    Result<Session> confirm(const std::string& token);
    Result<Session> log_in(const std::string& login, const std::string& password,
                           const std::string& address);
    void log_out(const std::string& session_token);
    Result<void> log_out_everywhere(long long account_id);
    // Always succeeds outwardly; sends a link when the login exists.
    Result<void> forgot_password(const std::string& login, const std::string& language);
    Result<Session> reset_password(const std::string& token, const std::string& password);

    // The signed-in person behind a session cookie, with their roles.
    std::optional<Principal> principal(const std::string& session_token);
    Result<Account> account(long long id);
    Result<void> set_language(long long id, const std::string& language);

    // The key that CSRF tokens are made with: the same on every app server (kept in the database).
    const std::string& csrf_key() const { return csrf_key_; }
    PasswordHasher& passwords() { return hasher_; }

    // Staff register a resident who is not online; returns the take-over code to hand over.
    Result<std::pair<Account, std::string>> register_assisted(const Principal& staff,
                                                              const std::string& display_name,
                                                              const std::string& language,
                                                              const std::string& consent);
    // A new code for an assisted account that has not been taken over yet, by the staff member
    // who keeps it; the earlier code stops working.
    Result<std::string> new_takeover_code(const Principal& staff, long long resident);
    Result<std::vector<Account>> residents_of(const Principal& staff);
    // The resident takes the account over with the code: their own login and password. Every
    // session the account had ends; wrong codes are limited per address and for the whole site.
    Result<Session> take_over(const std::string& code, const std::string& login,
                              const std::string& password, const std::string& address);

    // Administrators grant and revoke roles; every change is in the audit log.
    Result<void> grant(const Principal& admin, long long account, const RoleGrant& role);
    Result<void> revoke(const Principal& admin, long long account, const RoleGrant& role);
    Result<std::vector<std::pair<Account, std::vector<RoleGrant>>>> accounts(
        const Principal& admin);
    Result<std::vector<AuditLine>> audit_log(const Principal& viewer);
    Result<std::vector<platform::OutboxMessage>> outbox(const Principal& viewer);

    // GDPR: everything every capability holds about the person, and erasure everywhere.
    Result<boost::json::object> download(long long account_id);
    Result<void> delete_account(long long account_id, const std::string& password);
    // This capability's part of both, inside the caller's transaction.
    void export_own(soci::session& sql, long long account_id, boost::json::object& into) const;
    void forget_own(soci::session& sql, long long account_id) const;

    // Retention job: removes what no purpose needs any more.
    Result<long long> purge();

    // For the CLI: an account with a role, confirmed at once (the first administrator).
    Result<long long> create_confirmed(const std::string& login, const std::string& display_name,
                                       const std::string& password, const std::string& language,
                                       const std::vector<RoleGrant>& roles);

    // "name@example.org" → itself lower-cased; "2612 3456" → "+37126123456"; error otherwise.
    static Result<std::pair<std::string, std::string>> normalise_login(const std::string& text);

private:
    Result<Session> open_session(soci::session& sql, long long account_id);
    void send(soci::session& sql, const Account& account, const std::string& purpose,
              const std::string& link);
    std::time_t now() const;

    storage::Database& db_;
    const platform::Platform& platform_;
    platform::People& people_;
    Settings settings_;
    MessageWriter writer_;
    Institutions institutions_;
    PasswordHasher hasher_;
    std::string csrf_key_;
};

}  // namespace skirosim::accounts
