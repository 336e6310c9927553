// The rules of activities: finding them, registering a party (confirmed while places last, then
// the waiting list), cancelling (the first who waits and fits moves up and is told).
#pragma once

#include <functional>
#include <optional>

#include <boost/json/object.hpp>
#include "activities/figures.hpp"
#include "activities/model.hpp"
#include "core/error.hpp"

#include "accounts/principal.hpp"
#include "accounts/service.hpp"
#include "platform/platform.hpp"
#include "storage/database.hpp"
#include "storage/rate_limit.hpp"

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
    std::string address;                     // where a guest's request came from (for the limits)
    // A second party with a contact that is registered already: refused unless the person
    // said, after being told, that it is another party.
    bool another_party = false;
};

// A guest (no account, not registered by staff) can give anyone's contact and take places: the
// contact must open the link sent to it before the places are held for more than `hold`, and
// both the addresses guests write from and the contacts they give are limited.
struct GuestRules {
    std::chrono::minutes hold{30};
    storage::Limit per_address{20, std::chrono::hours(1)};
    storage::Limit per_contact{3, std::chrono::hours(24)};
};

struct Registered {
    std::string status;        // confirmed or waiting
    std::string cancel_token;  // for the link in the confirmation
    long long id = 0;
    std::optional<std::time_t> hold_until;  // a guest's places lapse then unless the link is opened
};

// What the organiser sees when marking attendance.
struct AttendanceSheet {
    Activity activity;
    std::vector<Registration> registrations;  // confirmed
    Attendance attendance;
};

// What a message about an activity says, before it is written in the person's language.
struct MessageFacts {
    std::string language;
    std::string
        purpose;  // confirmed, waiting, confirm-place, promoted, reminder, feedback, cancelled
    std::string title;  // the activity's, in that language
    std::string link;
    long long minutes = 0;  // confirm-place: how long the link keeps the places
    // Which activity, when, where and for how many, so that the message stands on its own.
    const Activity* activity = nullptr;
    const Registration* registration = nullptr;
    std::vector<Label> audiences;
    std::time_t now = 0;
};
// → subject, body
using ActivityMessages = std::function<std::pair<std::string, std::string>(const MessageFacts&)>;

class Service {
public:
    // A guest's places are held only when the platform's sender can reach the contact (a link
    // that cannot arrive is not asked for).
    Service(const platform::Platform& platform, accounts::Service& accounts,
            ActivityMessages messages, GuestRules guests = {})
        : db_(platform.database()),
          platform_(platform),
          accounts_(accounts),
          messages_(std::move(messages)),
          guests_(guests) {}

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
    // What is coming (not cancelled), soonest first.
    Result<std::vector<Activity>> upcoming(std::time_t now, int limit);
    // The person's registrations for their data download, and forgetting them.
    void export_person(soci::session& sql, long long account, boost::json::object& into);
    void forget_person(soci::session& sql, long long account);

    Result<Registered> register_party(const RegistrationForm& form, std::time_t now);
    // Staff register a resident: an assisted account of theirs (the coordinator: anyone's) or a
    // person by name; the resident's consent is recorded.
    Result<Registered> register_on_behalf(const Principal& staff, RegistrationForm form,
                                          std::time_t now);
    // The assisted accounts a staff member keeps: id and name.
    Result<std::vector<std::pair<long long, std::string>>> residents_of(const Principal& staff);
    // Cancels by the link's token; promotes from the waiting list in order while places fit.
    Result<Registration> cancel(const std::string& token, std::time_t now);
    // The guest opened the link: the places are theirs (or they stay on the waiting list).
    Result<Registration> confirm_place(const std::string& token, std::time_t now);
    // Guests' places whose link was not opened in time are let go (the registration is deleted:
    // nobody confirmed that the contact is real) and those waiting move up. Returns how many.
    Result<int> release_lapsed_holds(std::time_t now);
    Result<std::optional<Registration>> by_token(const std::string& token);
    // Queues the reminders that are due and the feedback requests of activities that ended;
    // each goes once. Returns how many messages were queued. The server runs it on a timer.
    Result<int> send_due_messages(std::time_t now);

    // Attendance and results, by staff of the organising institution or the coordinator.
    Result<AttendanceSheet> attendance_sheet(const Principal& who, long long activity);
    Result<void> mark_attendance(const Principal& who, long long activity,
                                 const Attendance& attendance, std::time_t now);

    // Names and contacts of registrations for activities that ended more than `keep_days` ago
    // are removed; counts stay. Returns how many registrations were cleared.
    Result<long long> forget_contacts(std::time_t now, long long keep_days);

    // Tells everyone registered (confirmed or waiting) that the activity was cancelled.
    void tell_cancelled(soci::session& sql, const Activity& activity, std::time_t now);

private:
    // `audiences`: the labels of ages and groups, read once by the caller for all it tells.
    void tell(soci::session& sql, const Registration& r, const Activity& a,
              const std::string& purpose, const std::string& link,
              const std::vector<Label>& audiences, std::time_t now);
    // The first in line who fits moves up while places last, and is told.
    void promote_waiting(soci::session& sql, const Activity& activity, std::time_t now);

    storage::Database& db_;
    const platform::Platform& platform_;
    accounts::Service& accounts_;
    ActivityMessages messages_;
    GuestRules guests_;
};

}  // namespace skirosim::activities
