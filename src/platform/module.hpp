// The seam every capability plugs into: its routes, its part of the exchange format, what it
// holds about a person and how it forgets them, its chores and its caches. The application is a
// list of these; adding a capability is a folder with a module, one line in that list and one
// CMake line.
#pragma once

#include <soci/soci.h>
#include <boost/json/object.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/language.hpp"
#include "http/dispatcher.hpp"
#include "platform/exchange.hpp"

namespace skirosim::platform {

// One line of what a chore did ("reminders queued", 3), for the log and `skirosim chores`.
struct ChoreDone {
    std::string what;
    long long count = 0;
};

// What a person reads for the subject of an audit entry: its name and the page that shows it.
struct SubjectName {
    std::string name;
    std::string href;  // a path of this site; empty when the subject has no page
};

class Module {
public:
    virtual ~Module() = default;
    // Its part of import and export (none by default).
    virtual std::optional<DataSection> data_section() { return std::nullopt; }
    // Its pages and API.
    virtual void add_routes(http::Router&) {}
    // A wrapper around every handler that uses the database (the session and CSRF layer).
    virtual std::optional<http::Middleware> middleware() { return std::nullopt; }
    // What it holds about a person, added to their data download under its own keys.
    virtual void export_person(soci::session&, long long /*account*/,
                               boost::json::object& /*into*/) {}
    // Forgets the person (account deletion), in the deletion's transaction.
    virtual void forget_person(soci::session&, long long /*account*/) {}
    // Work done every few minutes on every server (safe to run on several at once).
    virtual std::vector<ChoreDone> run_chores(std::time_t /*now*/) { return {}; }
    // Re-reads what it keeps in memory, after an import.
    virtual Result<void> reload() { return {}; }
    // Background work while a server runs (watching for changes by other servers).
    virtual void start_serving() {}
    // Names a subject of the audit log of a kind it records ("activity" 12, "item" battery) in a
    // language, with its page; none for the kinds of others, or one no longer there.
    virtual std::optional<SubjectName> name_subject(std::string_view /*kind*/,
                                                    const std::string& /*id*/, Language) {
        return std::nullopt;
    }
};

// The audit log's subjects named by the capability that owns each kind; the accounts capability
// asks it for the audit page, the application answers it from its modules.
class Subjects {
public:
    virtual ~Subjects() = default;
    virtual std::optional<SubjectName> name_subject(std::string_view kind, const std::string& id,
                                                    Language language) const = 0;
};

// The person's data across every capability: the accounts capability asks it for the data
// download and the deletion; the application answers it from its modules.
class People {
public:
    virtual ~People() = default;
    virtual void export_person(soci::session& sql, long long account,
                               boost::json::object& into) = 0;
    virtual void forget_person(soci::session& sql, long long account) = 0;
};

}  // namespace skirosim::platform
