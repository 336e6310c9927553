// The composition root: builds every service once and wires the routes. No globals.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "accounts/service.hpp"
#include "activities/editor.hpp"
#include "activities/service.hpp"
#include "app/data_import.hpp"
#include "app/options.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "guide/service.hpp"
#include "guide_editor/editor.hpp"
#include "i18n/translator.hpp"
#include "points/service.hpp"
#include "site/service.hpp"
#include "storage/database.hpp"
#include "web/views.hpp"

namespace skirosim::app {

class Application {
public:
    // Opens the database, applies migrations and, on a new database, loads the data profile
    // (unless options.empty). Throws std::runtime_error with a clear message on failure.
    explicit Application(const Options& options);
    ~Application();

    storage::Database& database() { return *db_; }
    DataImporter& importer() { return *importer_; }
    const i18n::Translator& translator() const { return *translator_; }
    guide::Service& guide() { return *guide_; }
    accounts::Service& accounts() { return *accounts_; }
    activities::Service& activities() { return *activities_; }
    accounts::Mailer& mailer() { return *mailer_; }
    // Reloads in-memory caches after the data changed.
    Result<void> reload();

    // What the server does on its own every few minutes: reminders and feedback requests, guests'
    // places that lapsed, and the retention job. Safe to run on several servers at once.
    struct ChoresDone {
        int messages_queued = 0, holds_released = 0;
        long long contacts_forgotten = 0, records_removed = 0;
    };
    ChoresDone run_chores_once();

    // Builds the router and the server (pages need templates, which the CLI does not).
    http::Server& server(const http::ServerOptions& options);
    http::Server* server_if_running() { return server_.get(); }

    bool migrated_new_database() const { return new_database_; }

private:
    void build_routes();
    void start_retention();
    http::Response render_error(const http::Request& request, const Error& error) const;
    static void resolve_language(http::Request& request);

    Options options_;
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<i18n::Translator> translator_;
    std::unique_ptr<accounts::Service> accounts_;
    std::unique_ptr<accounts::Mailer> mailer_;
    std::unique_ptr<site::Service> site_;
    std::unique_ptr<guide::Service> guide_;
    std::unique_ptr<points::Service> points_;
    std::unique_ptr<activities::Service> activities_;
    std::unique_ptr<activities::Editor> activity_editor_;
    std::unique_ptr<guide_editor::Editor> editor_;
    std::unique_ptr<DataImporter> importer_;
    std::unique_ptr<http::StaticFiles> static_files_;
    std::unique_ptr<web::Views> views_;
    http::Router router_;
    http::Metrics metrics_;
    std::unique_ptr<http::Server> server_;
    bool new_database_ = false;
    std::thread retention_;
    std::mutex retention_mutex_;
    std::condition_variable retention_wake_;
    bool retention_stop_ = false;
};

}  // namespace skirosim::app
