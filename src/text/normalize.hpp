// Text tools for search: words, folding to a script- and diacritics-free key, stemming.
// Pure functions (ICU and Snowball objects are kept per thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skirosim::text {

// Lower-cased (NFC) words: runs of letters and digits; everything else separates.
std::vector<std::string> words(std::string_view text);

bool has_cyrillic(std::string_view word);

// The search key of a word: Cyrillic transliterated (BGN), diacritics removed, lower case,
// and the spellings people use for one sound folded together (š/sh/ш → s, ž/zh/ж → z,
// č/ch/ч → c, й/y/j → i, x → ks …), doubled letters single. "šķirošana", "shkiroshana" and
// "skirosana" share a key; so do "батарейка", "batareika" and "batarejka".
std::string fold(std::string_view word);

// Light Latvian stemmer for nouns and adjectives (Krešliņš, as lightened in Lucene).
std::string latvian_stem(std::string_view word);
// Snowball stemmers (libstemmer).
std::string russian_stem(std::string_view word);
std::string english_stem(std::string_view word);
// "butylku" → "бутылку": Russian typed in Latin letters, back to Cyrillic (BGN).
std::string latin_to_cyrillic(std::string_view word);

// Damerau–Levenshtein distance (optimal string alignment) on bytes of folded keys.
int edit_distance(std::string_view a, std::string_view b);

// How many typos a word of this many letters may have: 0 below 4, 1 from 4, 2 from 8.
int typo_budget(std::size_t letters);

}  // namespace skirosim::text

namespace skirosim::text {
// Sorts strings in a language's own alphabetical order (ICU collation): Latvian puts
// "č" after "c" and "š" after "s"; Russian sorts Cyrillic.
void collate_sort(std::vector<std::string>& strings, const char* locale);
// The first letter of a string as an index heading ("Š" for "šķēres"), upper case.
std::string index_letter(const std::string& text);
}  // namespace skirosim::text
