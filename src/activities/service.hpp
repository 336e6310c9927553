// The rules of activities: finding them, registering a party (confirmed while places last, then
// the waiting list), cancelling (the first who waits and fits moves up and is told).
#pragma once

#include <functional>
#include <optional>

#include "activities/figures.hpp"
#include "activities/model.hpp"
#include "core/error.hpp"
#include "core/principal.hpp"
#include "storage/database.hpp"

namespace skirosim::activities {

struct RegistrationForm {
    long long activity = 0;
    std::string name, contact, language;
    int adults = 1, children = 0;
    AgeCounts ages;                          // when given, adults and children follow from it
    std::vector<std::string> groups;         // groups the party says it belongs to (optional)
    std::optional<long long> account;        // when signed in
    std::optional<long long> registered_by;  // staff registering a resident
    std::string consent;                     // what that resident agreed to
};

struct Registered {
    std::string status;        // confirmed or waiting
    std::string cancel_token;  // for the link in the confirmation
    long long id = 0;
};

// What the organiser sees when marking attendance.
struct AttendanceSheet {
    Activity activity;
    std::vector<Registration> registrations;  // confirmed
    Attendance attendance;
};

// (language, purpose: "confirmed" | "waiting" | "promoted" | "reminder" | "feedback" | "cancelled",
//  activity title, link) → subject, body
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
    // The guide's channels, by which collected kilograms are recorded.
    Result<std::vector<Label>> channels();
    // The figures of activities that start in [from, to).
    Result<Figures> figures(std::time_t from, std::time_t to, std::time_t now);
    // Other dates of the series an activity belongs to, from `from` on.
    Result<std::vector<Activity>> other_dates(const Activity& activity, std::time_t from);
    Result<int> confirmed_people(long long activity);
    // The collection points an institution keeps (id and name), for its page.
    Result<std::vector<std::pair<std::string, LocalizedText>>> institution_points(const std::string& institution);

    Result<Registered> register_party(const RegistrationForm& form, std::time_t now);
    // Staff register a resident: an assisted account of theirs (the coordinator: anyone's) or a
    // person by name; the resident's consent is recorded.
    Result<Registered> register_on_behalf(const Principal& staff, RegistrationForm form, std::time_t now);
    // The assisted accounts a staff member keeps: id and name.
    Result<std::vector<std::pair<long long, std::string>>> residents_of(const Principal& staff);
    // Cancels by the link's token; promotes from the waiting list in order while places fit.
    Result<Registration> cancel(const std::string& token, std::time_t now);
    Result<std::optional<Registration>> by_token(const std::string& token);
    // Queues the reminders that are due and the feedback requests of activities that ended;
    // each goes once. Returns how many messages were queued. The server runs it on a timer.
    Result<int> send_due_messages(std::time_t now);

    // Attendance and results, by staff of the organising institution or the coordinator.
    Result<AttendanceSheet> attendance_sheet(const Principal& who, long long activity);
    Result<void> mark_attendance(const Principal& who, long long activity, const Attendance& attendance,
                                 std::time_t now);

    // Names and contacts of registrations for activities that ended more than `keep_days` ago
    // are removed; counts stay. Returns how many registrations were cleared.
    Result<long long> forget_contacts(std::time_t now, long long keep_days);

    // Tells everyone registered (confirmed or waiting) that the activity was cancelled.
    void tell_cancelled(soci::session& sql, const Activity& activity, std::time_t now);

private:
    void tell(soci::session& sql, const Registration& r, const Activity& a, const std::string& purpose,
              const std::string& link, std::time_t now);

    storage::Database& db_;
    std::string public_url_;
    ActivityMessages messages_;
};

}  // namespace skirosim::activities
