// Activities of the partner institutions and registrations for them: plain data.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.hpp"

namespace skirosim::activities {

struct Label {
    std::string code;
    std::string kind;  // audiences: "age" or "group"; empty for activity kinds
    LocalizedText name;
    bool child = false;  // an age group of children
};

// A label's name in a language; the code itself when the label is unknown.
inline std::string name_of(const std::vector<Label>& labels, const std::string& code,
                           Language language) {
    for (const auto& l : labels) {
        if (l.code == code) return in(l.name, language);
    }
    return code;
}

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
    int max_party = 10;                // the most people one registration may bring
    bool registration = false;
    bool cancelled = false;
    bool sample = false;
    // A date of a series: the first date's id, how it repeats, and whether this date was changed
    // on its own (then edits of the whole series leave it alone).
    long long series_id = 0;
    std::string series_rule;  // "weekly" or "monthly"
    bool series_changed = false;
};

// How many people of each age group ("" = age not given).
using AgeCounts = std::vector<std::pair<std::string, int>>;

struct Registration {
    long long id = 0;
    long long activity = 0;
    std::string name, contact, language, status;  // status: confirmed, waiting, cancelled
    int adults = 1, children = 0;
    AgeCounts ages;                   // the party by age group, when given
    std::vector<std::string> groups;  // groups the party said it belongs to
    std::optional<bool> attended;     // unset until the organiser marks it
    std::time_t created_at = 0;
    std::optional<std::time_t> hold_until;  // a guest's link not opened yet: lapses then
    int people() const { return adults + children; }
};

// What the organiser records afterwards.
struct Attendance {
    std::vector<std::pair<long long, bool>> came;         // registration id → came
    AgeCounts walk_ins;                                   // people who came without registering
    std::vector<std::pair<std::string, double>> results;  // "kg:<channel>" or "items" → amount
};

struct Filter {
    std::time_t from = 0;              // activities that have not ended by then
    std::optional<std::time_t> until;  // and that start before this, when set
    std::string institution, kind, audience, language;
};

}  // namespace skirosim::activities
