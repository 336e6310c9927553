// The skirosim command: parses arguments, builds the application, runs one subcommand.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "app/commands.hpp"

#ifndef SKIROSIM_DEFAULT_RESOURCES
#define SKIROSIM_DEFAULT_RESOURCES "."
#endif
#ifndef SKIROSIM_DEFAULT_LOCALE_DIR
#define SKIROSIM_DEFAULT_LOCALE_DIR "locale"
#endif
#ifndef SKIROSIM_VERSION
#define SKIROSIM_VERSION "0.0.0"
#endif

namespace {

using skirosim::app::Command;
using skirosim::app::Options;

// "HOST:PORT", "[::1]:PORT" or ":PORT".
bool parse_listen(const std::string& text, skirosim::http::ServerOptions& server) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) return false;
    std::string host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    try {
        int port = std::stoi(text.substr(colon + 1));
        if (port < 0 || port > 65535) return false;
        server.port = static_cast<unsigned short>(port);
    } catch (const std::exception&) {
        return false;
    }
    server.address = host.empty() ? "0.0.0.0" : host;
    return true;
}

// A password or token kept in a file of its own: the first line.
std::optional<std::string> read_secret(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// "2026-12-01T09:00:00+02:00" or "…Z" → that moment.
std::optional<skirosim::platform::Clock::time_point> parse_moment(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se,
                    &consumed) != 6)
        return std::nullopt;
    const std::string zone = text.substr(static_cast<std::size_t>(consumed));
    int offset_minutes = 0;
    if (zone != "Z") {
        int oh = 0, om = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
            std::sscanf(zone.c_str() + 1, "%2d:%2d", &oh, &om) != 2) {
            return std::nullopt;
        }
        offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
    }
    const std::chrono::year_month_day date{std::chrono::year{y},
                                           std::chrono::month{static_cast<unsigned>(mo)},
                                           std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
    return std::chrono::sys_days{date} + std::chrono::hours{h} +
           std::chrono::minutes{mi - offset_minutes} + std::chrono::seconds{se};
}

}  // namespace

int main(int argc, char** argv) {
    // A file-size limit reached while writing is a failed write (the database says "disk full"
    // and the request gets a clear answer), not the end of the server.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App cli{"Šķirosim: a neighbourhood waste-sorting initiative, end to end."};
    cli.require_subcommand(1);
    // Options of the whole command may also follow the subcommand (`skirosim serve --database …`).
    cli.fallthrough();
    Options options;
    options.resources = SKIROSIM_DEFAULT_RESOURCES;
    options.locale_dir = SKIROSIM_DEFAULT_LOCALE_DIR;
    std::string resources = options.resources.string();
    std::string locale_dir = options.locale_dir.string();
    std::string log_level = "info";

    cli.add_option("--database", options.database, "sqlite:PATH or postgresql://USER@HOST/DATABASE")
        ->envname("SKIROSIM_DATABASE")
        ->capture_default_str();
    cli.add_option("--resources", resources,
                   "Folder with templates/, static/, migrations/ and data/")
        ->envname("SKIROSIM_RESOURCES")
        ->capture_default_str();
    cli.add_option("--locale-dir", locale_dir, "Folder with compiled .mo catalogues")
        ->envname("SKIROSIM_LOCALE_DIR")
        ->capture_default_str();
    cli.add_option(
           "--profile", options.profile,
           "Data profile for a new database: a folder name under data/, or a path to a folder")
        ->envname("SKIROSIM_PROFILE")
        ->capture_default_str();
    cli.add_flag("--empty", options.empty, "Do not load the data profile into a new database")
        ->envname("SKIROSIM_EMPTY");
    cli.add_option("--pool-size", options.pool_size, "Database sessions in the pool")
        ->envname("SKIROSIM_POOL_SIZE")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    cli.add_option("--log-level", log_level, "trace, debug, info, warn, error")
        ->envname("SKIROSIM_LOG_LEVEL")
        ->capture_default_str();

    Command command;
    skirosim::http::ServerOptions& server_options = command.server;
    std::string clock_start;
    cli.add_option(
           "--clock-start", clock_start,
           "Run as if it were this moment when the program starts, e.g. 2026-12-01T09:00:00+02:00 "
           "(demonstrations and tests; the clock runs on from there)")
        ->envname("SKIROSIM_CLOCK_START");
    std::string listen = "127.0.0.1:8080";
    auto* serve = cli.add_subcommand("serve", "Serve the site and the API");
    serve->add_option("--listen", listen, "HOST:PORT to listen on")
        ->envname("SKIROSIM_LISTEN")
        ->capture_default_str();
    serve->add_option("--io-threads", server_options.io_threads, "Threads for network I/O")
        ->envname("SKIROSIM_IO_THREADS")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    serve
        ->add_option("--workers", server_options.worker_threads,
                     "Threads for handlers that use the database")
        ->envname("SKIROSIM_WORKERS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    std::string& port_file = command.port_file;
    bool insecure_cookies = false;
    serve
        ->add_flag("--insecure-cookies", insecure_cookies,
                   "Send cookies over plain HTTP too (only behind no proxy, on a trusted network)")
        ->envname("SKIROSIM_INSECURE_COOKIES");
    serve
        ->add_option("--public-url", options.public_url,
                     "The address people use, for links in messages")
        ->envname("SKIROSIM_PUBLIC_URL")
        ->capture_default_str();
    long long catalogue_poll_ms = options.catalogue_poll.count();
    serve
        ->add_option("--catalogue-poll-ms", catalogue_poll_ms,
                     "How often to look for catalogue changes by other servers (PostgreSQL also "
                     "tells at once)")
        ->envname("SKIROSIM_CATALOGUE_POLL_MS")
        ->check(CLI::Range(50LL, 3600000LL))
        ->capture_default_str();
    serve->add_option("--tile-url", options.tile_url, "Map tiles, with {z}/{x}/{y}")
        ->envname("SKIROSIM_TILE_URL")
        ->capture_default_str();
    serve
        ->add_option("--smtp-relay", options.smtp.host,
                     "SMTP server for e-mail (none: messages wait in the outbox)")
        ->envname("SKIROSIM_SMTP_RELAY");
    serve
        ->add_option("--smtp-port", options.smtp.port,
                     "SMTP server port (587 for STARTTLS, 465 for TLS)")
        ->envname("SKIROSIM_SMTP_PORT")
        ->capture_default_str();
    std::string smtp_tls = "starttls", smtp_password_file, sms_secret_file, metrics_token_file;
    serve
        ->add_option("--smtp-tls", smtp_tls,
                     "starttls (required), tls (from the first byte) or none")
        ->envname("SKIROSIM_SMTP_TLS")
        ->check(CLI::IsMember({"starttls", "tls", "none"}))
        ->capture_default_str();
    serve->add_option("--smtp-user", options.smtp.user, "Login at the SMTP server (none: no login)")
        ->envname("SKIROSIM_SMTP_USER");
    serve->add_option("--smtp-password-file", smtp_password_file, "File holding the SMTP password")
        ->envname("SKIROSIM_SMTP_PASSWORD_FILE")
        ->check(CLI::ExistingFile);
    serve
        ->add_option("--smtp-ca-file", options.smtp.ca_file,
                     "Certificate of a private authority that signed the SMTP server's")
        ->envname("SKIROSIM_SMTP_CA_FILE")
        ->check(CLI::ExistingFile);
    serve->add_option("--smtp-from", options.smtp.from, "Sender address of e-mail")
        ->envname("SKIROSIM_SMTP_FROM")
        ->capture_default_str();
    serve
        ->add_option(
            "--sms-url", options.sms.url,
            "HTTP SMS gateway that text messages are POSTed to (none: they wait in the outbox)")
        ->envname("SKIROSIM_SMS_URL");
    serve->add_option("--sms-body", options.sms.body, "The request body, with {to} and {text}")
        ->envname("SKIROSIM_SMS_BODY")
        ->capture_default_str();
    serve
        ->add_option("--sms-content-type", options.sms.content_type,
                     "Its content type (JSON or a form)")
        ->envname("SKIROSIM_SMS_CONTENT_TYPE")
        ->capture_default_str();
    serve
        ->add_option("--sms-secret-file", sms_secret_file,
                     "File holding the gateway's token (sent as a Bearer token)")
        ->envname("SKIROSIM_SMS_SECRET_FILE")
        ->check(CLI::ExistingFile);
    std::vector<std::string> trusted_proxies;
    serve
        ->add_option(
            "--trusted-proxy", trusted_proxies,
            "Address or CIDR range of a proxy whose X-Forwarded-For is believed (repeatable)")
        ->envname("SKIROSIM_TRUSTED_PROXIES")
        ->delimiter(',');
    serve
        ->add_option("--metrics-token-file", metrics_token_file,
                     "File holding a token that opens /metrics from elsewhere than this machine")
        ->envname("SKIROSIM_METRICS_TOKEN_FILE")
        ->check(CLI::ExistingFile);
    serve
        ->add_option("--guest-registrations-per-address-hour",
                     options.activities.guests.per_address.events,
                     "Registrations without an account from one address in an hour (a library PC "
                     "may need more)")
        ->envname("SKIROSIM_GUEST_REGISTRATIONS_PER_ADDRESS_HOUR")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    serve
        ->add_option(
            "--guest-registrations-per-contact-day", options.activities.guests.per_contact.events,
            "Registrations without an account for one e-mail address or phone number in a day")
        ->envname("SKIROSIM_GUEST_REGISTRATIONS_PER_CONTACT_DAY")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    long long guest_hold_minutes = options.activities.guests.hold.count();
    serve
        ->add_option("--guest-hold-minutes", guest_hold_minutes,
                     "How long a guest's places are held until the link sent to them is opened")
        ->envname("SKIROSIM_GUEST_HOLD_MINUTES")
        ->check(CLI::Range(5LL, 24LL * 60))
        ->capture_default_str();
    serve
        ->add_option("--keep-login-attempts-days", options.accounts.keep_login_attempts_days,
                     "Days log-in attempts are kept")
        ->envname("SKIROSIM_KEEP_LOGIN_ATTEMPTS_DAYS")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    serve
        ->add_option("--keep-sent-messages-days", options.keep_sent_messages_days,
                     "Days sent messages stay in the outbox")
        ->envname("SKIROSIM_KEEP_SENT_MESSAGES_DAYS")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    serve
        ->add_option(
            "--keep-registration-contacts-days", options.activities.keep_registration_contacts_days,
            "Days after an activity that the names and contacts of those registered are kept")
        ->envname("SKIROSIM_KEEP_REGISTRATION_CONTACTS_DAYS")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    serve
        ->add_option("--keep-unconfirmed-days", options.accounts.keep_unconfirmed_days,
                     "Days an unconfirmed sign-up is kept")
        ->envname("SKIROSIM_KEEP_UNCONFIRMED_DAYS")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    serve
        ->add_option("--port-file", port_file,
                     "Write the port actually bound here (useful with :0)")
        ->envname("SKIROSIM_PORT_FILE");

    auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
    std::string& import_file = command.file;
    auto* import = cli.add_subcommand("import", "Import a data file (all or nothing)");
    import->add_option("FILE", import_file, "A skirosim/1 JSON document")
        ->required()
        ->check(CLI::ExistingFile);
    std::string& export_file = command.output;
    auto* export_cmd = cli.add_subcommand(
        "export",
        "Write the shared data (catalogue, places, institutions, points, activities) as a "
        "skirosim/1 "
        "document; accounts, registrations, reports and the logs are not in it (use backup)");
    export_cmd->add_option("--output,-o", export_file, "File to write, - for standard output")
        ->capture_default_str();
    std::string& items_csv = command.items_csv;
    export_cmd->add_option("--items-csv", items_csv,
                           "Also write the guide's items as CSV to this file");
    auto* version = cli.add_subcommand("version", "Print the version");
    auto* chores = cli.add_subcommand(
        "chores", "Run the server's periodic jobs once now (reminders, lapsed places, retention)");
    std::string &backup_file = command.file, &restore_file = command.file;
    auto* backup = cli.add_subcommand(
        "backup", "Copy the SQLite database as it is now into FILE, while the server runs");
    backup->add_option("FILE", backup_file, "A new file for the copy")->required();
    auto* restore = cli.add_subcommand(
        "restore",
        "Replace the SQLite database with a copy made by backup (stop the server first)");
    restore->add_option("FILE", restore_file, "The copy")->required()->check(CLI::ExistingFile);

    auto* add_account =
        cli.add_subcommand("add-account",
                           "Create a confirmed account with roles (the first administrator); the "
                           "password is read from standard input");
    std::string &account_login = command.login, &account_name = command.name,
                &account_language = command.language;
    std::vector<std::string>& account_roles = command.roles;
    std::string& account_institution = command.institution;
    add_account->add_option("LOGIN", account_login, "E-mail address or phone number")->required();
    add_account->add_option("--name", account_name, "Display name")->required();
    add_account->add_option("--language", account_language, "lv, ru or en")
        ->check(CLI::IsMember({"lv", "ru", "en"}))
        ->capture_default_str();
    add_account
        ->add_option("--role", account_roles, "administrator, coordinator or staff (repeatable)")
        ->check(CLI::IsMember({"administrator", "coordinator", "staff"}));
    add_account->add_option("--institution", account_institution,
                            "The institution of a staff role");

    auto* search = cli.add_subcommand("search", "Ask the sorting guide where things go");
    std::string& search_lang = command.search_language;
    std::size_t& search_limit = command.limit;
    bool &search_json = command.json, &search_batch = command.batch;
    std::string& search_query = command.query;
    search->add_option("--lang", search_lang, "lv, ru or en: the language of the answers")
        ->check(CLI::IsMember({"lv", "ru", "en"}))
        ->capture_default_str();
    search->add_option("--limit", search_limit, "How many answers")
        ->check(CLI::Range(1, 50))
        ->capture_default_str();
    search->add_flag("--json", search_json, "Print the API's JSON");
    search->add_flag("--batch", search_batch,
                     "Read one query per line (or LANG<TAB>QUERY) from standard input; write one "
                     "JSON object per line, in order");
    search->add_option("QUERY", search_query, "What to look for");

    CLI11_PARSE(cli, argc, argv);
    options.resources = resources;
    options.locale_dir = locale_dir;
    options.secure_cookies = !insecure_cookies;
    options.catalogue_poll = std::chrono::milliseconds(catalogue_poll_ms);
    options.activities.guests.hold = std::chrono::minutes(guest_hold_minutes);
    options.smtp.security = smtp_tls == "tls"    ? skirosim::platform::SmtpSecurity::tls
                            : smtp_tls == "none" ? skirosim::platform::SmtpSecurity::none
                                                 : skirosim::platform::SmtpSecurity::starttls;
    if (!clock_start.empty()) {
        options.clock_start = parse_moment(clock_start);
        if (!options.clock_start) {
            std::cerr << "--clock-start must be a moment like 2026-12-01T09:00:00+02:00\n";
            return 2;
        }
    }
    for (auto [file, target] : {std::pair{&smtp_password_file, &options.smtp.password},
                                {&sms_secret_file, &options.sms.secret},
                                {&metrics_token_file, &options.metrics_token}}) {
        if (file->empty()) continue;
        auto secret = read_secret(*file);
        if (!secret) {
            std::cerr << "Cannot read " << *file << "\n";
            return 2;
        }
        *target = *secret;
    }
    {
        auto proxies = skirosim::http::TrustedProxies::parse(trusted_proxies);
        if (!proxies) {
            std::cerr << "--trusted-proxy: "
                      << skirosim::fill_placeholders(proxies.error().message, proxies.error().args)
                      << "\n";
            return 2;
        }
        server_options.trusted_proxies = std::move(*proxies);
    }
    spdlog::set_level(spdlog::level::from_str(log_level));
    // Logs go to stderr so that export and search output stay clean on stdout.
    spdlog::set_default_logger(spdlog::stderr_color_mt("skirosim"));
    spdlog::set_level(spdlog::level::from_str(log_level));

    if (version->parsed()) {
        std::cout << "skirosim " << SKIROSIM_VERSION << "\n";
        return 0;
    }
    if (serve->parsed() && !parse_listen(listen, server_options)) {
        std::cerr << "--listen must be HOST:PORT, for example 127.0.0.1:8080\n";
        return 2;
    }
    using Kind = Command::Kind;
    const std::vector<std::pair<CLI::App*, Kind>> kinds{
        {serve, Kind::serve},   {migrate, Kind::migrate},
        {import, Kind::import}, {export_cmd, Kind::export_data},
        {search, Kind::search}, {add_account, Kind::add_account},
        {backup, Kind::backup}, {restore, Kind::restore},
        {chores, Kind::chores}};
    for (const auto& [sub, kind] : kinds) {
        if (sub->parsed()) command.kind = kind;
    }
    return skirosim::app::run(command, options);
}
