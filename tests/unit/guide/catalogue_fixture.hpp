// The default data profile's catalogue, loaded from data/ without a database, for search tests.
#pragma once

#include <memory>

#include "guide/search_index.hpp"

namespace skirosim::guide::testing {

struct DefaultCatalogue {
    std::unique_ptr<Catalogue> catalogue;
    std::unique_ptr<SearchIndex> index;
};

const DefaultCatalogue& default_catalogue();

struct QueryCase {
    Language language;
    std::string query;
    std::string expected;
    std::string file;
};
// tests/data/queries-*.tsv: lang<TAB>query<TAB>expected item id.
std::vector<QueryCase> query_cases();

}  // namespace skirosim::guide::testing
