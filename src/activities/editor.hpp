// Staff create and edit their institution's activities; the coordinator edits all.
#pragma once

#include "accounts/principal.hpp"
#include "activities/model.hpp"
#include "http/message.hpp"
#include "platform/platform.hpp"
#include "storage/database.hpp"

namespace skirosim::activities {

struct ActivityForm {
    std::string institution, kind, start, end, venue;
    std::array<std::string, 3> title, description, accessibility;
    std::vector<std::string> audiences, held_in;
    std::string capacity, max_party, reminder_hours;
    bool registration = false, cancelled = false;
    // A new activity may repeat ("weekly" or "monthly") until a date ("2027-05-31"); a change to
    // a date of a series applies to "this" date only or to it and the "following" ones.
    std::string repeat, repeat_until, scope = "this";

    static ActivityForm from(const http::Request& request);
    static ActivityForm from(const Activity& activity, const platform::TimeZone& zone);
};

class Service;

class Editor {
public:
    Editor(const platform::Platform& platform, Service& service)
        : db_(platform.database()), platform_(platform), service_(service) {}
    // The activities the person may edit (their institutions'; every one for a coordinator).
    Result<std::vector<Activity>> editable(const Principal& who);
    // Creates (id 0) or changes an activity, by the import's rules; audited. Returns its id (of
    // the first date when a series is made). Those registered for a date that is cancelled are
    // told.
    Result<long long> save(const Principal& who, long long id, const ActivityForm& form);

    // At most this many dates are made for a series (a year of weeks).
    static constexpr int kMaxSeriesDates = 53;

private:
    storage::Database& db_;
    const platform::Platform& platform_;
    Service& service_;
};

}  // namespace skirosim::activities
