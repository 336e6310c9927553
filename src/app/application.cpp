// Wiring of services, data sections and routes.
#include "app/application.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <stdexcept>

#include "accounts/crypto.hpp"
#include "accounts/web.hpp"
#include "activities/data_file.hpp"
#include "activities/repository.hpp"
#include "activities/institution_editor.hpp"
#include "activities/participation_routes.hpp"
#include "activities/routes.hpp"
#include "guide/routes.hpp"
#include "guide_editor/routes.hpp"
#include "points/data_file.hpp"
#include "points/repository.hpp"
#include "points/routes.hpp"
#include "guide/section.hpp"
#include "site/data_file.hpp"
#include "site/repository.hpp"
#include "site/routes.hpp"
#include "storage/migrations.hpp"

namespace skirosim::app {

namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

[[noreturn]] void fail(const i18n::Translator* tr, const Error& error) {
    throw std::runtime_error(tr ? tr->message(Language::en, error)
                                : fill_placeholders(error.message, error.args));
}

DataSection site_section() {
    DataSection section;
    section.parse = [](const std::vector<NamedDocument>& documents) -> Result<DataSection::Writer> {
        auto merged = std::make_shared<site::SiteData>();
        for (const NamedDocument& document : documents) {
            auto data = site::parse_site_data(document.reader);
            if (!data) return std::unexpected(in_file(document.name, data.error()));
            if (data->initiative) merged->initiative = std::move(data->initiative);
            for (auto& inst : data->institutions) merged->institutions.push_back(std::move(inst));
        }
        return [merged](soci::session& sql) { site::Repository::save(sql, *merged); };
    };
    section.export_into = [](soci::session& sql, json::object& out) -> Result<void> {
        for (auto& [key, value] : site::export_site_data(site::Repository::load(sql))) {
            out[key] = value;
        }
        return {};
    };
    return section;
}

DataSection points_section() {
    DataSection section;
    section.parse = [](const std::vector<NamedDocument>& documents) -> Result<DataSection::Writer> {
        auto points = points::parse_points(documents);
        if (!points) return std::unexpected(points.error());
        auto shared = std::make_shared<std::vector<points::Point>>(std::move(*points));
        return [shared](soci::session& sql) { points::Repository::save(sql, *shared); };
    };
    section.export_into = [](soci::session& sql, json::object& out) -> Result<void> {
        out["points"] = points::export_points(points::Repository::all(sql));
        return {};
    };
    return section;
}

DataSection activities_section() {
    DataSection section;
    section.parse = [](const std::vector<NamedDocument>& documents) -> Result<DataSection::Writer> {
        auto data = activities::parse_activity_data(documents);
        if (!data) return std::unexpected(data.error());
        auto shared = std::make_shared<activities::ActivityData>(std::move(*data));
        return [shared](soci::session& sql) {
            activities::Repository::save_labels(sql, shared->kinds, shared->audiences);
            activities::Repository::save(sql, shared->activities);
        };
    };
    section.export_into = [](soci::session& sql, json::object& out) -> Result<void> {
        activities::Filter every;
        every.from = 0;
        activities::export_activity_data({activities::Repository::kinds(sql), activities::Repository::audiences(sql),
                                          activities::Repository::list(sql, every, 1'000'000)},
                                         out);
        return {};
    };
    return section;
}

// "https://tile.openstreetmap.org/{z}/{x}/{y}.png" → "https://tile.openstreetmap.org".
std::string url_origin(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return "";
    auto path = url.find('/', scheme + 3);
    std::string origin = url.substr(0, path);
    for (char c : origin) {
        if (c == ';' || c == ' ' || c == '\'' || c == '"') return "";  // never let a setting break the policy
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
            accounts::same(std::string(authorization), expected)) {
            return true;
        }
    }
    if (request.forwarded) return false;
    boost::system::error_code ec;
    const auto peer = boost::asio::ip::make_address(request.peer_address, ec);
    return !ec && peer.is_loopback();
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
    translator_ = std::make_unique<i18n::Translator>(options.locale_dir);

    auto migrations = storage::load_migrations(options.resources / "migrations");
    if (!migrations) fail(translator_.get(), migrations.error());
    auto report = storage::migrate(*db_, *migrations);
    if (!report) fail(translator_.get(), report.error());
    new_database_ = report->database_was_empty;

    accounts_ = std::make_unique<accounts::Service>(*db_, options.accounts,
                                                    accounts::message_writer(*translator_));
    mailer_ = std::make_unique<accounts::Mailer>(*db_, options.smtp, options.sms);
    site_ = std::make_unique<site::Service>(*db_);
    guide_ = std::make_unique<guide::Service>(*db_);
    points_ = std::make_unique<points::Service>(*db_);
    activities_ = std::make_unique<activities::Service>(
        *db_, options.accounts.public_url, activities::activity_messages(*translator_), options.guests,
        [mailer = mailer_.get()](const std::string& medium) { return mailer->delivers(medium); });
    // Order matters: points name channels and institutions that earlier sections write.
    importer_ = std::make_unique<DataImporter>(
        *db_, std::vector<DataSection>{site_section(), guide::data_section(*guide_), points_section(),
                                 activities_section()});

    if (new_database_ && !options.empty) {
        // A name is a folder under data/; a path (a town's own data kept elsewhere) is used as it is.
        const bool is_path = options.profile.find('/') != std::string::npos;
        auto loaded = importer_->import_profile(is_path ? std::filesystem::path(options.profile)
                                                        : options.resources / "data" / options.profile);
        if (!loaded) fail(translator_.get(), loaded.error());
        spdlog::info("loaded the data profile {}", options.profile);
    }
    if (auto reloaded = reload(); !reloaded) fail(translator_.get(), reloaded.error());
}

Application::~Application() {
    {
        std::lock_guard lock(retention_mutex_);
        retention_stop_ = true;
    }
    retention_wake_.notify_all();
    if (retention_.joinable()) retention_.join();
}

// One timer for the server's own chores: reminders and feedback requests, then retention.
void Application::start_retention() {
    if (retention_.joinable() || !options_.run_chores) return;
    // Personal data a purpose no longer needs is deleted on schedule, by the server itself.
    retention_ = std::thread([this] {
        std::unique_lock lock(retention_mutex_);
        do {
            lock.unlock();
            (void)run_chores_once();
            lock.lock();
        } while (!retention_wake_.wait_for(lock, options_.retention_interval, [this] { return retention_stop_; }));
    });
}

Application::ChoresDone Application::run_chores_once() {
    ChoresDone done;
    const std::time_t now = std::time(nullptr);
    if (auto queued = activities_->send_due_messages(now); queued) {
        done.messages_queued = *queued;
        if (*queued > 0) spdlog::info("activities: {} reminders and feedback requests queued", *queued);
    }
    if (auto released = activities_->release_lapsed_holds(now); released) {
        done.holds_released = *released;
        if (*released > 0) spdlog::info("activities: {} guests' places let go (their link was not opened in time)", *released);
    }
    if (auto forgotten = activities_->forget_contacts(now, options_.accounts.keep_registration_contacts_days); forgotten) {
        done.contacts_forgotten = *forgotten;
        if (*forgotten > 0) spdlog::info("retention: names and contacts of {} past registrations removed", *forgotten);
    }
    if (auto removed = accounts_->purge(); removed) {
        done.records_removed = *removed;
        if (*removed > 0) spdlog::info("retention: removed {} expired records", *removed);
    } else {
        spdlog::warn("retention job failed: {}", removed.error().message);
    }
    return done;
}

Result<void> Application::reload() {
    if (auto r = site_->reload(); !r) return r;
    return guide_->reload();
}

void Application::resolve_language(Request& request) {
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

Response Application::render_error(const Request& request, const Error& error) const {
    const int status = http_status(error.code);
    const std::string message = error.code == ErrorCode::internal
                                    ? translator_->text(request.language,
                                                        "Something went wrong on our side.")
                                    : translator_->message(request.language, error);
    Response response;
    if (error.code == ErrorCode::unauthorized && !request.is_api()) {
        // A page that needs a signed-in person sends them to log in, and back afterwards.
        // The page (with its query) comes back percent-encoded as one value: never raw into a header.
        return Response::redirect("/" + std::string(code(request.language)) + "/login?next=" +
                                      http::percent_encode(request.raw.target()),
                                  303);
    }
    if (request.is_api() || !views_) {
        json::object body{{"error", json::object{{"code", error_code_name(error.code)},
                                                  {"message", message}}}};
        if (!error.field.empty()) body["error"].as_object()["field"] = error.field;
        response = Response::json(body, status);
    } else {
        web::Page page{.template_name = "error",
                       .title = message,
                       .status = status};
        page.data.set("message", message);
        page.data.set("status", std::to_string(status));
        page.data.set("not_found", error.code == ErrorCode::not_found);
        page.data.set("unavailable", error.code == ErrorCode::unavailable);
        page.data.set("home", "/" + std::string(code(request.language)) + "/");
        response = views_->render(request, std::move(page));
    }
    if (error.code == ErrorCode::unavailable) response.header("Retry-After", "30");
    return response;
}

http::Server& Application::server(const http::ServerOptions& options) {
    if (!views_) {
        static_files_ = std::make_unique<http::StaticFiles>(options_.resources / "static");
        // Leaflet comes from npm (web/package.json), installed by scripts/install-deps.sh.
        static_files_->mount(options_.resources / "web" / "node_modules" / "leaflet" / "dist", "vendor/leaflet");
        views_ = std::make_unique<web::Views>(options_.resources / "templates", *translator_,
                                              *static_files_);
        views_->set_layout_data(
            [this](Language language) { return site::layout_data(*site_, language); });
        build_routes();
        guide_->watch(options_.catalogue_poll);
        start_retention();
        mailer_->start();
    }
    http::ServerOptions server_options = options;
    // The map's tiles come from the tile server of the settings: the only other origin allowed.
    if (auto origin = url_origin(options_.tile_url); !origin.empty()) {
        const std::string directive = "img-src 'self' data:";
        auto& csp = server_options.content_security_policy;
        if (auto at = csp.find(directive); at != std::string::npos) csp.insert(at + directive.size(), " " + origin);
    }
    server_ = std::make_unique<http::Server>(
        server_options, router_, [this](const Request& r, const Error& e) { return render_error(r, e); },
        &Application::resolve_language, metrics_,
        accounts::session_middleware(*accounts_, options_.secure_cookies));
    return *server_;
}

void Application::build_routes() {
    router_.get(
        "/static/{*path}",
        [this](Request& request) { return static_files_->serve(request, request.path_param("path")); },
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
                return std::unexpected(Error::make(ErrorCode::not_found, "This page does not exist."));
            }
            return Response::text(metrics_.prometheus_text(),
                                  "text/plain; version=0.0.4; charset=utf-8");
        },
        http::Execution::io_thread);
    site::add_routes(router_, *site_, *views_, [this](Language language, web::mustache::data& data) {
        // The home page offers the guide's most common questions as one-tap searches.
        auto snapshot = guide_->snapshot();
        web::mustache::data popular{web::mustache::data::type::list};
        for (const char* id : {"aa-battery", "pizza-box", "yoghurt-pot", "water-bottle",
                               "glass-jar", "light-bulb"}) {
            if (const guide::Item* item = snapshot->catalogue.item(id)) {
                web::mustache::data chip;
                chip.set("label", item->name[static_cast<std::size_t>(language)]);
                chip.set("href", "/" + std::string(code(language)) + "/guide/item/" + item->id);
                popular.push_back(chip);
            }
        }
        data.set("popular", popular);
        data.set("has_popular", !popular.is_empty_list());
    }, options_.page_cache);
    guide::add_routes(router_, *guide_, *views_, [this](const Request& request, const std::string& channel,
                                                       web::mustache::data& data) {
        // The item page shows the nearest places that take its answer: from the browser's
        // location when the person allowed it (near=LAT,LON), else from a partner institution
        // chosen on the page (from=ID), the lead one at first.
        auto content = site_->content();
        const std::string from = request.query_param("from").value_or("");
        const site::Institution* centre = nullptr;
        web::mustache::data centres{web::mustache::data::type::list};
        for (const auto& inst : content->institutions) {
            if (!inst.latitude || !inst.longitude) continue;
            if (!centre || inst.id == from) centre = &inst;
            web::mustache::data c;
            c.set("id", inst.id);
            c.set("name", in(inst.short_name, request.language));
            c.set("selected", inst.id == from);
            centres.push_back(c);
        }
        data.set("centres", centres);
        if (!centre) return;  // no place to measure from: no nearest points
        double lat = *centre->latitude, lon = *centre->longitude;
        if (auto near = request.query_param("near")) {
            double a = 0, b = 0;
            if (std::sscanf(near->c_str(), "%lf,%lf", &a, &b) == 2 && a >= -90 && a <= 90 && b >= -180 && b <= 180) {
                lat = a;
                lon = b;
            }
        }
        auto nearest = points::nearest_view(*points_, channel, lat, lon, *views_, request.language);
        data.set("has_nearest", !nearest.is_empty_list());
        data.set("nearest", nearest);
    });
    activity_editor_ = std::make_unique<activities::Editor>(*db_, *activities_);
    activities::add_routes(router_, *activities_, *site_, *views_, options_.accounts.public_url, *activity_editor_);
    activities::add_participation_routes(router_, *activities_, *site_, *views_);
    activities::add_institution_routes(router_, *db_, *site_, *views_);
    points::add_routes(router_, points::Context{*points_, *guide_, *site_, *views_, options_.accounts.public_url,
                                                options_.tile_url, static_files_->has("vendor/leaflet/leaflet.js")});
    accounts::add_routes(router_, *accounts_, *mailer_, *views_, options_.secure_cookies);
    editor_ = std::make_unique<guide_editor::Editor>(*db_, *guide_);
    guide_editor::add_routes(router_, *editor_, *guide_, *db_, *views_);
}

}  // namespace skirosim::app
