// What each subcommand does with the application: it builds one, runs, and reports in English on
// the terminal (nothing from a file reaches the terminal as a control character).
#include "app/commands.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "accounts/module.hpp"
#include "app/application.hpp"
#include "core/utf8.hpp"
#include "guide/data_file.hpp"
#include "guide/module.hpp"
#include "points/data_file.hpp"
#include "storage/backup.hpp"

namespace skirosim::app {

namespace {

void print_error(const Application& application, const Error& error, const char* after = nullptr) {
    std::cerr << printable_for_terminal(application.translator().message(Language::en, error))
              << "\n";
    if (after) std::cerr << after << "\n";
}

// Items or points, told apart by their columns (points have lat and lon).
Result<boost::json::value> read_csv(const std::string& path) {
    auto text = platform::read_import_file(path);
    if (!text) return std::unexpected(text.error());
    const std::string header = text->substr(0, text->find('\n'));
    if (header.find(",lat,") != std::string::npos) return points::points_csv_document(*text, path);
    return guide::items_csv_document(*text, path);
}

Result<boost::json::value> read_document(const std::string& path) {
    if (path.ends_with(".csv")) return read_csv(path);
    auto value = platform::read_json_file(path);
    if (!value || !path.ends_with(".geojson")) return value;
    return points::geojson_document(*value, path);
}

void print_answers(const boost::json::object& answer) {
    const auto& results = answer.at("results").as_array();
    if (results.empty()) std::cout << "Nothing found.\n";
    for (const auto& r : results) {
        const auto& o = r.as_object();
        std::cout << o.at("name").as_string().c_str() << " → "
                  << o.at("channel").as_string().c_str();
        if (o.at("bin").is_object())
            std::cout << " (" << o.at("bin").at("name").as_string().c_str() << ")";
        std::cout << "\n";
    }
    if (answer.at("suggestion").is_string()) {
        std::cout << "Did you mean: " << answer.at("suggestion").as_string().c_str() << "?\n";
    }
}

int search(Application& application, const Command& command) {
    auto language = parse_language(command.search_language).value_or(Language::lv);
    auto& guide = application.module<guide::Module>().service();
    auto answer = [&](const std::string& text, Language in_language) {
        // Command-line searches are tests and scripts, not residents: they are not recorded.
        auto found = guide.search(text + " ", in_language, command.limit, false);
        return guide::Service::to_json(found, text, in_language);
    };
    if (!command.batch) {
        if (command.query.empty()) {
            std::cerr << "Give a QUERY, or --batch to read queries from standard input.\n";
            return 2;
        }
        auto result = answer(command.query, language);
        if (command.json)
            std::cout << boost::json::serialize(result) << "\n";
        else
            print_answers(result);
        return 0;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        Language line_language = language;
        std::string text = line;
        if (auto tab = line.find('\t'); tab != std::string::npos) {
            if (auto l = parse_language(line.substr(0, tab))) {
                line_language = *l;
                text = line.substr(tab + 1);
            }
        }
        if (!is_valid_utf8(text)) text.clear();
        std::cout << boost::json::serialize(answer(text, line_language)) << "\n";
    }
    return 0;
}

int add_account(Application& application, const Command& command) {
    std::string password;
    std::getline(std::cin, password);
    std::vector<RoleGrant> grants;
    for (const auto& role : command.roles)
        grants.push_back({role, role == "staff" ? command.institution : std::string()});
    auto created = application.module<accounts::Module>().service().create_confirmed(
        command.login, command.name, password, command.language, grants);
    if (!created) {
        print_error(application, created.error());
        return 1;
    }
    std::cout << "Created account " << *created << ".\n";
    return 0;
}

int import(Application& application, const Command& command) {
    auto document = read_document(command.file);
    if (!document) {
        print_error(application, document.error(), "Nothing was imported.");
        return 1;
    }
    if (auto imported =
            application.importer().import_documents({{command.file, std::move(*document)}});
        !imported) {
        print_error(application, imported.error(), "Nothing was imported.");
        return 1;
    }
    std::cout << "Imported " << command.file << ".\n";
    return 0;
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (out) return true;
    std::cerr << "Cannot write " << printable_for_terminal(path) << "\n";
    return false;
}

// Written whole under another name and renamed, so whoever waits for the file never reads half a
// number.
void write_port_file(const std::string& path, unsigned short port) {
    const std::string partial = path + ".partial";
    if (write_file(partial, std::to_string(port) + "\n"))
        std::rename(partial.c_str(), path.c_str());
}

int export_data(Application& application, const Command& command) {
    auto exported = application.importer().export_all();
    if (!exported) {
        print_error(application, exported.error());
        return 1;
    }
    if (!command.items_csv.empty() &&
        !write_file(command.items_csv,
                    guide::export_items_csv(
                        application.module<guide::Module>().service().snapshot()->catalogue))) {
        return 1;
    }
    const std::string text = boost::json::serialize(*exported) + "\n";
    if (command.output == "-") {
        std::cout << text;
        return 0;
    }
    return write_file(command.output, text) ? 0 : 1;
}

int chores(Application& application) {
    for (const auto& line : application.run_chores_once())
        std::cout << line.what << ": " << line.count << "\n";
    std::cout << "Queued and done.\n";
    return 0;
}

int serve(Application& application, const Command& command) {
    auto& server = application.server(command.server);
    server.listen();
    spdlog::info("serving on http://{}:{}", command.server.address, server.port());
    // Said at start because links in messages are only right once someone sets it (issue #15).
    spdlog::info("links in messages use {} (--public-url or SKIROSIM_PUBLIC_URL changes it)",
                 application.platform().public_url());
    if (!command.port_file.empty()) write_port_file(command.port_file, server.port());
    server.run();
    return 0;
}

// Backups work on the database file itself: no application (migrations, data) is needed, and a
// restore must not create the database it is about to replace.
int backup_or_restore(const Command& command, const Options& options) {
    auto url = storage::DatabaseUrl::parse(options.database);
    if (!url || url->backend != storage::Backend::sqlite) {
        std::cerr << "backup and restore are for SQLite; on PostgreSQL use pg_dump and pg_restore "
                     "(see the README).\n";
        return 2;
    }
    const bool backing_up = command.kind == Command::Kind::backup;
    auto done = backing_up ? storage::backup_sqlite(url->sqlite_path, command.file)
                           : storage::restore_sqlite(command.file, url->sqlite_path);
    if (!done) {
        std::cerr << printable_for_terminal(
                         fill_placeholders(done.error().message, done.error().args))
                  << "\n";
        return 1;
    }
    std::cout << printable_for_terminal(backing_up ? "Copied the database into " + command.file
                                                   : "Restored " + url->sqlite_path + " from " +
                                                         command.file)
              << ".\n";
    return 0;
}

}  // namespace

int run(const Command& command, const Options& options) {
    if (command.kind == Command::Kind::backup || command.kind == Command::Kind::restore) {
        return backup_or_restore(command, options);
    }
    try {
        Application application(options);
        switch (command.kind) {
            case Command::Kind::migrate:
                std::cout << "The database is up to date.\n";
                return 0;
            case Command::Kind::add_account:
                return add_account(application, command);
            case Command::Kind::chores:
                return chores(application);
            case Command::Kind::search:
                return search(application, command);
            case Command::Kind::import:
                return import(application, command);
            case Command::Kind::export_data:
                return export_data(application, command);
            case Command::Kind::serve:
                return serve(application, command);
            case Command::Kind::backup:
            case Command::Kind::restore:
                break;
        }
    } catch (const std::exception& e) {
        std::cerr << "skirosim: " << printable_for_terminal(e.what()) << "\n";
        return 1;
    }
    return 0;
}

}  // namespace skirosim::app
