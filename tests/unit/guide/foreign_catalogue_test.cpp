// Another town's catalogue (Toronto's 2019 Waste Wizard, ../shared/data): it goes through our
// exchange format, and its own keywords find their entries, also with a typo.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "guide/data_file.hpp"
#include "guide/search_index.hpp"
#include "support/test_env.hpp"

namespace skirosim::guide {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

fs::path toronto_file() {
    return fs::path(skirosim::testing::source_dir()).parent_path() / "shared" / "data" /
           "toronto_waste_wizard_2019.json";
}

std::string trim(std::string s) {
    auto a = s.find_first_not_of(" \t\n"), b = s.find_last_not_of(" \t\n");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// Toronto's bins, as our channels.
std::string channel_for(const std::string& category) {
    static const std::map<std::string, std::string> kMap{
        {"Blue Bin", "plastic"},   {"Garbage", "mixed"},     {"Green Bin", "bio"},
        {"HHW", "hazardous"},      {"Oversize", "bulky"},    {"Depot", "hazardous"},
        {"Metal Items", "bulky"},  {"Yard Waste", "bio"},    {"Electronic Waste", "electronics"},
        {"Christmas Tree", "bio"}, {"Not Accepted", "mixed"}};
    auto it = kMap.find(category);
    return it == kMap.end() ? "mixed" : it->second;
}

struct Toronto {
    std::unique_ptr<Catalogue> catalogue;
    std::unique_ptr<SearchIndex> index;
    std::map<std::string, std::set<std::string>> entries_of_keyword;  // keyword → item ids
};

const Toronto& toronto() {
    static const Toronto loaded = [] {
        std::ifstream in(toronto_file());
        std::stringstream text;
        text << in.rdbuf();
        json::array source = json::parse(text.str()).as_array();
        Toronto t;
        json::array items;
        int n = 0;
        for (const auto& entry : source) {
            const std::string id = "toronto-" + std::to_string(n++);
            const std::string title(entry.at("title").as_string());
            json::array keywords;
            std::stringstream list(std::string(entry.at("keywords").as_string()));
            std::string keyword;
            while (std::getline(list, keyword, ',')) {
                keyword = trim(keyword);
                if (keyword.empty()) continue;
                keywords.emplace_back(keyword);
                t.entries_of_keyword[keyword].insert(id);
            }
            // Toronto's catalogue is English only; the test copies it into lv and ru, which
            // our format requires (a real import would translate).
            items.push_back(json::object{
                {"id", id},
                {"channel", channel_for(std::string(entry.at("category").as_string()))},
                {"name", json::object{{"lv", title}, {"ru", title}, {"en", title}}},
                {"synonyms",
                 json::object{{"lv", json::array{}}, {"ru", json::array{}}, {"en", keywords}}}});
        }
        static json::value document = json::object{{"format", "skirosim/1"}, {"items", items}};
        auto data =
            parse_catalogue({NamedDocument{"toronto.json", JsonReader(document, "")}}, nullptr);
        if (!data)
            throw std::runtime_error(fill_placeholders(data.error().message, data.error().args));
        t.catalogue = std::make_unique<Catalogue>(std::move(*data));
        t.index = std::make_unique<SearchIndex>(*t.catalogue,
                                                std::unordered_map<std::string, long long>{});
        return t;
    }();
    return loaded;
}

TEST(ForeignCatalogue, ImportsThroughTheExchangeFormat) {
    ASSERT_TRUE(fs::exists(toronto_file())) << toronto_file();
    EXPECT_EQ(toronto().catalogue->items().size(), 188u);
    EXPECT_GT(toronto().index->term_count(), 2000u);
}

TEST(ForeignCatalogue, EveryKeywordFindsItsEntry) {
    const auto& t = toronto();
    std::size_t right = 0, total = 0;
    std::string misses;
    for (const auto& [keyword, ids] : t.entries_of_keyword) {
        ++total;
        auto outcome = t.index->search(keyword + " ", Language::en, 1);
        if (!outcome.hits.empty() && ids.contains(t.catalogue->items()[outcome.hits[0].item].id)) {
            ++right;
        } else if (misses.size() < 2000) {
            misses += " \"" + keyword + "\"";
        }
    }
    const double accuracy = static_cast<double>(right) / static_cast<double>(total);
    std::cout << "Toronto keywords: " << right << "/" << total << " = " << accuracy * 100 << "%\n";
    EXPECT_GE(accuracy, 0.95) << "misses:" << misses;
}

TEST(ForeignCatalogue, KeywordsWithATypoStillFindTheirEntry) {
    const auto& t = toronto();
    std::size_t right = 0, total = 0;
    for (const auto& [keyword, ids] : t.entries_of_keyword) {
        // One transposition in the middle of single words of six letters or more.
        if (keyword.size() < 6 || keyword.find(' ') != std::string::npos) continue;
        std::string typo = keyword;
        std::swap(typo[typo.size() / 2], typo[typo.size() / 2 + 1]);
        if (typo == keyword) continue;
        ++total;
        auto outcome = t.index->search(typo + " ", Language::en, 1);
        if (!outcome.hits.empty() && ids.contains(t.catalogue->items()[outcome.hits[0].item].id))
            ++right;
    }
    ASSERT_GT(total, 200u);
    const double accuracy = static_cast<double>(right) / static_cast<double>(total);
    std::cout << "Toronto keywords with a typo: " << right << "/" << total << " = "
              << accuracy * 100 << "%\n";
    EXPECT_GE(accuracy, 0.85);
}

// Typing: each keyword cut to half its last word (at least four letters), no space after it.
// Right when the first answer is an entry of a keyword that starts with what was typed ("compu"
// may mean "computer" or "computer mouse"; both are fine, plumbing fixtures are not).
TEST(ForeignCatalogue, HalfAWordTypedFindsItsEntry) {
    const auto& t = toronto();
    std::size_t right = 0, total = 0;
    std::string misses;
    for (const auto& [keyword, ids] : t.entries_of_keyword) {
        const auto space = keyword.rfind(' ');
        const std::size_t last =
            space == std::string::npos ? keyword.size() : keyword.size() - space - 1;
        const std::size_t keep = std::max<std::size_t>(4, (last + 1) / 2);
        if (keep >= last) continue;
        const std::string typed = keyword.substr(0, keyword.size() - last + keep);
        std::set<std::string> meant;
        for (const auto& [other, other_ids] : t.entries_of_keyword)
            if (other.starts_with(typed)) meant.insert(other_ids.begin(), other_ids.end());
        ++total;
        auto outcome = t.index->search(typed, Language::en, 1);
        if (!outcome.hits.empty() && meant.contains(t.catalogue->items()[outcome.hits[0].item].id))
            ++right;
        else if (misses.size() < 2000)
            misses += " \"" + typed + "\"";
    }
    ASSERT_GT(total, 1000u);
    const double accuracy = static_cast<double>(right) / static_cast<double>(total);
    std::cout << "Toronto keywords typed halfway: " << right << "/" << total << " = "
              << accuracy * 100 << "%\n";
    EXPECT_GE(accuracy, 0.97) << "misses:" << misses;
}

}  // namespace
}  // namespace skirosim::guide
