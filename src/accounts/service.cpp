// Account rules.
#include "accounts/service.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <thread>

#include "accounts/crypto.hpp"
#include "accounts/repository.hpp"
#include "core/ids.hpp"
#include "core/utf8.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"

namespace skirosim::accounts {

namespace json = boost::json;

namespace {

constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 200;
constexpr const char* kConfirm = "confirm";
constexpr const char* kReset = "reset";

Error invalid(std::string message, std::string field = {}, std::vector<std::string> args = {}) {
    return Error::make(ErrorCode::invalid_input, std::move(message), std::move(args),
                       std::move(field));
}

// A role the code knows; staff with an institution, other roles without.
Result<void> check_grant(const RoleGrant& role) {
    static const std::vector<std::string> kRoles{roles::kResident, roles::kStaff,
                                                 roles::kCoordinator, roles::kAdministrator};
    if (std::find(kRoles.begin(), kRoles.end(), role.role) == kRoles.end()) {
        return std::unexpected(invalid("Unknown role.", "role"));
    }
    if ((role.role == roles::kStaff) != !role.institution.empty()) {
        return std::unexpected(
            invalid("Staff belong to an institution; other roles do not.", "institution"));
    }
    return {};
}

Error forbidden() { return not_allowed(); }

Result<void> check_password(const std::string& password) {
    if (password.size() < kMinPassword)
        return std::unexpected(
            invalid("The password must have at least 8 characters.", "password"));
    if (password.size() > kMaxPassword)
        return std::unexpected(invalid("The password is too long.", "password"));
    return {};
}

Result<std::string> check_name(const std::string& name) {
    auto first = name.find_first_not_of(" \t");
    if (first == std::string::npos)
        return std::unexpected(invalid("Please write your name.", "display_name"));
    std::string trimmed = name.substr(first, name.find_last_not_of(" \t") - first + 1);
    if (trimmed.size() > 80)
        return std::unexpected(invalid("The name is too long.", "display_name"));
    return trimmed;
}

Result<std::string> check_language(const std::string& language) {
    if (!parse_language(language))
        return std::unexpected(invalid("Please choose a language.", "language"));
    return language;
}

json::value optional_time(const std::optional<std::time_t>& t) {
    return t ? json::value(static_cast<std::int64_t>(*t)) : json::value(nullptr);
}

}  // namespace

static unsigned hashes_at_once(const Settings& settings) {
    if (settings.password_hashes_at_once > 0) return settings.password_hashes_at_once;
    return std::max(1u, std::thread::hardware_concurrency() / 2);
}

Service::Service(const platform::Platform& platform, Settings settings, MessageWriter writer,
                 Institutions institutions)
    : db_(platform.database()),
      platform_(platform),
      people_(platform.people()),
      settings_(std::move(settings)),
      writer_(std::move(writer)),
      institutions_(std::move(institutions)),
      hasher_(settings_.password_cost, hashes_at_once(settings_),
              settings_.password_hashes_waiting) {
    auto key = db_.transaction<std::string>([](soci::session& sql) -> Result<std::string> {
        return platform::Secrets::get(sql, "csrf", new_key());
    });
    if (!key)
        throw std::runtime_error("cannot read the installation's keys: " + key.error().message);
    csrf_key_ = *key;
}

std::time_t Service::now() const { return platform_.now(); }

Result<std::pair<std::string, std::string>> Service::normalise_login(const std::string& text) {
    std::string s;
    for (char c : text) {
        if (c != ' ' && c != '\t') s += c;
    }
    if (s.find('@') != std::string::npos) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        const auto at = s.find('@');
        if (at == 0 || at + 1 >= s.size() || s.find('.', at) == std::string::npos ||
            s.size() > 200 || s.find('@', at + 1) != std::string::npos || !is_valid_utf8(s)) {
            return std::unexpected(invalid("This does not look like an e-mail address.", "login"));
        }
        return std::pair{s, std::string()};
    }
    std::string digits;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c != '+' && c != '-' && c != '(' && c != ')') {
            return std::unexpected(invalid("Write an e-mail address or a phone number.", "login"));
        }
    }
    if (digits.size() == 8) digits = "371" + digits;  // a Latvian number without the country code
    if (digits.size() < 10 || digits.size() > 15) {
        return std::unexpected(invalid("Write an e-mail address or a phone number.", "login"));
    }
    return std::pair{std::string(), "+" + digits};
}

void Service::send(soci::session& sql, const Account& account, const std::string& purpose,
                   const std::string& link) {
    auto [subject, body] = writer_.write(account.language, purpose, link);
    platform::Outbox::send(sql, account.login(), subject, body, now());
}

Result<Session> Service::open_session(soci::session& sql, long long account_id) {
    Session session{random_token(), account_id};
    Repository::insert_session(sql, token_hash(session.token), account_id, now(),
                               now() + settings_.session_lifetime.count());
    return session;
}

Result<void> Service::sign_up(const SignUp& form, const std::string& language,
                              const std::string& address) {
    if (!form.is_13_or_older) {
        return std::unexpected(invalid(
            "Accounts are for people aged 13 or older. Children take part with their family, "
            "their preschool group or a teacher.",
            "age"));
    }
    auto login = normalise_login(form.login);
    if (!login) return std::unexpected(login.error());
    auto name = check_name(form.display_name);
    if (!name) return std::unexpected(name.error());
    if (auto ok = check_password(form.password); !ok) return ok;
    auto lang = check_language(form.language.empty() ? language : form.language);
    if (!lang) return std::unexpected(lang.error());
    // The cheap check before the costly hash: sign-ups from one address are limited.
    auto allowed = db_.transaction<bool>([&](soci::session& sql) -> Result<bool> {
        return storage::take(sql, "sign-up:" + address, settings_.sign_ups_per_address, now());
    });
    if (!allowed) return std::unexpected(allowed.error());
    if (!*allowed) {
        return std::unexpected(Error::make(
            ErrorCode::too_many_requests,
            "Several accounts were made from here in the last hour. Please try again later."));
    }
    auto hash = hasher_.hash(form.password);
    if (!hash) return std::unexpected(hash.error());
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        const std::string& key = login->first.empty() ? login->second : login->first;
        if (auto existing = Repository::find_by_login(sql, key)) {
            // Tell the owner, not the one who typed it.
            send(sql, *existing, "already-registered",
                 platform_.public_url() + "/" + existing->language + "/password/forgot");
            return {};
        }
        Account account;
        account.email = login->first;
        account.phone = login->second;
        account.password_hash = *hash;
        account.display_name = *name;
        account.language = *lang;
        account.created_at = now();
        account.id = Repository::insert(sql, account, db_.backend());
        Repository::grant(sql, account.id, {roles::kResident, ""}, std::nullopt, now());
        const std::string token = random_token();
        Repository::insert_token(sql, token_hash(token), account.id, kConfirm,
                                 now() + settings_.confirm_lifetime.count());
        send(sql, account, kConfirm,
             platform_.public_url() + "/" + account.language + "/confirm?token=" + token);
        platform::AuditLog::record(sql, now(), account.id, "account.sign-up", "account",
                                   std::to_string(account.id), "");
        return {};
    });
}

Result<Session> Service::confirm(const std::string& token) {
    return db_.transaction<Session>([&](soci::session& sql) -> Result<Session> {
        auto account = Repository::use_token(sql, token_hash(token), kConfirm, now());
        if (!account) return std::unexpected(invalid("This link has expired or was already used."));
        Repository::set_confirmed(sql, *account, now());
        return open_session(sql, *account);
    });
}

Result<Session> Service::log_in(const std::string& login_text, const std::string& password,
                                const std::string& address) {
    const Error wrong = invalid("The e-mail, phone number or password is not right.");
    auto login = normalise_login(login_text);
    const std::string key =
        login ? (login->first.empty() ? login->second : login->first) : login_text;
    const std::string account_key = "login:" + key, address_key = "address:" + address;
    // Growing delays: after a few failures, each further one doubles the wait (at most an hour).
    // An account's failures count from its last successful log-in (its owner got in); an
    // address's do not, or an attacker could reset them by logging in to an account of their own.
    auto delay_for = [&](soci::session& sql, const std::string& k, int allowed,
                         bool success_resets) -> long long {
        const int failures = Repository::recent_failures(sql, k, now() - 3600, success_resets);
        if (failures < allowed) return 0;
        const long long wait = std::min<long long>(3600, 30LL << std::min(failures - allowed, 7));
        auto last = Repository::last_failure(sql, k);
        return last ? std::max<long long>(0, *last + wait - now()) : 0;
    };
    auto limited = db_.read<long long>([&](soci::session& sql) -> Result<long long> {
        return std::max(
            delay_for(sql, account_key, settings_.account_failures_before_delay, true),
            delay_for(sql, address_key, settings_.address_failures_before_delay, false));
    });
    if (!limited) return std::unexpected(limited.error());
    if (*limited > 0) {
        spdlog::warn("log-in refused: too many failures (from {})", address);
        const long long minutes = (*limited + 59) / 60;
        return std::unexpected(Error::make(ErrorCode::too_many_requests,
                                           "Too many attempts. Please wait {1} min and try again.",
                                           {std::to_string(minutes)}));
    }
    auto account =
        db_.read<std::optional<Account>>([&](soci::session& sql) -> Result<std::optional<Account>> {
            return Repository::find_by_login(sql, key);
        });
    if (!account) return std::unexpected(account.error());
    // The same work whether the account exists or not, so that timing tells nothing.
    auto verified = hasher_.verify(*account ? (*account)->password_hash : std::string(), password);
    if (!verified) return std::unexpected(verified.error());
    const bool right = *verified && *account;
    // The attempt is recorded in a transaction of its own: a failure must be kept although the
    // log-in itself answers with an error.
    auto recorded = db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::record_attempt(sql, account_key, now(), right);
        Repository::record_attempt(sql, address_key, now(), right);
        return {};
    });
    if (!recorded) return std::unexpected(recorded.error());
    if (!right) {
        if (*account)
            spdlog::warn("log-in failed for account {} from {}", (*account)->id, address);
        else
            spdlog::warn("log-in failed for an unknown login from {}", address);
        return std::unexpected(wrong);
    }
    auto session = db_.transaction<Session>([&](soci::session& sql) -> Result<Session> {
        const Account& a = **account;
        if (!a.confirmed()) {
            const std::string token = random_token();
            Repository::insert_token(sql, token_hash(token), a.id, kConfirm,
                                     now() + settings_.confirm_lifetime.count());
            send(sql, a, kConfirm,
                 platform_.public_url() + "/" + a.language + "/confirm?token=" + token);
            return Session{};  // no session: the caller is told to confirm first
        }
        return open_session(sql, a.id);
    });
    if (session && session->token.empty()) {
        return std::unexpected(
            invalid("Please confirm your account first: we have sent the link again."));
    }
    return session;
}

void Service::log_out(const std::string& session_token) {
    (void)db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::delete_session(sql, token_hash(session_token));
        return {};
    });
}

Result<void> Service::log_out_everywhere(long long account_id) {
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::delete_sessions(sql, account_id);
        platform::AuditLog::record(sql, now(), account_id, "account.log-out-everywhere", "account",
                                   std::to_string(account_id), "");
        return {};
    });
}

Result<void> Service::forgot_password(const std::string& login_text, const std::string& language) {
    auto login = normalise_login(login_text);
    if (!login) return std::unexpected(login.error());
    (void)language;
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        auto account =
            Repository::find_by_login(sql, login->first.empty() ? login->second : login->first);
        if (!account) return {};
        // A few links an hour at most (each is a message to the owner), and only the newest works.
        if (!storage::take(sql, "reset:" + std::to_string(account->id),
                           settings_.reset_links_per_account, now())) {
            spdlog::warn("reset link for account {} not sent: the hour's limit is reached",
                         account->id);
            return {};
        }
        Repository::revoke_tokens(sql, account->id, kReset, now());
        const std::string token = random_token();
        Repository::insert_token(sql, token_hash(token), account->id, kReset,
                                 now() + settings_.reset_lifetime.count());
        send(sql, *account, kReset,
             platform_.public_url() + "/" + account->language + "/password/reset?token=" + token);
        return {};
    });
}

Result<Session> Service::reset_password(const std::string& token, const std::string& password) {
    if (auto ok = check_password(password); !ok) return std::unexpected(ok.error());
    const Error expired = invalid("This link has expired or was already used.");
    // The link is looked at before the costly hash is made.
    auto valid = db_.read<bool>([&](soci::session& sql) -> Result<bool> {
        return Repository::token_account(sql, token_hash(token), kReset, now()).has_value();
    });
    if (!valid) return std::unexpected(valid.error());
    if (!*valid) return std::unexpected(expired);
    auto hash = hasher_.hash(password);
    if (!hash) return std::unexpected(hash.error());
    return db_.transaction<Session>([&](soci::session& sql) -> Result<Session> {
        auto account = Repository::use_token(sql, token_hash(token), kReset, now());
        if (!account) return std::unexpected(expired);
        Repository::set_password(sql, *account, *hash);
        Repository::set_confirmed(sql, *account, now());  // the link proves the address
        Repository::delete_sessions(sql, *account);       // a reset ends every other session
        platform::AuditLog::record(sql, now(), *account, "account.password-reset", "account",
                                   std::to_string(*account), "");
        return open_session(sql, *account);
    });
}

std::optional<Principal> Service::principal(const std::string& session_token) {
    if (session_token.empty() || session_token.size() > 100) return std::nullopt;
    const std::string hash = token_hash(session_token);
    auto result = db_.read<std::optional<Principal>>(
        [&](soci::session& sql) -> Result<std::optional<Principal>> {
            auto account_id = Repository::session_account(sql, hash, now());
            if (!account_id) return std::optional<Principal>{};
            auto account = Repository::find(sql, *account_id);
            if (!account) return std::optional<Principal>{};
            Principal p;
            p.account_id = account->id;
            p.display_name = account->display_name;
            p.language = parse_language(account->language).value_or(kDefaultLanguage);
            p.roles = Repository::roles(sql, account->id);
            return std::optional<Principal>{std::move(p)};
        });
    if (!result || !*result) return std::nullopt;
    // Sliding expiry: a session in use stays open, at most one write a day.
    (void)db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::slide_session(sql, hash, now(), now() + settings_.session_lifetime.count(),
                                  now() - 86400);
        return {};
    });
    return *result;
}

Result<Account> Service::account(long long id) {
    auto found =
        db_.read<std::optional<Account>>([&](soci::session& sql) -> Result<std::optional<Account>> {
            return Repository::find(sql, id);
        });
    if (!found) return std::unexpected(found.error());
    if (!*found) return std::unexpected(not_found());
    return **found;
}

Result<void> Service::set_language(long long id, const std::string& language) {
    auto lang = check_language(language);
    if (!lang) return std::unexpected(lang.error());
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::set_language(sql, id, *lang);
        return {};
    });
}

Result<std::pair<Account, std::string>> Service::register_assisted(const Principal& staff,
                                                                   const std::string& display_name,
                                                                   const std::string& language,
                                                                   const std::string& consent) {
    if (!staff.staff()) return std::unexpected(forbidden());
    auto name = check_name(display_name);
    if (!name) return std::unexpected(name.error());
    auto lang = check_language(language);
    if (!lang) return std::unexpected(lang.error());
    if (consent.find_first_not_of(" \t") == std::string::npos) {
        return std::unexpected(invalid("Write down what the resident agreed to.", "consent"));
    }
    const std::string code = random_code();
    return db_.transaction<std::pair<Account, std::string>>(
        [&](soci::session& sql) -> Result<std::pair<Account, std::string>> {
            Account account;
            account.display_name = *name;
            account.language = *lang;
            account.created_at = now();
            account.confirmed_at = now();
            account.assisted_by = staff.account_id;
            account.id = Repository::insert(sql, account, db_.backend());
            Repository::grant(sql, account.id, {roles::kResident, ""}, staff.account_id, now());
            Repository::add_consent(sql, account.id, consent, now(), staff.account_id);
            Repository::set_takeover(sql, account.id, token_hash(code),
                                     now() + settings_.takeover_lifetime.count());
            platform::AuditLog::record(sql, now(), staff.account_id,
                                       "account.assisted-registration", "account",
                                       std::to_string(account.id), consent);
            return std::pair{account, code};
        });
}

Result<std::string> Service::new_takeover_code(const Principal& staff, long long resident) {
    const std::string code = random_code();
    return db_.transaction<std::string>([&](soci::session& sql) -> Result<std::string> {
        auto account = Repository::find(sql, resident);
        // Only for an assisted account whose owner has not taken it over yet, and only by the
        // staff member who keeps it: a code replaces the account's login and password.
        if (!account || !staff.staff() || account->assisted_by != staff.account_id)
            return std::unexpected(forbidden());
        if (!account->login().empty()) {
            return std::unexpected(
                invalid("This resident already uses the account with their own login."));
        }
        Repository::set_takeover(sql, resident, token_hash(code),
                                 now() + settings_.takeover_lifetime.count());
        platform::AuditLog::record(sql, now(), staff.account_id, "account.takeover-code", "account",
                                   std::to_string(resident), "");
        return code;
    });
}

Result<std::vector<Account>> Service::residents_of(const Principal& staff) {
    if (!staff.staff()) return std::unexpected(forbidden());
    return db_.read<std::vector<Account>>([&](soci::session& sql) -> Result<std::vector<Account>> {
        return Repository::assisted_by(sql, staff.account_id);
    });
}

Result<Session> Service::take_over(const std::string& code, const std::string& login_text,
                                   const std::string& password, const std::string& address) {
    auto login = normalise_login(login_text);
    if (!login) return std::unexpected(login.error());
    if (auto ok = check_password(password); !ok) return std::unexpected(ok.error());
    std::string digits;
    for (char c : code) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    const std::string address_key = "takeover-failure:" + address,
                      everywhere_key = "takeover-failure:*";
    const Error wrong_code =
        invalid("This code is not right or has expired. Ask the staff for a new one.", "code");
    // Cheap things first: the limits, then the code; the costly hash only for a code that works.
    auto open = db_.read<std::optional<long long>>(
        [&](soci::session& sql) -> Result<std::optional<long long>> {
            const auto per_address = settings_.takeover_failures_per_address;
            const auto everywhere = settings_.takeover_failures_everywhere;
            if (storage::recent_events(sql, address_key, now() - per_address.window.count()) >=
                    per_address.events ||
                storage::recent_events(sql, everywhere_key, now() - everywhere.window.count()) >=
                    everywhere.events) {
                return std::unexpected(
                    Error::make(ErrorCode::too_many_requests,
                                "Too many attempts. Please wait {1} min and try again.",
                                {std::to_string(per_address.window.count() / 60)}));
            }
            return Repository::takeover_account(sql, token_hash(digits), now());
        });
    if (!open) return std::unexpected(open.error());
    if (!*open) {
        // Kept in a transaction of its own: the answer is an error, the count must stay.
        (void)db_.transaction<void>([&](soci::session& sql) -> Result<void> {
            storage::record_event(sql, address_key, now());
            storage::record_event(sql, everywhere_key, now());
            return {};
        });
        spdlog::warn("take-over refused: a wrong code from {}", address);
        return std::unexpected(wrong_code);
    }
    auto hash = hasher_.hash(password);
    if (!hash) return std::unexpected(hash.error());
    return db_.transaction<Session>([&](soci::session& sql) -> Result<Session> {
        auto account = Repository::use_takeover(sql, token_hash(digits), now());
        if (!account) return std::unexpected(wrong_code);
        const std::string& key = login->first.empty() ? login->second : login->first;
        if (auto other = Repository::find_by_login(sql, key); other && other->id != *account) {
            return std::unexpected(
                invalid("Another account uses this e-mail or phone number.", "login"));
        }
        Repository::set_login(sql, *account, login->first, login->second);
        Repository::set_password(sql, *account, *hash);
        // Whoever was signed in to it before (staff acting for the resident) is signed out.
        Repository::delete_sessions(sql, *account);
        platform::AuditLog::record(sql, now(), *account, "account.take-over", "account",
                                   std::to_string(*account), "");
        return open_session(sql, *account);
    });
}

std::string Service::institution_name(const std::string& id, Language language) const {
    if (id.empty()) return "";
    return institutions_.name(id, language).value_or("");
}

Result<void> Service::grant(const Principal& admin, long long account, const RoleGrant& role) {
    if (!admin.administrator()) return std::unexpected(forbidden());
    if (auto ok = check_grant(role); !ok) return std::unexpected(ok.error());
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        if (!Repository::find(sql, account)) return std::unexpected(not_found());
        if (!role.institution.empty() && !institutions_.name(role.institution, Language::lv)) {
            return std::unexpected(
                invalid("Unknown institution: {1}.", "institution", {role.institution}));
        }
        if (Repository::grant(sql, account, role, admin.account_id, now())) {
            platform::AuditLog::record(
                sql, now(), admin.account_id, "role.grant", "account", std::to_string(account),
                role.role + (role.institution.empty() ? "" : "@" + role.institution));
        }
        return {};
    });
}

Result<void> Service::revoke(const Principal& admin, long long account, const RoleGrant& role) {
    if (!admin.administrator()) return std::unexpected(forbidden());
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        if (Repository::revoke(sql, account, role)) {
            platform::AuditLog::record(
                sql, now(), admin.account_id, "role.revoke", "account", std::to_string(account),
                role.role + (role.institution.empty() ? "" : "@" + role.institution));
        }
        return {};
    });
}

Result<std::vector<std::pair<Account, std::vector<RoleGrant>>>> Service::accounts(
    const Principal& admin) {
    if (!admin.administrator()) return std::unexpected(forbidden());
    using Rows = std::vector<std::pair<Account, std::vector<RoleGrant>>>;
    return db_.read<Rows>([&](soci::session& sql) -> Result<Rows> {
        Rows rows;
        for (auto& account : Repository::list(sql, 500)) {
            auto grants = Repository::roles(sql, account.id);
            rows.emplace_back(std::move(account), std::move(grants));
        }
        return rows;
    });
}

Result<std::vector<AuditLine>> Service::audit_log(const Principal& viewer) {
    if (!viewer.administrator() && !viewer.coordinator()) return std::unexpected(forbidden());
    return db_.read<std::vector<AuditLine>>(
        [&](soci::session& sql) -> Result<std::vector<AuditLine>> {
            std::vector<AuditLine> lines;
            for (auto& entry : platform::AuditLog::newest(sql, 300)) {
                std::string name;
                if (entry.actor) {
                    if (auto actor = Repository::find(sql, *entry.actor))
                        name = actor->display_name;
                }
                std::string subject_name;
                const auto subject_id = parse_id(entry.subject);
                if (entry.subject_kind == "account" && subject_id) {
                    if (auto subject = Repository::find(sql, *subject_id))
                        subject_name = subject->display_name;
                }
                lines.push_back({std::move(entry), std::move(name), std::move(subject_name)});
            }
            return lines;
        });
}

Result<std::vector<platform::OutboxMessage>> Service::outbox(const Principal& viewer) {
    if (!viewer.administrator() && !viewer.coordinator()) return std::unexpected(forbidden());
    return db_.read<std::vector<platform::OutboxMessage>>(
        [&](soci::session& sql) -> Result<std::vector<platform::OutboxMessage>> {
            return platform::Outbox::newest(sql, 200);
        });
}

void Service::export_own(soci::session& sql, long long account_id, json::object& into) const {
    auto account = Repository::find(sql, account_id);
    if (!account) return;
    json::array roles, consents, sessions, messages, audit, attempts;
    for (const auto& g : Repository::roles(sql, account_id)) {
        roles.push_back(json::object{{"role", g.role}, {"institution", g.institution}});
    }
    for (const auto& c : Repository::consents(sql, account_id)) {
        consents.push_back(json::object{
            {"what", c.what},
            {"given_at", static_cast<std::int64_t>(c.given_at)},
            {"recorded_by", c.recorded_by ? json::value(*c.recorded_by) : json::value(nullptr)}});
    }
    for (const auto& session : Repository::sessions_of(sql, account_id)) {
        sessions.push_back(
            json::object{{"created_at", static_cast<std::int64_t>(session.created_at)},
                         {"expires_at", static_cast<std::int64_t>(session.expires_at)},
                         {"last_seen_at", static_cast<std::int64_t>(session.last_seen_at)}});
    }
    for (const auto& [at, succeeded] : Repository::attempts_of(sql, "login:" + account->login())) {
        attempts.push_back(
            json::object{{"at", static_cast<std::int64_t>(at)}, {"succeeded", succeeded}});
    }
    if (!account->login().empty()) {
        for (const auto& m : platform::Outbox::to_recipient(sql, account->login())) {
            messages.push_back(json::object{{"subject", m.subject},
                                            {"created_at", static_cast<std::int64_t>(m.created_at)},
                                            {"sent_at", optional_time(m.sent_at)}});
        }
    }
    for (const auto& e : platform::AuditLog::about_account(sql, account_id)) {
        // What the person did to someone else is theirs to see, but not the other's details.
        const bool about_them =
            e.subject_kind == "account" && e.subject == std::to_string(account_id);
        const bool about_another_person = e.subject_kind == "account" && !about_them;
        audit.push_back(json::object{{"at", static_cast<std::int64_t>(e.at)},
                                     {"action", e.action},
                                     {"about", about_them ? "you" : e.subject_kind},
                                     {"details", about_another_person ? "" : e.details}});
    }
    into["account"] = json::object{{"id", account->id},
                                   {"email", account->email},
                                   {"phone", account->phone},
                                   {"display_name", account->display_name},
                                   {"language", account->language},
                                   {"created_at", static_cast<std::int64_t>(account->created_at)},
                                   {"confirmed_at", optional_time(account->confirmed_at)},
                                   {"registered_by_staff", account->assisted_by.has_value()}};
    into["roles"] = roles;
    into["consents"] = consents;
    into["sessions"] = sessions;
    into["log_in_attempts"] = attempts;
    into["messages"] = messages;
    into["activity_log"] = audit;
}

void Service::forget_own(soci::session& sql, long long account_id) const {
    auto account = Repository::find(sql, account_id);
    if (!account) return;
    if (!account->login().empty()) {
        platform::Outbox::forget_recipient(sql, account->login());
        Repository::forget_attempts(sql, "login:" + account->login());
    }
    platform::AuditLog::forget_actor(sql, account_id);
    Repository::erase(sql, account_id, now());
    platform::AuditLog::record(sql, now(), std::nullopt, "account.deleted", "", "", "");
}

Result<json::object> Service::download(long long account_id) {
    return db_.read<json::object>([&](soci::session& sql) -> Result<json::object> {
        if (!Repository::find(sql, account_id)) return std::unexpected(not_found());
        json::object out;
        people_.export_person(sql, account_id, out);
        return out;
    });
}

Result<void> Service::delete_account(long long account_id, const std::string& password) {
    auto account = this->account(account_id);
    if (!account) return std::unexpected(account.error());
    if (!account->password_hash.empty()) {
        auto right = hasher_.verify(account->password_hash, password);
        if (!right) return std::unexpected(right.error());
        if (!*right) return std::unexpected(invalid("The password is not right.", "password"));
    }
    // Every capability forgets the person in this one transaction (this one last).
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        people_.forget_person(sql, account_id);
        return {};
    });
}

Result<long long> Service::purge() {
    return db_.transaction<long long>([&](soci::session& sql) -> Result<long long> {
        return Repository::purge(sql, now(), settings_.keep_login_attempts_days,
                                 settings_.keep_unconfirmed_days);
    });
}

Result<long long> Service::create_confirmed(const std::string& login_text,
                                            const std::string& display_name,
                                            const std::string& password,
                                            const std::string& language,
                                            const std::vector<RoleGrant>& roles) {
    auto login = normalise_login(login_text);
    if (!login) return std::unexpected(login.error());
    auto name = check_name(display_name);
    if (!name) return std::unexpected(name.error());
    if (auto ok = check_password(password); !ok) return std::unexpected(ok.error());
    if (!parse_language(language))
        return std::unexpected(invalid("Please choose a language.", "language"));
    for (const auto& role : roles) {
        if (auto ok = check_grant(role); !ok) return std::unexpected(ok.error());
    }
    auto hash = hasher_.hash(password);
    if (!hash) return std::unexpected(hash.error());
    return db_.transaction<long long>([&](soci::session& sql) -> Result<long long> {
        for (const auto& role : roles) {
            if (!role.institution.empty() && !institutions_.name(role.institution, Language::lv)) {
                return std::unexpected(
                    invalid("Unknown institution: {1}.", "institution", {role.institution}));
            }
        }
        Account account;
        account.email = login->first;
        account.phone = login->second;
        account.password_hash = *hash;
        account.display_name = *name;
        account.language = language;
        account.created_at = now();
        account.confirmed_at = now();
        if (Repository::find_by_login(sql, account.login())) {
            return std::unexpected(
                Error::make(ErrorCode::conflict, "This conflicts with data already saved."));
        }
        account.id = Repository::insert(sql, account, db_.backend());
        Repository::grant(sql, account.id, {roles::kResident, ""}, std::nullopt, now());
        for (const auto& role : roles)
            Repository::grant(sql, account.id, role, std::nullopt, now());
        platform::AuditLog::record(sql, now(), std::nullopt, "account.created-by-command",
                                   "account", std::to_string(account.id), "");
        return account.id;
    });
}

}  // namespace skirosim::accounts
