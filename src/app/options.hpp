// Settings shared by every subcommand (flags, else SKIROSIM_* environment variables).
#pragma once

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
};

}  // namespace skirosim::app
