// Limits on how often something may happen per key (an address, a contact, a code), counted in
// the database so that every app server sees the same count.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <ctime>
#include <string>

namespace skirosim::storage {

struct Limit {
    int events = 0;                 // at most this many…
    std::chrono::seconds window{};  // …within this long
};

// How many events `key` had since `since`.
int recent_events(soci::session& sql, const std::string& key, std::time_t since);
void record_event(soci::session& sql, const std::string& key, std::time_t at);
// True when `key` is under its limit; then the event is recorded (in the caller's transaction).
bool take(soci::session& sql, const std::string& key, const Limit& limit, std::time_t now);
// For the retention job: events older than any window that reads them.
long long forget_events_before(soci::session& sql, std::time_t before);

}  // namespace skirosim::storage
