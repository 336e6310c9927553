// What activities achieved over a period: the coordinator's figures, the public picture (small
// counts hidden) and their CSV. Participation is read from the snapshot written at attendance.
#pragma once

#include <soci/soci.h>

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "activities/model.hpp"

namespace skirosim::activities {

using Counts = std::vector<std::pair<std::string, int>>;

// Audience codes of the participation snapshot besides the audiences' own.
inline constexpr const char* kAllParticipants = "*";
inline constexpr const char* kWalkIns = "*walk-ins";
inline constexpr const char* kAgeNotGiven = "";

// The snapshot of an activity: everyone who came by age group (a party without ages under
// kAgeNotGiven), by the groups parties named, walk-ins, and all.
Counts participation_counts(const std::vector<Registration>& came, const AgeCounts& walk_ins);

struct Figures {
    int activities = 0, planned = 0, cancelled = 0,
        marked = 0;  // held, still to come, cancelled, marked
    Counts by_kind, by_institution;
    int registrations = 0, registered_people = 0;  // confirmed parties and their people
    int waiting = 0, cancelled_registrations = 0;
    int attended_parties = 0, attended_people = 0, no_show_parties = 0, no_show_people = 0;
    int participants = 0, walk_ins = 0;
    Counts by_audience;                                   // participation by audience code
    std::vector<std::pair<std::string, double>> results;  // measure → total
};

// Activities that start in [from, to); those starting after `now` are planned, not held.
Figures read_figures(soci::session& sql, std::time_t from, std::time_t to, std::time_t now);

// A count of people as the public sees it: below 5 it is "<5", so that nobody is recognisable.
bool hidden_in_public(int people);

// One CSV field: quoted when needed, and a leading = + - @ made harmless for spreadsheets.
std::string csv_field(const std::string& text);

}  // namespace skirosim::activities
