// Activities of the partner institutions and registrations for them: plain data.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "core/json_reader.hpp"

namespace skirosim::activities {

struct Label {
    std::string code;
    std::string kind;  // audiences: "age" or "group"; empty for activity kinds
    LocalizedText name;
};

struct Activity {
    long long id = 0;
    std::string external_id;  // the data file's id
    std::string institution;
    std::string kind;
    LocalizedText title, description, accessibility;
    std::time_t starts_at = 0, ends_at = 0;
    std::string venue;
    std::vector<std::string> audiences;
    std::vector<std::string> held_in;  // languages the activity itself is held in
    int capacity = 0;                  // people; 0 with registration off means open to all
    int reminder_hours = 48;           // how long before the start the reminder goes
    bool registration = false;
    bool cancelled = false;
    bool sample = false;
};

struct Registration {
    long long id = 0;
    long long activity = 0;
    std::string name, contact, language, status;  // status: confirmed, waiting, cancelled
    int adults = 1, children = 0;
    std::time_t created_at = 0;
    int people() const { return adults + children; }
};

struct Filter {
    std::time_t from = 0;
    std::string institution, kind, audience, language;
};

}  // namespace skirosim::activities
