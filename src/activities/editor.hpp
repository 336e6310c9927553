// Staff create and edit their institution's activities; the coordinator edits all.
#pragma once

#include "activities/model.hpp"
#include "core/principal.hpp"
#include "http/message.hpp"
#include "storage/database.hpp"

namespace skirosim::activities {

struct ActivityForm {
    std::string institution, kind, start, end, venue;
    std::array<std::string, 3> title, description, accessibility;
    std::vector<std::string> audiences, held_in;
    std::string capacity, reminder_hours;
    bool registration = false, cancelled = false;

    static ActivityForm from(const http::Request& request);
    static ActivityForm from(const Activity& activity);
};

class Editor {
public:
    explicit Editor(storage::Database& db) : db_(db) {}
    // The activities the person may edit (their institutions'; every one for a coordinator).
    Result<std::vector<Activity>> editable(const Principal& who);
    // Creates (id 0) or changes an activity, by the import's rules; audited. Returns its id.
    Result<long long> save(const Principal& who, long long id, const ActivityForm& form);

private:
    storage::Database& db_;
};

}  // namespace skirosim::activities
