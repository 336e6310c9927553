// The rules of activities: finding them, registering a party (confirmed while places last, then
// the waiting list), cancelling (the first who waits and fits moves up and is told).
#pragma once

#include <functional>
#include <optional>

#include "activities/model.hpp"
#include "core/error.hpp"
#include "storage/database.hpp"

namespace skirosim::activities {

struct RegistrationForm {
    long long activity = 0;
    std::string name, contact, language;
    int adults = 1, children = 0;
    std::optional<long long> account;        // when signed in
    std::optional<long long> registered_by;  // staff registering a resident
    std::string consent;                     // what that resident agreed to
};

struct Registered {
    std::string status;        // confirmed or waiting
    std::string cancel_token;  // for the link in the confirmation
    long long id = 0;
};

// (language, purpose: "confirmed" | "waiting" | "promoted", activity title, cancel link) → subject, body
using ActivityMessages = std::function<std::pair<std::string, std::string>(
    const std::string&, const std::string&, const std::string&, const std::string&)>;

class Service {
public:
    Service(storage::Database& db, std::string public_url, ActivityMessages messages)
        : db_(db), public_url_(std::move(public_url)), messages_(std::move(messages)) {}

    Result<std::vector<Activity>> list(const Filter& filter, int limit);
    Result<Activity> find(long long id);
    Result<std::vector<Label>> kinds();
    Result<std::vector<Label>> audiences();
    Result<int> confirmed_people(long long activity);
    // The collection points an institution keeps (id and name), for its page.
    Result<std::vector<std::pair<std::string, LocalizedText>>> institution_points(const std::string& institution);

    Result<Registered> register_party(const RegistrationForm& form, std::time_t now);
    // Cancels by the link's token; promotes from the waiting list in order while places fit.
    Result<Registration> cancel(const std::string& token, std::time_t now);
    Result<std::optional<Registration>> by_token(const std::string& token);
    // Queues the reminders that are due and the feedback requests of activities that ended;
    // each goes once. Returns how many messages were queued. The server runs it on a timer.
    Result<int> send_due_messages(std::time_t now);

private:
    void tell(soci::session& sql, const Registration& r, const Activity& a, const std::string& purpose,
              const std::string& link, std::time_t now);

    storage::Database& db_;
    std::string public_url_;
    ActivityMessages messages_;
};

}  // namespace skirosim::activities
