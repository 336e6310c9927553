// Loads a data profile's catalogue and the query set from files, and makes large synthetic
// catalogues, for the benchmarks.
#pragma once

#include <string>
#include <vector>

#include "guide/model.hpp"

namespace skirosim::bench {

struct Query {
    Language language;
    std::string text;
    std::string expected;
};

guide::CatalogueData load_profile_catalogue(const std::string& profile_dir);
std::vector<Query> load_queries(const std::string& tests_data_dir);
// The profile's items plus generated ones ("<material> <colour> <item name> <n>") up to `size`.
guide::CatalogueData synthetic_catalogue(const guide::CatalogueData& base, std::size_t size);
// Resident memory of this process, in bytes.
std::size_t resident_bytes();

}  // namespace skirosim::bench
