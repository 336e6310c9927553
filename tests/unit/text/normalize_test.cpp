// Folding, transliteration, stemming and edit distance: the text tools under the search.
#include <gtest/gtest.h>

#include "text/normalize.hpp"

namespace skirosim::text {
namespace {

TEST(Words, SplitsOnAnythingButLettersAndDigits) {
    EXPECT_EQ(words("Picas kārba, 2×!"), (std::vector<std::string>{"picas", "kārba", "2"}));
    EXPECT_EQ(words("ЁЛКА-ёлка"), (std::vector<std::string>{"ёлка", "ёлка"}));
    EXPECT_EQ(words("  "), std::vector<std::string>{});
    // Decomposed "š" (s + combining caron) stays one word and becomes NFC.
    EXPECT_EQ(words("s\xCC\x8Cķ"), (std::vector<std::string>{"šķ"}));
}

TEST(Fold, IgnoresCaseAndDiacritics) {
    EXPECT_EQ(fold("šķirošana"), fold("skirosana"));
    EXPECT_EQ(fold("ŠĶIROŠANA"), fold("skirosana"));
    EXPECT_EQ(fold("kārba"), fold("karba"));
    EXPECT_EQ(fold("ģērbtuve"), fold("gerbtuve"));
}

TEST(Fold, DigraphsPeopleTypeForLatvianLetters) {
    EXPECT_EQ(fold("šķirošana"), fold("shkiroshana"));
    EXPECT_EQ(fold("žurnāls"), fold("zhurnals"));
    EXPECT_EQ(fold("čaula"), fold("chaula"));
}

TEST(Fold, RussianInLatinLettersMeetsCyrillic) {
    EXPECT_EQ(fold("батарейка"), fold("batareika"));
    EXPECT_EQ(fold("батарейка"), fold("batarejka"));
    EXPECT_EQ(fold("батарейка"), fold("batareyka"));
    EXPECT_EQ(fold("жестяная"), fold("zhestyanaya"));
    EXPECT_EQ(fold("жестяная"), fold("zhestjanaja"));
    EXPECT_EQ(fold("щётка"), fold("shchetka"));
    EXPECT_EQ(fold("коробка"), fold("korobka"));
}

TEST(Fold, DoubledLettersAndShortWords) {
    EXPECT_EQ(fold("bottle"), fold("botle"));
    EXPECT_NE(fold("aa"), fold("a"));  // battery sizes stay apart
    EXPECT_NE(fold("aaa"), fold("a"));
    EXPECT_EQ(fold("9v"), "9v");
    EXPECT_EQ(fold("100"), "100");  // digits are not collapsed
}

TEST(LatvianStemmer, PublishedExamples) {
    EXPECT_EQ(latvian_stem("tēviem"), "tēv");
    EXPECT_EQ(latvian_stem("lāčiem"), "lāc");
    EXPECT_EQ(latvian_stem("akmeņu"), "akmen");
    EXPECT_EQ(latvian_stem("zvaigžņu"), "zvaigzn");
    EXPECT_EQ(latvian_stem("zilajiem"), "zil");
}

TEST(LatvianStemmer, WordFormsShareAStem) {
    EXPECT_EQ(latvian_stem("baterijas"), latvian_stem("baterija"));
    EXPECT_EQ(latvian_stem("bateriju"), latvian_stem("baterija"));
    EXPECT_EQ(latvian_stem("pudeles"), latvian_stem("pudele"));
    EXPECT_EQ(latvian_stem("kastes"), latvian_stem("kaste"));
    // Short words keep at least three letters and a vowel.
    EXPECT_EQ(latvian_stem("es"), "es");
    EXPECT_EQ(latvian_stem("uz"), "uz");
}

TEST(RussianStemmer, WordFormsShareAStem) {
    EXPECT_EQ(russian_stem("батарейки"), russian_stem("батарейка"));
    EXPECT_EQ(russian_stem("батарейку"), russian_stem("батарейка"));
    EXPECT_EQ(russian_stem("бутылку"), russian_stem("бутылка"));
}

TEST(Transliteration, LatinBackToCyrillic) {
    EXPECT_EQ(latin_to_cyrillic("butylku"), "бутылку");
    EXPECT_EQ(latin_to_cyrillic("korobka"), "коробка");
}

TEST(EditDistance, CountsTranspositionsAsOne) {
    EXPECT_EQ(edit_distance("bottle", "bottle"), 0);
    EXPECT_EQ(edit_distance("botlte", "bottle"), 1);  // transposition
    EXPECT_EQ(edit_distance("bottel", "bottle"), 1);
    EXPECT_EQ(edit_distance("batery", "battery"), 1);
    EXPECT_EQ(edit_distance("", "abc"), 3);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
}

TEST(TypoBudget, GrowsWithLength) {
    EXPECT_EQ(typo_budget(3), 0);
    EXPECT_EQ(typo_budget(4), 1);
    EXPECT_EQ(typo_budget(7), 1);
    EXPECT_EQ(typo_budget(8), 2);
    EXPECT_EQ(typo_budget(20), 2);
}

TEST(Collation, LatvianAndRussianAlphabeticalOrder) {
    std::vector<std::string> lv{"šķēres", "zīmulis", "čaula", "cepure", "sega", "ābols", "avīze"};
    collate_sort(lv, "lv");
    EXPECT_EQ(lv, (std::vector<std::string>{"ābols", "avīze", "cepure", "čaula", "sega", "šķēres",
                                            "zīmulis"}));
    std::vector<std::string> ru{"яблоко", "ёлка", "банка", "елка"};
    collate_sort(ru, "ru");
    EXPECT_EQ(ru.front(), "банка");
    EXPECT_EQ(ru.back(), "яблоко");
    EXPECT_EQ(index_letter("šķēres"), "Š");
    EXPECT_EQ(index_letter("ёлка"), "Ё");
}

}  // namespace
}  // namespace skirosim::text
