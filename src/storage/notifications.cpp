// LISTEN/NOTIFY over libpq: SOCI does not expose notifications, so the listener keeps one plain
// libpq connection of its own.
#include "storage/notifications.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <thread>

namespace skirosim::storage {

struct Listener::Connection {
    PGconn* pg = nullptr;
    ~Connection() {
        if (pg) PQfinish(pg);
    }
};

Listener::Listener(const DatabaseUrl& url, std::string channel)
    : url_(url), channel_(std::move(channel)) {}
Listener::~Listener() = default;

bool Listener::wait(std::chrono::milliseconds timeout) {
    if (url_.backend != Backend::postgresql) {
        std::this_thread::sleep_for(timeout);
        return false;
    }
    if (!connection_) {
        auto connection = std::make_unique<Connection>();
        connection->pg = PQconnectdb(url_.connect_string.c_str());
        PGresult* listening = nullptr;
        if (PQstatus(connection->pg) == CONNECTION_OK) {
            // The channel is our own constant; quoted as an identifier all the same.
            char* quoted = PQescapeIdentifier(connection->pg, channel_.c_str(), channel_.size());
            listening =
                PQexec(connection->pg, ("LISTEN " + std::string(quoted ? quoted : "")).c_str());
            PQfreemem(quoted);
        }
        const bool ok = listening && PQresultStatus(listening) == PGRES_COMMAND_OK;
        PQclear(listening);
        if (!ok) {
            std::this_thread::sleep_for(timeout);
            return false;
        }
        connection_ = std::move(connection);
        spdlog::debug("listening for {} on PostgreSQL", channel_);
    }
    pollfd descriptor{PQsocket(connection_->pg), POLLIN, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
    if (ready < 0) return false;
    if (ready > 0 && PQconsumeInput(connection_->pg) == 0) {
        spdlog::warn("change notifications lost their connection: {}",
                     PQerrorMessage(connection_->pg));
        connection_.reset();
        return true;  // something may have changed while we were away: check
    }
    bool notified = false;
    while (PGnotify* note = PQnotifies(connection_->pg)) {
        notified = notified || channel_ == note->relname;
        PQfreemem(note);
    }
    return notified;
}

void notify(soci::session& sql, const std::string& channel) {
    if (sql.get_backend_name() != "postgresql") return;
    sql << "SELECT pg_notify(:c, '')", soci::use(channel);
}

}  // namespace skirosim::storage
