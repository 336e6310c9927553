// Benchmark inputs.
#include "catalogue_loader.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "guide/data_file.hpp"
#include "platform/exchange.hpp"

namespace skirosim::bench {

namespace fs = std::filesystem;

guide::CatalogueData load_profile_catalogue(const std::string& profile_dir) {
    auto documents = platform::read_profile(profile_dir);
    if (!documents)
        throw std::runtime_error(
            fill_placeholders(documents.error().message, documents.error().args));
    auto data = guide::parse_catalogue(platform::named(*documents), nullptr);
    if (!data) throw std::runtime_error(fill_placeholders(data.error().message, data.error().args));
    return std::move(*data);
}

std::vector<Query> load_queries(const std::string& dir) {
    std::vector<Query> queries;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("queries-") || entry.path().extension() != ".tsv") continue;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            auto a = line.find('\t'), b = line.find('\t', a + 1);
            if (a == std::string::npos || b == std::string::npos) continue;
            auto language = parse_language(line.substr(0, a));
            if (language)
                queries.push_back({*language, line.substr(a + 1, b - a - 1), line.substr(b + 1)});
        }
    }
    return queries;
}

guide::CatalogueData synthetic_catalogue(const guide::CatalogueData& base, std::size_t size) {
    static const std::array<LocalizedText, 8> kMaterials{{{"koka", "деревянный", "wooden"},
                                                          {"metāla", "металлический", "metal"},
                                                          {"plastmasas", "пластиковый", "plastic"},
                                                          {"stikla", "стеклянный", "glass"},
                                                          {"auduma", "тканевый", "fabric"},
                                                          {"papīra", "бумажный", "paper"},
                                                          {"gumijas", "резиновый", "rubber"},
                                                          {"ādas", "кожаный", "leather"}}};
    static const std::array<LocalizedText, 8> kColours{{{"sarkans", "красный", "red"},
                                                        {"zils", "синий", "blue"},
                                                        {"zaļš", "зелёный", "green"},
                                                        {"balts", "белый", "white"},
                                                        {"melns", "чёрный", "black"},
                                                        {"dzeltens", "жёлтый", "yellow"},
                                                        {"pelēks", "серый", "grey"},
                                                        {"brūns", "коричневый", "brown"}}};
    guide::CatalogueData data = base;
    std::mt19937 random(42);
    const std::size_t originals = base.items.size();
    for (std::size_t n = 0; data.items.size() < size; ++n) {
        const guide::Item& source = base.items[random() % originals];
        const auto& material = kMaterials[random() % kMaterials.size()];
        const auto& colour = kColours[random() % kColours.size()];
        guide::Item item;
        item.id = "synthetic-" + std::to_string(n);
        item.channel = source.channel;
        for (std::size_t l = 0; l < 3; ++l) {
            item.name[l] =
                material[l] + " " + colour[l] + " " + source.name[l] + " " + std::to_string(n);
            if (!source.synonyms[l].empty()) {
                item.synonyms[l].push_back(
                    colour[l] + " " + source.synonyms[l][random() % source.synonyms[l].size()]);
            }
        }
        data.items.push_back(std::move(item));
    }
    return data;
}

std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return pages_resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace skirosim::bench
