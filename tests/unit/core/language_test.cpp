// Language codes and Accept-Language negotiation.
#include <gtest/gtest.h>

#include "core/language.hpp"

namespace skirosim {
namespace {

TEST(Language, CodesRoundTrip) {
    for (Language language : kLanguages) {
        EXPECT_EQ(parse_language(code(language)), language);
    }
    EXPECT_FALSE(parse_language("de"));
    EXPECT_FALSE(parse_language(""));
    EXPECT_FALSE(parse_language("LV"));
}

TEST(Language, NegotiationPicksHighestQuality) {
    EXPECT_EQ(negotiate_language("ru-RU,ru;q=0.9,en;q=0.8"), Language::ru);
    EXPECT_EQ(negotiate_language("en;q=0.5, ru;q=0.7"), Language::ru);
    EXPECT_EQ(negotiate_language("de-DE, en;q=0.3"), Language::en);
    EXPECT_EQ(negotiate_language("EN-gb"), Language::en);
    EXPECT_EQ(negotiate_language("lv, ru;q=0.9"), Language::lv);
}

TEST(Language, NegotiationDefaultsToLatvian) {
    EXPECT_EQ(negotiate_language(""), Language::lv);
    EXPECT_EQ(negotiate_language("de, fr;q=0.9"), Language::lv);
    EXPECT_EQ(negotiate_language("*"), Language::lv);
    EXPECT_EQ(negotiate_language("ru;q=0"), Language::lv);  // q=0 means "not acceptable"
    EXPECT_EQ(negotiate_language("ru;q=abc, en;q=0.1"), Language::en);
    EXPECT_EQ(negotiate_language(",,,;;;q="), Language::lv);
}

}  // namespace
}  // namespace skirosim
