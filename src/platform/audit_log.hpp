// The audit log: who did what to which thing, when. Written in the transaction of the change.
#pragma once

#include <soci/soci.h>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace skirosim::platform {

struct AuditEntry {
    long long id = 0;
    std::time_t at = 0;
    std::optional<long long> actor;  // an account id; none once that account was deleted
    std::string action;              // "activity.changed", "role.grant", …
    std::string
        subject_kind;  // what `subject` is an id of: "account", "activity", "report", "item", …
    std::string subject, details;
};

class AuditLog {
public:
    static void record(soci::session& sql, std::time_t at, std::optional<long long> actor,
                       const std::string& action, const std::string& subject_kind,
                       const std::string& subject, const std::string& details);
    static std::vector<AuditEntry> newest(soci::session& sql, int limit);
    // What an account did, and what was done to it (subject kind "account").
    static std::vector<AuditEntry> about_account(soci::session& sql, long long account);
    // The entries keep the fact, not the person: the actor is cleared.
    static void forget_actor(soci::session& sql, long long account);
};

// Keys of the installation, the same for every app server (made the first time they are asked for).
class Secrets {
public:
    static std::string get(soci::session& sql, const std::string& name, const std::string& fresh);
};

}  // namespace skirosim::platform
