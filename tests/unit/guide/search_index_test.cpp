// The engine's behaviour on a small catalogue written for each rule.
#include <gtest/gtest.h>

#include "guide/search_index.hpp"

namespace skirosim::guide {
namespace {

Item make(std::string id, std::string channel, LocalizedText name, LocalizedList synonyms = {}) {
    Item item;
    item.id = std::move(id);
    item.channel = std::move(channel);
    item.name = std::move(name);
    item.synonyms = std::move(synonyms);
    return item;
}

class SearchIndexTest : public ::testing::Test {
protected:
    SearchIndexTest()
        : catalogue_([] {
              CatalogueData data;
              data.items.push_back(make("battery", "batteries",
                                        {"baterija", "батарейка", "battery"},
                                        {{{"baterijas"}, {"батарейки"}, {"batteries"}}}));
              data.items.push_back(
                  make("car-battery", "hazardous",
                       {"automašīnas akumulators", "автомобильный аккумулятор", "car battery"}));
              data.items.push_back(make("pizza-box", "paper",
                                        {"picas kārba", "коробка от пиццы", "pizza box"},
                                        {{{"picas kaste"}, {}, {"pizza carton"}}}));
              data.items.push_back(make("cardboard-box", "paper",
                                        {"kartona kaste", "картонная коробка", "cardboard box"}));
              data.items.push_back(make("bottle", "plastic", {"pudele", "бутылка", "bottle"}));
              data.items.push_back(make("bottle-cap", "plastic",
                                        {"pudeles korķis", "крышка от бутылки", "bottle cap"},
                                        {{{}, {}, {"bottle top"}}}));
              data.items.push_back(
                  make("glass-jar", "glass", {"stikla burka", "стеклянная банка", "glass jar"}));
              data.items.push_back(
                  make("fridge", "electronics", {"ledusskapis", "холодильник", "fridge"}));
              data.items.push_back(make("wardrobe", "bulky", {"drēbju skapis", "шкаф", "wardrobe"},
                                        {{{"skapis"}, {}, {}}}));
              data.items.push_back(
                  make("ice-tea-bottle", "plastic",
                       {"ledus tējas pudele", "бутылка холодного чая", "ice tea bottle"}));
              data.items.push_back(make("compost", "bio", {"komposts", "компост", "compost"}));
              data.items.push_back(
                  make("computer", "electronics", {"dators", "компьютер", "computer"}));
              return Catalogue(std::move(data));
          }()),
          index_(catalogue_, {}) {}

    std::string top(std::string_view query, Language language = Language::en) const {
        auto outcome = index_.search(query, language, 5);
        return outcome.hits.empty() ? "" : catalogue_.items()[outcome.hits[0].item].id;
    }
    std::vector<std::string> ids(std::string_view query) const {
        std::vector<std::string> out;
        for (const auto& hit : index_.search(query, Language::en, 10).hits)
            out.push_back(catalogue_.items()[hit.item].id);
        return out;
    }

    Catalogue catalogue_;
    SearchIndex index_;
};

TEST_F(SearchIndexTest, CaseDiacriticsAndScriptDoNotMatter) {
    EXPECT_EQ(top("BATERIJA "), "battery");
    EXPECT_EQ(top("picas karba "), "pizza-box");
    EXPECT_EQ(top("batareika "), "battery");  // Russian in Latin letters
    EXPECT_EQ(top("korobka ot piccy "), "pizza-box");
    EXPECT_EQ(top("БАТАРЕЙКА "), "battery");
}

TEST_F(SearchIndexTest, InflectedFormsFindTheirItem) {
    EXPECT_EQ(top("bateriju "), "battery");   // Latvian genitive
    EXPECT_EQ(top("батарейку "), "battery");  // Russian accusative
    EXPECT_EQ(top("pudeles "), "bottle");     // plural: the bottle, not "pudeles korķis"
    EXPECT_EQ(top("pudeli "), "bottle");      // Latvian accusative: stem of "pudele"
    EXPECT_EQ(top("butylku "), "bottle");     // Russian accusative, in Latin letters
    EXPECT_EQ(top("bottles "), "bottle");
}

TEST_F(SearchIndexTest, ACompoundWrittenApartFindsTheWholeWord) {
    // Not the wardrobe ("skapis") nor the ice tea ("ledus"): the fridge, "ledusskapis".
    EXPECT_EQ(top("ledus skapis ", Language::lv), "fridge");
    EXPECT_EQ(top("LEDUS SKAPIS ", Language::lv), "fridge");
    EXPECT_EQ(top("ledus skapis", Language::lv), "fridge");  // while typing, the word complete
    // A phrase the catalogue has as it was typed stays as it is.
    EXPECT_EQ(top("ledus tējas pudele ", Language::lv), "ice-tea-bottle");
    EXPECT_EQ(top("drēbju skapis ", Language::lv), "wardrobe");
}

TEST_F(SearchIndexTest, WordsWrittenTogetherAreSplit) {
    EXPECT_EQ(top("pizzabox "), "pizza-box");
    EXPECT_EQ(top("bottlecap "), "bottle-cap");
    EXPECT_EQ(top("picaskārba ", Language::lv), "pizza-box");
    // Nothing to split into: no answer is invented.
    EXPECT_TRUE(ids("qwertyuiop ").empty());
}

TEST_F(SearchIndexTest, TyposByWordLength) {
    EXPECT_EQ(top("bateria "), "battery");   // one letter missing, 7 letters
    EXPECT_EQ(top("baterjia "), "battery");  // a transposition
    EXPECT_EQ(top("cardbaord box "), "cardboard-box");
    EXPECT_EQ(top("botle "), "bottle");
    // Three letters allow no typo: "jer" does not become "jar".
    EXPECT_TRUE(ids("jer ").empty() || index_.search("jer ", Language::en, 5).good == false);
}

TEST_F(SearchIndexTest, LastWordIsAPrefixWhileTyping) {
    EXPECT_EQ(top("bat"), "battery");
    EXPECT_EQ(top("cardb"), "cardboard-box");
    // With a space after it the word is complete: "bat " is not "battery".
    EXPECT_TRUE(index_.search("bat ", Language::en, 5).hits.empty() ||
                !index_.search("bat ", Language::en, 5).good);
}

TEST_F(SearchIndexTest, AWordStartingWithWhatWasTypedBeatsOneALetterOff) {
    // "compu" starts "computer" and is one letter from "compo(st)": the computer, not the
    // compost, though "compost" comes first in the alphabet.
    EXPECT_EQ(top("compu"), "computer");
    EXPECT_EQ(top("компью", Language::ru), "computer");
    // A slip in the prefix is still forgiven when nothing starts with it.
    EXPECT_EQ(top("cpmpute"), "computer");
}

TEST_F(SearchIndexTest, MoreWordsMatchedRankFirst) {
    auto results = ids("glass bottle ");
    ASSERT_GE(results.size(), 2u);
    auto box = ids("pizza box ");
    ASSERT_FALSE(box.empty());
    EXPECT_EQ(box[0], "pizza-box");  // both words beat "cardboard box" with one
}

TEST_F(SearchIndexTest, ExactBeforeStemBeforeTypo) {
    // "battery" is exact for the battery and a word of "car battery" too; the full match of
    // the shorter name ranks first.
    EXPECT_EQ(top("battery "), "battery");
    auto results = ids("battery ");
    ASSERT_GE(results.size(), 2u);
    EXPECT_EQ(results[1], "car-battery");
}

TEST_F(SearchIndexTest, NameBeforeSynonym) {
    auto outcome = index_.search("bottle top ", Language::en, 5);
    ASSERT_FALSE(outcome.hits.empty());
    EXPECT_EQ(catalogue_.items()[outcome.hits[0].item].id, "bottle-cap");
    EXPECT_EQ(outcome.hits[0].matched_text, "bottle top");
}

TEST_F(SearchIndexTest, PopularityBreaksTies) {
    SearchIndex index(catalogue_, {{"glass-jar", 0}});
    auto before = index.search("jar ", Language::en, 5);
    ASSERT_FALSE(before.hits.empty());
    // Two items with one matched word each: the more looked-up comes first.
    auto tie = index.search("box ", Language::en, 5);
    ASSERT_GE(tie.hits.size(), 2u);
    const auto second = tie.hits[1].item;
    for (int i = 0; i < 50; ++i) index.count_lookup(second);
    auto after = index.search("box ", Language::en, 5);
    EXPECT_EQ(after.hits[0].item, second);
}

TEST_F(SearchIndexTest, NoGoodMatchSaysSoAndSuggests) {
    auto outcome = index_.search("xylophone ", Language::en, 5);
    EXPECT_FALSE(outcome.good);
    auto typo = index_.search("bsttery ", Language::en, 5);  // one wrong letter
    EXPECT_TRUE(typo.good);
    ASSERT_TRUE(typo.suggestion);
    EXPECT_EQ(*typo.suggestion, "battery");
}

TEST_F(SearchIndexTest, NamesInTheRequestedLanguage) {
    auto outcome = index_.search("батарейка ", Language::lv, 1);
    ASSERT_FALSE(outcome.hits.empty());
    EXPECT_EQ(catalogue_.items()[outcome.hits[0].item].name[0], "baterija");
}

TEST_F(SearchIndexTest, EmptyAndOddQueries) {
    EXPECT_TRUE(index_.search("", Language::en, 5).hits.empty());
    EXPECT_TRUE(index_.search("   ", Language::en, 5).hits.empty());
    EXPECT_TRUE(index_.search("!!! ???", Language::en, 5).hits.empty());
    EXPECT_TRUE(index_.search("battery", Language::en, 0).hits.empty());
    std::string long_query(5000, 'a');
    EXPECT_NO_THROW(index_.search(long_query, Language::en, 5));
}

}  // namespace
}  // namespace skirosim::guide
