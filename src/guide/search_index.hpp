// The sorting guide's search engine: an in-memory index over every name and synonym in three
// languages, tolerant of case, diacritics, script, inflection and typos. Built once from the
// catalogue; searching never touches the database.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/language.hpp"
#include "guide/model.hpp"

namespace skirosim::guide {

// How a query word met a word of the catalogue, best first.
enum class MatchKind : std::uint8_t { exact = 0, stem = 1, prefix = 2, typo = 3 };

struct SearchHit {
    std::size_t item = 0;  // index into Catalogue::items()
    double score = 0;
    int matched_words = 0;     // query words that found this item
    bool via_typo = false;     // some word matched only with a typo
    std::string matched_text;  // the name or synonym that matched best
    Language matched_language = Language::lv;
};

struct SearchOutcome {
    std::vector<SearchHit> hits;
    // "Did you mean …?": the query with typos corrected, when the best answer needed them.
    std::optional<std::string> suggestion;
    // False when nothing matched well: the hits are then only the nearest suggestions.
    bool good = false;
};

class SearchIndex {
public:
    SearchIndex(const Catalogue& catalogue,
                const std::unordered_map<std::string, long long>& lookups);
    ~SearchIndex();
    SearchIndex(const SearchIndex&) = delete;
    SearchIndex& operator=(const SearchIndex&) = delete;

    // `language` chooses the names shown and breaks ties; every language's words are searched.
    // A query that does not end in a space treats its last word as a prefix (search as you type).
    SearchOutcome search(std::string_view query, Language language, std::size_t limit) const;

    // Counts a look-up of an item in memory, so that popular items rank first at once.
    void count_lookup(std::size_t item) const;

    std::size_t term_count() const { return terms_.size(); }
    std::size_t word_count() const { return words_.size(); }

    struct Trie;  // defined in the .cpp

private:
    struct Term {
        std::uint32_t item;
        Language language;
        bool is_name;
        std::uint8_t content_words;  // words that are not stop words
        std::string text;
    };
    struct Posting {
        std::uint32_t term;
        std::uint8_t position;
    };
    struct WordMatch {
        std::uint32_t word;  // vocabulary id, for suggestions
        MatchKind kind;
        std::uint8_t distance;
    };

    std::uint32_t intern_word(const std::string& key, const std::string& display);
    // text::fold, but from a table for the catalogue's own words and stems: ICU's
    // transliteration is the slowest step of a query.
    std::string fold(const std::string& word) const;
    void add_term(std::uint32_t item, Language language, bool is_name, const std::string& text);
    std::vector<std::pair<const std::vector<Posting>*, WordMatch>> match_word(
        const std::string& word, bool as_prefix, int extra_typos) const;
    SearchOutcome run(const std::vector<std::string>& query_words, bool last_is_prefix,
                      Language language, std::size_t limit, int extra_typos) const;
    // A catalogue word written apart ("ledus skapis" → "ledusskapis"): the words with each such
    // pair joined, or nullopt when no pair makes a word of the catalogue.
    std::optional<std::vector<std::string>> joined_compounds(
        const std::vector<std::string>& words) const;
    // Two catalogue words written together ("pizzabox" → "pizza box"), or nullopt.
    std::optional<std::vector<std::string>> split_compounds(
        const std::vector<std::string>& words) const;
    bool is_catalogue_word(const std::string& folded) const;

    const Catalogue& catalogue_;
    std::vector<Term> terms_;
    std::vector<std::string> words_;         // vocabulary id → folded key
    std::vector<std::string> word_display_;  // vocabulary id → a surface form, for suggestions
    std::vector<std::vector<Posting>> word_postings_;
    std::unordered_map<std::string, std::uint32_t> word_ids_;
    std::unordered_map<std::string, std::vector<Posting>> stem_postings_;
    std::unordered_map<std::string, std::string> folds_;
    std::unique_ptr<Trie> trie_;
    std::unique_ptr<std::atomic<std::uint32_t>[]> popularity_;
};

// Stems of one word, folded: in its language, or (no language) Latvian and English for Latin
// letters and Russian for Cyrillic. `fold` turns a word into its key.
std::vector<std::string> folded_stems(const std::string& word, std::optional<Language> language,
                                      const std::function<std::string(const std::string&)>& fold);
// The stem of a Latin word read as Russian typed in Latin letters ("butylku" → "butilk").
std::string russian_stem_of_latin(const std::string& word);
bool is_stop_word(const std::string& folded);

}  // namespace skirosim::guide
