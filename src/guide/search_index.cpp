// The search engine. Ranking, best first: more query words matched; then exact before stemmed
// before prefix before typo; a name before a synonym; terms the query covers more fully; the
// page's language; how often the item is looked up.
#include "guide/search_index.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "text/normalize.hpp"

namespace skirosim::guide {

namespace {

constexpr std::size_t kMaxQueryWords = 8;
constexpr std::size_t kMaxPrefixWords = 300;
constexpr std::size_t kMinPrefixLength = 3;

}  // namespace

bool is_stop_word(const std::string& folded) {
    // Folded forms of small words in lv, ru and en that carry no meaning for a search.
    static const std::set<std::string> kStopWords{
        "un", "ar", "no", "uz", "par", "ir", "vai", "bez", "kas", "ko", "pie", "iz", "vai",
        "ot", "dlia", "i", "v", "na", "s", "iz", "bez", "pod", "po", "k", "u", "o", "ili",
        "the", "a", "an", "of", "for", "vit", "and", "or", "from", "in", "on", "mi", "to"};
    return kStopWords.contains(folded);
}

std::vector<std::string> folded_stems(const std::string& word, std::optional<Language> language) {
    std::vector<std::string> stems;
    auto add = [&stems](const std::string& stem) {
        std::string key = text::fold(stem);
        if (key.size() >= 3 && std::find(stems.begin(), stems.end(), key) == stems.end()) {
            stems.push_back(std::move(key));
        }
    };
    const bool cyrillic = text::has_cyrillic(word);
    if (cyrillic) {
        add(text::russian_stem(word));
        return stems;
    }
    if (!language || *language == Language::lv) add(text::latvian_stem(word));
    if (!language || *language == Language::en) add(text::english_stem(word));
    if (!language) add(text::russian_stem(text::latin_to_cyrillic(word)));
    return stems;
}

// ---- the trie over folded words, walked with one edit-distance row per level ----

struct SearchIndex::Trie {
    struct Node {
        std::int32_t first_child = -1;
        std::int32_t next_sibling = -1;
        std::int32_t word = -1;
        char c = 0;
    };
    std::vector<Node> nodes{Node{}};

    void insert(const std::string& key, std::int32_t word) {
        std::int32_t node = 0;
        for (char c : key) {
            std::int32_t child = nodes[node].first_child;
            while (child >= 0 && nodes[child].c != c) child = nodes[child].next_sibling;
            if (child < 0) {
                Node n;
                n.c = c;
                n.next_sibling = nodes[node].first_child;
                nodes.push_back(n);
                child = static_cast<std::int32_t>(nodes.size() - 1);
                nodes[node].first_child = child;
            }
            node = child;
        }
        nodes[node].word = word;
    }

    template <typename Report>
    void collect(std::int32_t node, std::size_t& budget, Report& report, int distance) const {
        if (budget == 0) return;
        if (nodes[node].word >= 0) {
            report(nodes[node].word, distance, true);
            --budget;
        }
        for (std::int32_t c = nodes[node].first_child; c >= 0; c = nodes[c].next_sibling) {
            collect(c, budget, report, distance);
        }
    }

    // Reports (word, distance, is_prefix) for every word within max_distance of the query;
    // in prefix mode also every word that starts with something within max_distance of it.
    template <typename Report>
    void search(const std::string& query, int max_distance, bool prefix, Report report) const {
        const std::size_t m = query.size();
        std::vector<std::vector<int>> rows{std::vector<int>(m + 1)};
        for (std::size_t j = 0; j <= m; ++j) rows[0][j] = static_cast<int>(j);
        std::string path;
        std::size_t prefix_budget = kMaxPrefixWords;
        walk(0, query, max_distance, prefix, rows, path, prefix_budget, report);
    }

    template <typename Report>
    void walk(std::int32_t node, const std::string& q, int k, bool prefix,
              std::vector<std::vector<int>>& rows, std::string& path, std::size_t& prefix_budget,
              Report& report) const {
        const std::size_t m = q.size();
        for (std::int32_t child = nodes[node].first_child; child >= 0;
             child = nodes[child].next_sibling) {
            const char c = nodes[child].c;
            const std::size_t i = path.size() + 1;
            path.push_back(c);
            if (rows.size() <= i) rows.emplace_back(m + 1);
            std::vector<int>& row = rows[i];
            const std::vector<int>& above = rows[i - 1];
            row[0] = static_cast<int>(i);
            int best = row[0];
            for (std::size_t j = 1; j <= m; ++j) {
                int cost = q[j - 1] == c ? 0 : 1;
                int v = std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + cost});
                if (i > 1 && j > 1 && q[j - 1] == path[i - 2] && q[j - 2] == c) {
                    v = std::min(v, rows[i - 2][j - 2] + 1);
                }
                row[j] = v;
                best = std::min(best, v);
            }
            if (prefix && row[m] <= k) {
                // The whole query matches the start of every word below: no need to go on
                // computing distances.
                collect(child, prefix_budget, report, row[m]);
            } else {
                if (nodes[child].word >= 0 && row[m] <= k) report(nodes[child].word, row[m], false);
                if (best <= k) walk(child, q, k, prefix, rows, path, prefix_budget, report);
            }
            path.pop_back();
        }
    }
};

// ---- building ----

SearchIndex::SearchIndex(const Catalogue& catalogue,
                         const std::unordered_map<std::string, long long>& lookups)
    : catalogue_(catalogue), trie_(std::make_unique<Trie>()) {
    const auto& items = catalogue.items();
    popularity_ = std::make_unique<std::atomic<std::uint32_t>[]>(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto it = lookups.find(items[i].id);
        popularity_[i] = it == lookups.end() ? 0 : static_cast<std::uint32_t>(std::min<long long>(it->second, 1u << 30));
        const auto item = static_cast<std::uint32_t>(i);
        for (Language language : kLanguages) {
            const auto l = static_cast<std::size_t>(language);
            add_term(item, language, true, items[i].name[l]);
            for (const auto& synonym : items[i].synonyms[l]) add_term(item, language, false, synonym);
        }
    }
    for (std::size_t id = 0; id < words_.size(); ++id) {
        trie_->insert(words_[id], static_cast<std::int32_t>(id));
    }
}

SearchIndex::~SearchIndex() = default;

std::uint32_t SearchIndex::intern_word(const std::string& key, const std::string& display) {
    auto [it, inserted] = word_ids_.emplace(key, static_cast<std::uint32_t>(words_.size()));
    if (inserted) {
        words_.push_back(key);
        word_display_.push_back(display);
        word_postings_.emplace_back();
    }
    return it->second;
}

void SearchIndex::add_term(std::uint32_t item, Language language, bool is_name,
                           const std::string& text) {
    const auto term = static_cast<std::uint32_t>(terms_.size());
    Term t{item, language, is_name, 0, text};
    std::uint8_t position = 0;
    for (const std::string& word : text::words(text)) {
        if (position >= 32) break;
        std::string key = text::fold(word);
        if (key.empty()) continue;
        if (!is_stop_word(key)) ++t.content_words;
        const Posting posting{term, position++};
        word_postings_[intern_word(key, word)].push_back(posting);
        for (const std::string& stem : folded_stems(word, language)) {
            if (stem == key) continue;
            auto& list = stem_postings_[stem];
            if (list.empty() || list.back().term != term || list.back().position != posting.position) {
                list.push_back(posting);
            }
        }
    }
    terms_.push_back(std::move(t));
}

void SearchIndex::count_lookup(std::size_t item) const {
    if (item < catalogue_.items().size()) popularity_[item].fetch_add(1, std::memory_order_relaxed);
}

// ---- searching ----

std::vector<std::pair<const std::vector<SearchIndex::Posting>*, SearchIndex::WordMatch>>
SearchIndex::match_word(const std::string& word, bool as_prefix, int extra_typos) const {
    std::vector<std::pair<const std::vector<Posting>*, WordMatch>> matches;
    const std::string key = text::fold(word);
    if (key.empty()) return matches;
    if (auto it = word_ids_.find(key); it != word_ids_.end()) {
        matches.push_back({&word_postings_[it->second], {it->second, MatchKind::exact, 0}});
    }
    for (const std::string& stem : folded_stems(word, std::nullopt)) {
        if (auto it = stem_postings_.find(stem); it != stem_postings_.end()) {
            matches.push_back({&it->second, {0, MatchKind::stem, 0}});
        }
        // A stem can also be a whole word of the catalogue ("kaste" → "kast" ~ "kast").
        if (auto it = word_ids_.find(stem); it != word_ids_.end() && stem != key) {
            matches.push_back({&word_postings_[it->second], {it->second, MatchKind::stem, 0}});
        }
    }
    const int budget = std::min(3, text::typo_budget(key.size()) + extra_typos);
    const bool prefix = as_prefix && key.size() >= kMinPrefixLength;
    if (budget > 0 || prefix) {
        trie_->search(key, prefix ? std::max(budget, 0) : budget, prefix,
                      [&](std::int32_t id, int distance, bool is_prefix) {
                          if (!is_prefix && distance == 0) return;  // the exact match, above
                          if (is_prefix && words_[id] == key) return;
                          const MatchKind kind = is_prefix && distance == 0 ? MatchKind::prefix
                                                                             : MatchKind::typo;
                          matches.push_back({&word_postings_[id],
                                             {static_cast<std::uint32_t>(id), kind,
                                              static_cast<std::uint8_t>(std::max(distance, is_prefix ? 0 : 1))}});
                      });
    }
    return matches;
}

SearchOutcome SearchIndex::search(std::string_view query, Language language,
                                  std::size_t limit) const {
    std::vector<std::string> words = text::words(query);
    if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
    if (words.empty() || limit == 0) return {};
    // Stop words count only when they are all the query has.
    std::vector<std::string> content;
    for (const auto& w : words) {
        if (!is_stop_word(text::fold(w))) content.push_back(w);
    }
    if (content.empty()) content = words;
    const bool last_is_prefix = !query.empty() && query.back() != ' ' &&
                                text::fold(words.back()) == text::fold(content.back());
    SearchOutcome outcome = run(content, last_is_prefix, language, limit, 0);
    if (!outcome.good) {
        // Nothing good: look a little further for the nearest suggestions.
        SearchOutcome wider = run(content, last_is_prefix, language, limit, 1);
        if (outcome.hits.empty()) {
            outcome.hits = std::move(wider.hits);
            if (!outcome.suggestion) outcome.suggestion = wider.suggestion;
        }
        if (!outcome.suggestion && !outcome.hits.empty()) {
            const auto& item = catalogue_.items()[outcome.hits.front().item];
            outcome.suggestion = item.name[static_cast<std::size_t>(language)];
        }
    }
    return outcome;
}

SearchOutcome SearchIndex::run(const std::vector<std::string>& query_words, bool last_is_prefix,
                               Language language, std::size_t limit, int extra_typos) const {
    const std::size_t n = query_words.size();
    // Words typed in Cyrillic are Russian: Russian terms are the likelier meaning.
    const bool cyrillic = std::any_of(query_words.begin(), query_words.end(),
                                      [](const std::string& w) { return text::has_cyrillic(w); });
    const std::optional<Language> script_language =
        cyrillic ? std::optional<Language>(Language::ru) : std::nullopt;
    // Per matched term: the best match of each query word, and which term words were hit.
    struct Accumulator {
        std::array<std::int8_t, kMaxQueryWords> penalty;  // -1: not matched
        std::array<std::uint32_t, kMaxQueryWords> word;
        std::array<bool, kMaxQueryWords> typo;
        std::uint32_t positions = 0;
    };
    std::unordered_map<std::uint32_t, Accumulator> terms;
    terms.reserve(256);
    for (std::size_t q = 0; q < n; ++q) {
        const bool as_prefix = last_is_prefix && q + 1 == n;
        for (const auto& [postings, match] : match_word(query_words[q], as_prefix, extra_typos)) {
            const int penalty = match.kind == MatchKind::typo ? 2 + match.distance
                                                              : static_cast<int>(match.kind);
            for (const Posting& p : *postings) {
                auto [it, fresh] = terms.try_emplace(p.term);
                Accumulator& acc = it->second;
                if (fresh) {
                    acc.penalty.fill(-1);
                    acc.typo.fill(false);
                }
                if (acc.penalty[q] < 0 || penalty < acc.penalty[q]) {
                    acc.penalty[q] = static_cast<std::int8_t>(penalty);
                    acc.word[q] = match.word;
                    acc.typo[q] = match.kind == MatchKind::typo;
                }
                acc.positions |= 1u << p.position;
            }
        }
    }

    // Best term per item.
    std::unordered_map<std::uint32_t, std::pair<double, std::uint32_t>> best;
    std::unordered_map<std::uint32_t, int> matched_of;
    for (const auto& [term_id, acc] : terms) {
        const Term& term = terms_[term_id];
        int matched = 0, penalties = 0;
        for (std::size_t q = 0; q < n; ++q) {
            if (acc.penalty[q] >= 0) {
                ++matched;
                penalties += acc.penalty[q];
            }
        }
        const int covered = std::popcount(acc.positions);
        const double coverage =
            term.content_words ? std::min(1.0, covered / static_cast<double>(term.content_words)) : 0;
        const double popularity = std::min(30.0, 5.0 * std::log2(1.0 + popularity_[term.item].load(std::memory_order_relaxed)));
        // A term that is exactly what was asked ("water bottle" for "water bottle") beats a
        // longer name that merely contains it ("hot water bottle").
        const bool complete = coverage >= 1.0 && matched == static_cast<int>(n);
        double score = matched * 1000.0 - penalties * 60.0 + coverage * 100.0 +
                       (complete ? 100.0 : 0.0) +
                       (term.is_name ? 40.0 : 0.0) + (term.language == language ? 10.0 : 0.0) +
                       (term.language == script_language ? 15.0 : 0.0) +
                       popularity;
        auto [it, fresh] = best.try_emplace(term.item, score, term_id);
        if (!fresh && score > it->second.first) it->second = {score, term_id};
        matched_of[term.item] = std::max(matched_of[term.item], matched);
    }

    std::vector<SearchHit> hits;
    hits.reserve(best.size());
    for (const auto& [item, scored] : best) {
        const Term& term = terms_[scored.second];
        const Accumulator& acc = terms.at(scored.second);
        SearchHit hit;
        hit.item = item;
        hit.score = scored.first;
        hit.matched_text = term.text;
        hit.matched_language = term.language;
        for (std::size_t q = 0; q < n; ++q) {
            if (acc.penalty[q] >= 0) ++hit.matched_words;
            if (acc.typo[q]) hit.via_typo = true;
        }
        hits.push_back(std::move(hit));
    }
    const std::size_t keep = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
                      [this](const SearchHit& a, const SearchHit& b) {
                          if (a.score != b.score) return a.score > b.score;
                          return catalogue_.items()[a.item].id < catalogue_.items()[b.item].id;
                      });
    hits.resize(keep);

    SearchOutcome outcome;
    if (!hits.empty()) {
        const SearchHit& top = hits.front();
        // Good: the best item answers at least half of the query's words.
        outcome.good = top.matched_words * 2 >= static_cast<int>(n);
        if (top.via_typo) {
            // Rebuild the query with each misspelt word replaced by the word it matched.
            const Accumulator& acc = terms.at(best.at(static_cast<std::uint32_t>(top.item)).second);
            std::string corrected;
            for (std::size_t q = 0; q < n; ++q) {
                if (!corrected.empty()) corrected += ' ';
                corrected += acc.typo[q] ? word_display_[acc.word[q]] : query_words[q];
            }
            outcome.suggestion = corrected;
        }
    }
    outcome.hits = std::move(hits);
    return outcome;
}

}  // namespace skirosim::guide
