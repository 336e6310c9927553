// All SQL of activities and registrations.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>

#include "activities/model.hpp"

namespace skirosim::activities {

// A party by age group as stored: "code=count" lines.
std::string encode_ages(const AgeCounts& ages);
AgeCounts decode_ages(const std::string& text);

class Repository {
public:
    static std::vector<Activity> list(soci::session& sql, const Filter& filter, int limit);
    static std::optional<Activity> find(soci::session& sql, long long id);
    static void save(soci::session& sql, const std::vector<Activity>& activities);
    static void save_labels(soci::session& sql, const std::vector<Label>& kinds,
                            const std::vector<Label>& audiences);
    static std::vector<Label> kinds(soci::session& sql);
    static std::vector<Label> audiences(soci::session& sql);
    static std::vector<Label> channels(soci::session& sql);

    // Takes the activity's write lock first (on both databases), so that registrations for one
    // activity happen one after another and capacity holds.
    static void lock(soci::session& sql, long long activity);
    static int confirmed_people(soci::session& sql, long long activity);
    static long long insert_registration(soci::session& sql, const Registration& r,
                                         const std::string& cancel_hash,
                                         std::optional<long long> account,
                                         std::optional<long long> registered_by,
                                         const std::string& consent);
    static std::optional<Registration> by_cancel_hash(soci::session& sql, const std::string& hash);
    static void set_status(soci::session& sql, long long id, const std::string& status);
    // The guest opened the link: the places no longer lapse.
    static void keep_held(soci::session& sql, long long id);
    // Registrations whose hold has passed, by activity (in id order: they are locked in it).
    static std::map<long long, std::vector<long long>> lapsed_holds(
        soci::session& sql, std::time_t now, std::optional<long long> activity = std::nullopt);
    // Deletes one if its hold has still passed (it may have been confirmed since); true if it went.
    static bool delete_lapsed(soci::session& sql, long long id, std::time_t now);
    // Recomputes the activity's registration_counts from its registrations; every write to
    // registrations calls it in the same transaction (after the activity's lock).
    static void recount(soci::session& sql, long long activity);
    static std::vector<Registration> registrations(soci::session& sql, long long activity,
                                                   const std::string& status);

    // Confirmed registrations of activities starting within their reminder window and not yet
    // reminded; of activities that have ended and not yet asked for feedback.
    static std::vector<Registration> due_reminders(soci::session& sql, std::time_t now);
    static std::vector<Registration> due_feedback(soci::session& sql, std::time_t now);
    // Claims the message for this server: false when another server marked it first.
    static bool mark_reminded(soci::session& sql, long long registration, std::time_t at);
    static bool mark_feedback_requested(soci::session& sql, long long registration, std::time_t at);

    // The dates of a series in order; marking a date as part of one.
    static std::vector<Activity> series(soci::session& sql, long long series_id);
    static void set_series(soci::session& sql, long long id, long long series_id,
                           const std::string& rule, bool changed);

    // What the organiser marked: who came (on the registrations), walk-ins and results; and the
    // participation counts by audience that statistics read.
    static void save_attendance(soci::session& sql, long long activity,
                                const Attendance& attendance,
                                const std::vector<std::pair<std::string, int>>& participation,
                                std::time_t now);
    static Attendance attendance(soci::session& sql, long long activity);
    // Clears names and contacts of registrations for activities that ended before `ended_before`.
    // A person's registrations (their data download); and forgetting who they were.
    static std::vector<Registration> registrations_of_account(soci::session& sql,
                                                              long long account);
    static void forget_account(soci::session& sql, long long account);
    static long long forget_contacts(soci::session& sql, std::time_t ended_before);
};

}  // namespace skirosim::activities
