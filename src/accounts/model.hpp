// Accounts and what is kept around them: plain data.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "accounts/principal.hpp"

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

struct Consent {
    std::string what;
    std::time_t given_at = 0;
    std::optional<long long> recorded_by;
};

}  // namespace skirosim::accounts
