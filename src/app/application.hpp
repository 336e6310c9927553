// The composition root: the platform and the list of capabilities built on it. It does no
// domain work: import, export, reload, chores, the data download and deletion go round the list.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "app/options.hpp"
#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "platform/exchange.hpp"
#include "platform/platform.hpp"

namespace skirosim::app {

class Application final : public platform::People, public platform::Subjects {
public:
    // Opens the database, applies migrations and, on a new database, loads the data profile
    // (unless options.empty). Throws std::runtime_error with a clear message on failure.
    explicit Application(const Options& options);
    ~Application() override;

    platform::Platform& platform() { return *platform_; }
    storage::Database& database() { return *db_; }
    const i18n::Translator& translator() const { return *translator_; }
    platform::Sender& sender() { return *sender_; }
    platform::DataImporter& importer() { return *importer_; }

    // A capability by its type (tests, the command line).
    template <typename M>
    M& module() {
        for (auto& m : modules_) {
            if (auto* found = dynamic_cast<M*>(m.get())) return *found;
        }
        throw std::logic_error("no such module");
    }

    // Re-reads the town and what every capability keeps in memory, after the data changed.
    Result<void> reload();
    // What the server does on its own every few minutes (also `skirosim chores`).
    std::vector<platform::ChoreDone> run_chores_once();

    // The server (pages and API); a second call gives the same one.
    http::Server& server(const http::ServerOptions& options);
    http::Server* server_if_running() { return server_.get(); }
    // One request through the whole stack but the socket (in-process tests).
    http::Response handle(http::Request& request);

    // platform::People: every capability's part of a person, the accounts capability's last.
    void export_person(soci::session& sql, long long account, boost::json::object& into) override;
    void forget_person(soci::session& sql, long long account) override;
    // platform::Subjects: the first capability that knows the kind names it.
    std::optional<platform::SubjectName> name_subject(std::string_view kind, const std::string& id,
                                                      Language language) const override;

private:
    template <typename M, typename... Args>
    M& add(Args&&... args) {
        auto made = std::make_unique<M>(*platform_, std::forward<Args>(args)...);
        M& ref = *made;
        modules_.push_back(std::move(made));
        return ref;
    }
    void add_capabilities();
    void build_routes();
    void start_chores();

    Options options_;
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<platform::Clock> own_clock_;
    const platform::Clock* clock_ = nullptr;
    std::unique_ptr<i18n::Translator> translator_;
    std::unique_ptr<http::StaticFiles> static_files_;
    std::unique_ptr<web::Views> views_;
    std::unique_ptr<platform::Sender> sender_;
    std::unique_ptr<platform::Platform> platform_;
    std::vector<std::unique_ptr<platform::Module>> modules_;
    std::unique_ptr<platform::DataImporter> importer_;
    http::Router router_;
    bool routes_built_ = false;
    http::Metrics metrics_;
    std::unique_ptr<http::Dispatcher> dispatcher_;
    std::unique_ptr<http::Server> server_;
    std::thread chores_;
    std::mutex chores_mutex_;
    std::condition_variable chores_wake_;
    bool chores_stop_ = false;
};

}  // namespace skirosim::app
