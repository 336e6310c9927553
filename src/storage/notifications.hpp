// Waiting for another server's "something changed" on PostgreSQL (LISTEN/NOTIFY), so that a change
// made through one app server reaches the others at once instead of at their next poll. On SQLite
// (one server) waiting only waits.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace skirosim::storage {

class Listener {
public:
    Listener(const DatabaseUrl& url, std::string channel);
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    // Waits up to `timeout`; true when a notification on the channel arrived. A lost connection
    // is opened again on a later call (in between, callers fall back on polling).
    bool wait(std::chrono::milliseconds timeout);

private:
    struct Connection;
    DatabaseUrl url_;
    std::string channel_;
    std::unique_ptr<Connection> connection_;
};

// Tells every listener on the channel when the transaction commits (nothing on SQLite).
void notify(soci::session& sql, const std::string& channel);

}  // namespace skirosim::storage
