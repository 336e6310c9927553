// The platform, the list of capabilities, and the routes of the server itself.
#include "app/application.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>
#include <boost/json.hpp>

#include <stdexcept>

#include "accounts/crypto.hpp"
#include "accounts/module.hpp"
#include "activities/module.hpp"
#include "guide/module.hpp"
#include "guide_editor/module.hpp"
#include "points/module.hpp"
#include "site/module.hpp"
#include "storage/migrations.hpp"
#include "storage/rate_limit.hpp"
#include "web/errors.hpp"

namespace skirosim::app {

namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

[[noreturn]] void fail(const i18n::Translator* tr, const Error& error) {
    throw std::runtime_error(tr ? tr->message(Language::en, error)
                                : fill_placeholders(error.message, error.args));
}

// "https://tile.openstreetmap.org/{z}/{x}/{y}.png" → "https://tile.openstreetmap.org".
std::string url_origin(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return "";
    auto path = url.find('/', scheme + 3);
    std::string origin = url.substr(0, path);
    for (char c : origin) {
        if (c == ';' || c == ' ' || c == '\'' || c == '"')
            return "";  // never let a setting break the policy
    }
    return origin;
}

// The server's own figures are for its operators: from this machine (not through a proxy,
// which would make every visitor look local) or with the token.
bool may_read_metrics(const Request& request, const std::string& token) {
    if (!token.empty()) {
        const std::string_view authorization = request.header("Authorization");
        const std::string expected = "Bearer " + token;
        if (authorization.size() == expected.size() &&
            accounts::same(std::string(authorization), expected))
            return true;
    }
    if (request.forwarded) return false;
    boost::system::error_code ec;
    const auto peer = boost::asio::ip::make_address(request.peer_address, ec);
    return !ec && peer.is_loopback();
}

void resolve_language(Request& request) {
    if (!request.segments.empty()) {
        if (auto language = parse_language(request.segments[0])) {
            request.language = *language;
            return;
        }
    }
    if (request.is_api()) {
        if (auto lang = request.query_param("lang")) {
            if (auto language = parse_language(*lang)) {
                request.language = *language;
                return;
            }
        }
    }
    request.language = negotiate_language(request.header("Accept-Language"));
}

std::unique_ptr<platform::Clock> make_clock(const Options& options) {
    if (options.clock_start) return std::make_unique<platform::ShiftedClock>(*options.clock_start);
    return std::make_unique<platform::SystemClock>();
}

}  // namespace

Application::Application(const Options& options) : options_(options) {
    auto url = storage::DatabaseUrl::parse(options.database);
    if (!url) fail(nullptr, url.error());
    try {
        db_ = std::make_unique<storage::Database>(*url, options.pool_size);
    } catch (const std::exception& e) {
        throw std::runtime_error("Cannot open the database " + url->display + ": " + e.what());
    }
    if (!options.clock) own_clock_ = make_clock(options);
    clock_ = options.clock ? options.clock.get() : own_clock_.get();
    translator_ = std::make_unique<i18n::Translator>(options.locale_dir);

    auto migrations = storage::load_migrations(options.resources / "migrations");
    if (!migrations) fail(translator_.get(), migrations.error());
    auto report = storage::migrate(*db_, *migrations, clock_->seconds());
    if (!report) fail(translator_.get(), report.error());

    static_files_ = std::make_unique<http::StaticFiles>(options_.resources / "static");
    // Leaflet comes from npm (web/package.json), installed by scripts/install-deps.sh.
    static_files_->mount(options_.resources / "web" / "node_modules" / "leaflet" / "dist",
                         "vendor/leaflet");
    // OpenMoji's colour pictograms (CC BY-SA 4.0, credited on the about page), by hex code.
    static_files_->mount_on_disk(
        options_.resources / "web" / "node_modules" / "openmoji" / "color" / "svg",
        "vendor/openmoji");
    views_ = std::make_unique<web::Views>(options_.resources / "templates", *translator_,
                                          *static_files_);
    sender_ = std::make_unique<platform::Sender>(*db_, *clock_, options.smtp, options.sms);
    platform::Settings settings;
    settings.secure_cookies = options.secure_cookies;
    settings.public_url = options.public_url;
    platform_ = std::make_unique<platform::Platform>(*db_, *translator_, *views_, *clock_, *sender_,
                                                     *this, *this, settings);
    views_->set_language_order([this] { return platform_->town()->languages; });

    add_capabilities();
    std::vector<platform::DataSection> sections;
    for (auto& module : modules_) {
        if (auto section = module->data_section()) sections.push_back(std::move(*section));
    }
    importer_ = std::make_unique<platform::DataImporter>(*db_, std::move(sections));

    if (report->database_was_empty && !options.empty) {
        // A name is a folder under data/; a path (a town's own data kept elsewhere) is used as it
        // is.
        const bool is_path = options.profile.find('/') != std::string::npos;
        auto loaded =
            importer_->import_profile(is_path ? std::filesystem::path(options.profile)
                                              : options.resources / "data" / options.profile);
        if (!loaded) fail(translator_.get(), loaded.error());
        spdlog::info("loaded the data profile {}", options.profile);
    }
    if (auto reloaded = reload(); !reloaded) fail(translator_.get(), reloaded.error());
}

// The capabilities, each built from the platform and those it needs (in this order: what
// another needs comes first). A new capability is one more line here.
void Application::add_capabilities() {
    auto& site = add<site::Module>(options_.page_cache);
    auto& accounts = add<accounts::Module>(
        options_.accounts,
        accounts::Institutions{
            [&site](const std::string& id, Language language) -> std::optional<std::string> {
                auto institution = site.service().institution(id);
                if (!institution) return std::nullopt;
                return in(institution->short_name, language);
            },
            [&site](Language language) {
                std::vector<std::pair<std::string, std::string>> all;
                for (const auto& institution : site.service().content()->institutions)
                    all.emplace_back(institution.id, in(institution.short_name, language));
                return all;
            }},
        accounts::Retention{options_.keep_sent_messages_days,
                            options_.activities.keep_registration_contacts_days});
    auto& guide = add<guide::Module>(site, options_.catalogue_poll);
    add<guide_editor::Module>(guide);
    auto& points = add<points::Module>(site, guide, options_.tile_url,
                                       static_files_->has("vendor/leaflet/leaflet.js"));
    add<activities::Module>(site, accounts, points, options_.activities);
}

Application::~Application() {
    {
        std::lock_guard lock(chores_mutex_);
        chores_stop_ = true;
    }
    chores_wake_.notify_all();
    if (chores_.joinable()) chores_.join();
}

Result<void> Application::reload() {
    auto town = db_->read<std::optional<platform::Town>>(
        [](soci::session& sql) -> Result<std::optional<platform::Town>> {
            return platform::TownRepository::load(sql);
        });
    if (!town) return std::unexpected(town.error());
    platform_->set_town(town->value_or(platform::Town::unknown()));
    for (auto& module : modules_) {
        if (auto done = module->reload(); !done) return done;
    }
    return {};
}

std::vector<platform::ChoreDone> Application::run_chores_once() {
    const std::time_t now = clock_->seconds();
    std::vector<platform::ChoreDone> done;
    for (auto& module : modules_) {
        for (auto& line : module->run_chores(now)) done.push_back(std::move(line));
    }
    // The platform's own: sent messages past their time, and events no limit looks at any more.
    auto platform_done = db_->transaction<std::pair<long long, long long>>(
        [&](soci::session& sql) -> Result<std::pair<long long, long long>> {
            return std::pair{platform::Outbox::forget_sent_before(
                                 sql, now - options_.keep_sent_messages_days * 86400),
                             storage::forget_events_before(sql, now - 86400)};
        });
    if (platform_done) {
        done.push_back({"sent messages removed from the outbox", platform_done->first});
        done.push_back({"old rate-limit events removed", platform_done->second});
    }
    for (const auto& line : done) {
        if (line.count > 0) spdlog::info("chores: {} {}", line.count, line.what);
    }
    return done;
}

void Application::export_person(soci::session& sql, long long account, json::object& into) {
    for (auto& module : modules_) module->export_person(sql, account, into);
}

std::optional<platform::SubjectName> Application::name_subject(std::string_view kind,
                                                               const std::string& id,
                                                               Language language) const {
    for (const auto& module : modules_) {
        if (auto named = module->name_subject(kind, id, language)) return named;
    }
    return std::nullopt;
}

void Application::forget_person(soci::session& sql, long long account) {
    // Those that depend on others first: the accounts capability's erasure comes after every
    // capability has let go of the person.
    for (auto it = modules_.rbegin(); it != modules_.rend(); ++it)
        (*it)->forget_person(sql, account);
}

// One timer for the server's chores.
void Application::start_chores() {
    if (chores_.joinable() || !options_.run_chores) return;
    chores_ = std::thread([this] {
        std::unique_lock lock(chores_mutex_);
        do {
            lock.unlock();
            (void)run_chores_once();
            lock.lock();
        } while (!chores_wake_.wait_for(lock, options_.chores_interval,
                                        [this] { return chores_stop_; }));
    });
}

void Application::build_routes() {
    if (routes_built_) return;
    routes_built_ = true;
    router_.get(
        "/static/{*path}",
        [this](Request& request) {
            return static_files_->serve(request, request.path_param("path"));
        },
        http::Execution::io_thread);
    router_.get("/healthz", [this](Request&) -> Result<Response> {
        const bool ok = db_->ping();
        return Response::json(json::object{{"status", ok ? "ok" : "unavailable"},
                                           {"database", ok ? "ok" : "unreachable"}},
                              ok ? 200 : 503);
    });
    router_.get(
        "/metrics",
        [this](Request& request) -> Result<Response> {
            if (!may_read_metrics(request, options_.metrics_token)) {
                return std::unexpected(not_found());
            }
            return Response::text(metrics_.prometheus_text(),
                                  "text/plain; version=0.0.4; charset=utf-8");
        },
        http::Execution::io_thread);
    for (auto& module : modules_) module->add_routes(router_);
    // Each module's wrapper around the handlers, the first module's outermost.
    http::Middleware chain;
    for (auto it = modules_.rbegin(); it != modules_.rend(); ++it) {
        auto middleware = (*it)->middleware();
        if (!middleware) continue;
        if (!chain) {
            chain = std::move(*middleware);
        } else {
            chain = [outer = std::move(*middleware), inner = chain](Request& request,
                                                                    const http::Handler& handler) {
                return outer(request, [&](Request& r) { return inner(r, handler); });
            };
        }
    }
    dispatcher_ = std::make_unique<http::Dispatcher>(
        router_,
        [this](const Request& r, const Error& e) {
            return web::render_error(views_.get(), *translator_, r, e);
        },
        &resolve_language, chain);
}

Response Application::handle(Request& request) {
    build_routes();
    return dispatcher_->handle(request);
}

http::Server& Application::server(const http::ServerOptions& options) {
    if (!server_) {
        build_routes();
        for (auto& module : modules_) module->start_serving();
        start_chores();
        sender_->start();
    }
    http::ServerOptions server_options = options;
    // The map's tiles come from the tile server of the settings: the only other origin allowed.
    if (auto origin = url_origin(options_.tile_url); !origin.empty()) {
        const std::string directive = "img-src 'self' data:";
        auto& csp = server_options.content_security_policy;
        if (auto at = csp.find(directive); at != std::string::npos)
            csp.insert(at + directive.size(), " " + origin);
    }
    server_ = std::make_unique<http::Server>(server_options, *dispatcher_, metrics_);
    return *server_;
}

}  // namespace skirosim::app
