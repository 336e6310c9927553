// Top-1 accuracy on realistic queries (typos, no diacritics, inflected forms, Russian in Latin
// letters), written apart from the catalogue; the target is 95 %.
#include <gtest/gtest.h>

#include "unit/guide/catalogue_fixture.hpp"

namespace skirosim::guide {
namespace {

TEST(SearchQuality, TopOneAccuracyOnRealisticQueries) {
    const auto& fixture = testing::default_catalogue();
    const auto cases = testing::query_cases();
    ASSERT_GE(cases.size(), 150u);
    std::size_t right = 0;
    std::string misses;
    for (const auto& c : cases) {
        ASSERT_NE(fixture.catalogue->item(c.expected), nullptr)
            << c.file << ": unknown id " << c.expected;
        auto outcome = fixture.index->search(c.query + " ", c.language, 3);
        const std::string got = outcome.hits.empty()
                                    ? "(nothing)"
                                    : fixture.catalogue->items()[outcome.hits[0].item].id;
        if (got == c.expected) {
            ++right;
        } else {
            misses += "  " + std::string(code(c.language)) + " \"" + c.query + "\" → " + got +
                      " (expected " + c.expected + ")\n";
        }
    }
    const double accuracy = static_cast<double>(right) / static_cast<double>(cases.size());
    std::cout << "top-1 accuracy: " << right << "/" << cases.size() << " = " << accuracy * 100
              << "%\n";
    EXPECT_GE(accuracy, 0.95) << "misses:\n" << misses;
    if (!misses.empty()) std::cout << "misses:\n" << misses;
}

}  // namespace
}  // namespace skirosim::guide
