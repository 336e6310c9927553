// Accounts and what is kept around them: plain data.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"

namespace skirosim::accounts {

struct Account {
    long long id = 0;
    std::string email;  // lower case; empty when the person signed up with a phone number
    std::string phone;  // +371…; empty when with an e-mail
    std::string password_hash;
    std::string display_name;
    std::string language;
    std::time_t created_at = 0;
    std::optional<std::time_t> confirmed_at;
    std::optional<long long> assisted_by;  // the staff member who registered the person
    bool confirmed() const { return confirmed_at.has_value(); }
    const std::string& login() const { return email.empty() ? phone : email; }
};

struct OutboxMessage {
    long long id = 0;
    std::string recipient, medium, subject, body;
    std::time_t created_at = 0;
    std::optional<std::time_t> sent_at;
    int attempts = 0;
    std::string last_error;
    std::time_t next_attempt_at = 0;
};

struct AuditEntry {
    long long id = 0;
    std::time_t at = 0;
    std::optional<long long> actor;
    std::string actor_name;
    std::string action, subject_kind, subject, details;
};

struct Consent {
    std::string what;
    std::time_t given_at = 0;
    std::optional<long long> recorded_by;
};

}  // namespace skirosim::accounts
