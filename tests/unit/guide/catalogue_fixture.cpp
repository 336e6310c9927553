// Loads data/daugavpils-kimija the way an import does, but into memory only.
#include "unit/guide/catalogue_fixture.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "guide/data_file.hpp"
#include "platform/exchange.hpp"
#include "support/test_env.hpp"

namespace skirosim::guide::testing {

namespace fs = std::filesystem;

const DefaultCatalogue& default_catalogue() {
    static const DefaultCatalogue loaded = [] {
        auto documents = platform::read_profile(fs::path(skirosim::testing::source_dir()) / "data" /
                                                "daugavpils-kimija");
        if (!documents) throw std::runtime_error(documents.error().message);
        auto data = parse_catalogue(platform::named(*documents), nullptr);
        if (!data) {
            throw std::runtime_error(fill_placeholders(data.error().message, data.error().args));
        }
        DefaultCatalogue result;
        result.catalogue = std::make_unique<Catalogue>(std::move(*data));
        result.index = std::make_unique<SearchIndex>(*result.catalogue,
                                                     std::unordered_map<std::string, long long>{});
        return result;
    }();
    return loaded;
}

std::vector<QueryCase> query_cases() {
    std::vector<QueryCase> cases;
    fs::path dir = fs::path(skirosim::testing::source_dir()) / "tests" / "data";
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("queries-") || entry.path().extension() != ".tsv") continue;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
            if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
            auto language = parse_language(line.substr(0, tab1));
            if (!language) continue;
            cases.push_back(
                {*language, line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1), name});
        }
    }
    return cases;
}

}  // namespace skirosim::guide::testing
