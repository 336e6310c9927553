// Settings shared by every subcommand (flags, else SKIROSIM_* environment variables).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace skirosim::app {

struct Options {
    std::string database = "sqlite:skirosim.db";
    std::filesystem::path resources;   // holds templates/, static/, migrations/, data/
    std::filesystem::path locale_dir;  // compiled .mo catalogues
    std::string profile = "daugavpils-kimija";
    bool empty = false;                // do not load the default data into a new database
    std::size_t pool_size = 8;
    // How often a server checks whether another process changed the catalogue.
    std::chrono::milliseconds catalogue_poll{2000};
};

}  // namespace skirosim::app
