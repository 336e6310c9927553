// The subcommands of `skirosim`, once their arguments are parsed (src/main.cpp parses them).
#pragma once

#include <string>
#include <vector>

#include "app/options.hpp"
#include "http/server.hpp"

namespace skirosim::app {

struct Command {
    enum class Kind {
        serve,
        migrate,
        import,
        export_data,
        search,
        add_account,
        backup,
        restore,
        chores
    };
    Kind kind = Kind::serve;
    // serve
    http::ServerOptions server;
    std::string port_file;
    // import (FILE), backup (FILE), restore (FILE)
    std::string file;
    // export
    std::string output = "-", items_csv;
    // search
    std::string query, search_language = "lv";
    std::size_t limit = 5;
    bool json = false, batch = false;
    // add-account (the password is read from standard input)
    std::string login, name, language = "lv", institution;
    std::vector<std::string> roles;
};

// Runs one subcommand; the process's exit status.
int run(const Command& command, const Options& options);

}  // namespace skirosim::app
