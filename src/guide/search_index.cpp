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
        "un",  "ar",  "no",  "uz",  "par",  "ir",   "vai", "bez", "kas", "ko",
        "pie", "iz",  "vai", "ot",  "dlia", "i",    "v",   "na",  "s",   "iz",
        "bez", "pod", "po",  "k",   "u",    "o",    "ili", "the", "a",   "an",
        "of",  "for", "vit", "and", "or",   "from", "in",  "on",  "mi",  "to"};
    return kStopWords.contains(folded);
}

std::vector<std::string> folded_stems(const std::string& word, std::optional<Language> language,
                                      const std::function<std::string(const std::string&)>& fold) {
    std::vector<std::string> stems;
    auto add = [&](const std::string& stem) {
        std::string key = fold(stem);
        if (key.size() >= 3 && std::find(stems.begin(), stems.end(), key) == stems.end()) {
            stems.push_back(std::move(key));
        }
    };
    if (text::has_cyrillic(word)) {
        add(text::russian_stem(word));
        return stems;
    }
    if (!language || *language == Language::lv) add(text::latvian_stem(word));
    if (!language || *language == Language::en) add(text::english_stem(word));
    return stems;
}

std::string russian_stem_of_latin(const std::string& word) {
    std::string key = text::fold(text::russian_stem(text::latin_to_cyrillic(word)));
    return key.size() >= 3 ? key : std::string();
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
    // in prefix mode also every word that starts with something within max_distance of it, once,
    // at the smallest such distance ("compu": computer at 0, compost at 1).
    template <typename Report>
    void search(const std::string& query, int max_distance, bool prefix, Report report) const {
        if (query.size() > kMaxKey) return;
        Walk walk{query, max_distance, prefix, {}, {}, kMaxPrefixWords};
        for (std::size_t j = 0; j <= query.size(); ++j)
            walk.rows[0][j] = static_cast<std::uint8_t>(j);
        descend(0, 0, walk, report, kUnreached);
    }

    static constexpr std::size_t kMaxKey = 40;
    static constexpr int kUnreached = 255;
    struct Walk {
        const std::string& q;
        int k;
        bool prefix;
        std::array<std::array<std::uint8_t, kMaxKey + 1>, kMaxKey + 4> rows;
        std::array<char, kMaxKey + 4> path;
        std::size_t prefix_budget;
    };

    // `reached`: in prefix mode, the smallest distance between the whole query and the path so
    // far (kUnreached when none was within reach).
    template <typename Report>
    void descend(std::int32_t node, std::size_t depth, Walk& w, Report& report, int reached) const {
        if (!w.prefix) {
            for (std::int32_t child = nodes[node].first_child; child >= 0;
                 child = nodes[child].next_sibling)
                visit(child, depth, w, report, reached);
            return;
        }
        // The child along the letter typed goes first, so that the words starting with exactly
        // what was typed are not crowded out of the prefix budget by those a letter off.
        const char next = depth < w.q.size() ? w.q[depth] : 0;
        for (std::int32_t child = nodes[node].first_child; child >= 0;
             child = nodes[child].next_sibling) {
            if (nodes[child].c == next) visit(child, depth, w, report, reached);
        }
        for (std::int32_t child = nodes[node].first_child; child >= 0;
             child = nodes[child].next_sibling) {
            if (nodes[child].c != next) visit(child, depth, w, report, reached);
        }
    }

    template <typename Report>
    void visit(std::int32_t child, std::size_t depth, Walk& w, Report& report, int reached) const {
        const std::size_t m = w.q.size();
        const std::size_t i = depth + 1;
        if (i >= w.rows.size()) return;
        const auto& above = w.rows[i - 1];
        auto& row = w.rows[i];
        const char c = nodes[child].c;
        w.path[depth] = c;
        // A wrong first letter is a rarer slip than one inside a word: it costs double
        // (as in Meilisearch), which also spares most of the trie's first level.
        const int k_here = w.k;
        if (depth == 0 && c != w.q[0] && !(m > 1 && c == w.q[1])) w.k = k_here - 1;
        if (w.k < 0) {
            w.k = k_here;
            return;
        }
        row[0] = static_cast<std::uint8_t>(i);
        int best = row[0];
        for (std::size_t j = 1; j <= m; ++j) {
            int v = std::min(above[j] + 1, row[j - 1] + 1);
            v = std::min(v, above[j - 1] + (w.q[j - 1] == c ? 0 : 1));
            if (i > 1 && j > 1 && w.q[j - 1] == w.path[depth - 1] && w.q[j - 2] == c) {
                v = std::min(v, w.rows[i - 2][j - 2] + 1);
            }
            row[j] = static_cast<std::uint8_t>(v);
            best = std::min(best, v);
        }
        // No row below has an entry under this row's smallest, so `best` bounds every distance
        // the walk could still reach.
        if (w.prefix) {
            const int here = std::min<int>(reached, row[m]);
            if (here <= w.k && best >= here) {
                // Nothing below comes closer: every word below matches at `here`.
                collect(child, w.prefix_budget, report, here);
            } else if (best <= w.k) {
                if (here <= w.k && nodes[child].word >= 0 && w.prefix_budget > 0) {
                    report(nodes[child].word, here, true);
                    --w.prefix_budget;
                }
                descend(child, depth + 1, w, report, here);
            }
        } else {
            if (nodes[child].word >= 0 && row[m] <= w.k) report(nodes[child].word, row[m], false);
            if (best <= w.k) descend(child, depth + 1, w, report, reached);
        }
        w.k = k_here;
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
        popularity_[i] =
            it == lookups.end()
                ? 0
                : static_cast<std::uint32_t>(std::min<long long>(it->second, 1u << 30));
        const auto item = static_cast<std::uint32_t>(i);
        for (Language language : kLanguages) {
            add_term(item, language, true, in(items[i].name, language));
            for (const auto& synonym : in(items[i].synonyms, language))
                add_term(item, language, false, synonym);
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
        std::string key = fold(word);
        if (key.empty()) continue;
        if (!is_stop_word(key)) ++t.content_words;
        const Posting posting{term, position++};
        word_postings_[intern_word(key, word)].push_back(posting);
        // Remember the ICU work: queries repeat the catalogue's own words and stems.
        auto remember = [this](const std::string& original) {
            if (text::has_cyrillic(original) ||
                original.find_first_of("\x80") != std::string::npos) {
                if (!folds_.contains(original)) folds_.emplace(original, text::fold(original));
            }
            return fold(original);
        };
        remember(word);
        for (const std::string& stem : folded_stems(word, language, remember)) {
            if (stem == key) continue;
            auto& list = stem_postings_[stem];
            if (list.empty() || list.back().term != term ||
                list.back().position != posting.position) {
                list.push_back(posting);
            }
        }
    }
    terms_.push_back(std::move(t));
}

std::string SearchIndex::fold(const std::string& word) const {
    if (auto it = folds_.find(word); it != folds_.end()) return it->second;
    return text::fold(word);
}

void SearchIndex::count_lookup(std::size_t item) const {
    if (item < catalogue_.items().size()) popularity_[item].fetch_add(1, std::memory_order_relaxed);
}

// ---- searching ----

std::vector<std::pair<const std::vector<SearchIndex::Posting>*, SearchIndex::WordMatch>>
SearchIndex::match_word(const std::string& word, bool as_prefix, int extra_typos) const {
    std::vector<std::pair<const std::vector<Posting>*, WordMatch>> matches;
    const std::string key = fold(word);
    if (key.empty()) return matches;
    if (auto it = word_ids_.find(key); it != word_ids_.end()) {
        matches.push_back({&word_postings_[it->second], {it->second, MatchKind::exact, 0}});
    }
    auto add_stem = [&](const std::string& stem) {
        if (auto it = stem_postings_.find(stem); it != stem_postings_.end()) {
            matches.push_back({&it->second, {0, MatchKind::stem, 0}});
        }
        // A stem can also be a whole word of the catalogue ("kaste" → "kast" ~ "kast").
        if (auto it = word_ids_.find(stem); it != word_ids_.end() && stem != key) {
            matches.push_back({&word_postings_[it->second], {it->second, MatchKind::stem, 0}});
        }
    };
    for (const std::string& stem :
         folded_stems(word, std::nullopt, [this](const std::string& w) { return fold(w); })) {
        add_stem(stem);
    }
    // A Latin word the catalogue does not know may be Russian typed in Latin letters: read it
    // back into Cyrillic and stem it as Russian ("butylku" → бутылку → бутылк).
    if (matches.empty() && !text::has_cyrillic(word)) {
        if (std::string stem = russian_stem_of_latin(word); !stem.empty()) add_stem(stem);
    }
    // A word the catalogue knows (as typed or by its stem) needs no typo search: that is what
    // keeps common queries fast. Unknown words get one, within a budget by length.
    const bool known = !matches.empty();
    const int budget = known ? 0 : std::min(2, text::typo_budget(key.size()) + extra_typos);
    const bool prefix = as_prefix && key.size() >= kMinPrefixLength;
    if (budget == 0 && !prefix) return matches;
    auto report = [&](std::int32_t id, int distance, bool is_prefix) {
        if (!is_prefix && distance == 0) return;  // the exact match, above
        if (is_prefix && words_[id] == key) return;
        const MatchKind kind = is_prefix && distance == 0 ? MatchKind::prefix : MatchKind::typo;
        matches.push_back({&word_postings_[id],
                           {static_cast<std::uint32_t>(id), kind,
                            static_cast<std::uint8_t>(std::max(distance, is_prefix ? 0 : 1))}});
    };
    // One typo first: most slips are one letter, and a one-typo walk of the trie is far cheaper
    // than a two-typo one. Two only when that finds nothing (a known word gets none: budget 0,
    // so a prefix walks for the words that start with exactly what was typed).
    const std::size_t before = matches.size();
    trie_->search(key, std::min(budget, 1), prefix, report);
    if (budget > 1 && matches.size() == before) trie_->search(key, budget, prefix, report);
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
    // People write compounds apart and together; when the other way makes a word the catalogue
    // has and that reading finds an item by all its words, it is what was meant.
    const bool all_words_found =
        outcome.good && !outcome.hits.empty() &&
        outcome.hits.front().matched_words == static_cast<int>(content.size());
    const auto rewritten = all_words_found ? std::nullopt : joined_compounds(content);
    const auto split = outcome.good ? std::nullopt : split_compounds(content);
    for (const auto* words : {rewritten ? &*rewritten : nullptr, split ? &*split : nullptr}) {
        if (!words) continue;
        SearchOutcome other = run(*words, last_is_prefix, language, limit, 0);
        if (other.good && !other.hits.empty() &&
            other.hits.front().matched_words == static_cast<int>(words->size())) {
            outcome = std::move(other);
            break;
        }
    }
    if (!outcome.good) {
        if (outcome.hits.empty()) {
            // Nothing at all: look a little further for the nearest suggestions.
            SearchOutcome wider = run(content, last_is_prefix, language, limit, 1);
            outcome.hits = std::move(wider.hits);
            if (!outcome.suggestion) outcome.suggestion = wider.suggestion;
        }
        if (!outcome.suggestion && !outcome.hits.empty()) {
            const auto& item = catalogue_.items()[outcome.hits.front().item];
            outcome.suggestion = in(item.name, language);
        }
    }
    return outcome;
}

bool SearchIndex::is_catalogue_word(const std::string& folded) const {
    return word_ids_.contains(folded);
}

std::optional<std::vector<std::string>> SearchIndex::joined_compounds(
    const std::vector<std::string>& words) const {
    std::vector<std::string> joined;
    bool any = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i + 1 < words.size() && is_catalogue_word(fold(words[i] + words[i + 1]))) {
            joined.push_back(words[i] + words[i + 1]);
            any = true;
            ++i;
        } else {
            joined.push_back(words[i]);
        }
    }
    return any ? std::optional(std::move(joined)) : std::nullopt;
}

std::optional<std::vector<std::string>> SearchIndex::split_compounds(
    const std::vector<std::string>& words) const {
    // Each part at least three letters: shorter ones ("a", "un") split nearly anything.
    constexpr std::size_t kShortestPart = 3;
    if (words.size() >= kMaxQueryWords) return std::nullopt;
    for (std::size_t w = 0; w < words.size(); ++w) {
        const std::string key = fold(words[w]);
        if (is_catalogue_word(key) || key.size() < 2 * kShortestPart) continue;
        for (std::size_t cut = kShortestPart; cut + kShortestPart <= key.size(); ++cut) {
            // Folding leaves a letter of another script (Greek, Chinese) as it is, in several
            // bytes: a cut never falls inside one.
            if ((static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) continue;
            const std::string left = key.substr(0, cut), right = key.substr(cut);
            if (!is_catalogue_word(left) || !is_catalogue_word(right) || is_stop_word(left) ||
                is_stop_word(right))
                continue;
            std::vector<std::string> parts(words.begin(), words.begin() + w);
            parts.push_back(left);
            parts.push_back(right);
            parts.insert(parts.end(), words.begin() + w + 1, words.end());
            return parts;
        }
    }
    return std::nullopt;
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
    // Kept in per-thread arrays indexed by term and item, reset by a generation stamp instead of
    // clearing, so that a query costs what its postings cost and no more.
    struct Accumulator {
        std::array<std::int8_t, kMaxQueryWords> penalty;  // -1: not matched
        std::array<std::uint32_t, kMaxQueryWords> word;
        std::array<bool, kMaxQueryWords> typo;
        std::uint32_t positions = 0;
        std::uint32_t generation = 0;
    };
    struct Best {
        double score = 0;
        std::uint32_t term = 0;
        std::uint32_t generation = 0;
    };
    struct Scratch {
        const SearchIndex* owner = nullptr;
        std::uint32_t generation = 0;
        std::vector<Accumulator> terms;
        std::vector<Best> items;
        std::vector<std::uint32_t> touched_terms, touched_items;
    };
    thread_local Scratch scratch;
    if (scratch.owner != this || scratch.terms.size() != terms_.size() ||
        scratch.items.size() != catalogue_.items().size()) {
        scratch = Scratch{this,
                          0,
                          std::vector<Accumulator>(terms_.size()),
                          std::vector<Best>(catalogue_.items().size()),
                          {},
                          {}};
    }
    if (++scratch.generation == 0) {  // wrapped: start the stamps afresh
        for (auto& t : scratch.terms) t.generation = 0;
        for (auto& b : scratch.items) b.generation = 0;
        scratch.generation = 1;
    }
    const std::uint32_t generation = scratch.generation;
    scratch.touched_terms.clear();
    scratch.touched_items.clear();

    for (std::size_t q = 0; q < n; ++q) {
        const bool as_prefix = last_is_prefix && q + 1 == n;
        for (const auto& [postings, match] : match_word(query_words[q], as_prefix, extra_typos)) {
            const int penalty =
                match.kind == MatchKind::typo ? 2 + match.distance : static_cast<int>(match.kind);
            for (const Posting& p : *postings) {
                Accumulator& acc = scratch.terms[p.term];
                if (acc.generation != generation) {
                    acc.generation = generation;
                    acc.penalty.fill(-1);
                    acc.typo.fill(false);
                    acc.positions = 0;
                    scratch.touched_terms.push_back(p.term);
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
    for (const std::uint32_t term_id : scratch.touched_terms) {
        const Accumulator& acc = scratch.terms[term_id];
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
            term.content_words ? std::min(1.0, covered / static_cast<double>(term.content_words))
                               : 0;
        const double popularity = std::min(
            30.0, 5.0 * std::log2(1.0 + popularity_[term.item].load(std::memory_order_relaxed)));
        // A term that is exactly what was asked ("water bottle" for "water bottle") beats a
        // longer name that merely contains it ("hot water bottle").
        const bool complete = coverage >= 1.0 && matched == static_cast<int>(n);
        const double score = matched * 1000.0 - penalties * 60.0 + coverage * 100.0 +
                             (complete ? 100.0 : 0.0) + (term.is_name ? 40.0 : 0.0) +
                             (term.language == language ? 10.0 : 0.0) +
                             (term.language == script_language ? 15.0 : 0.0) + popularity;
        Best& best = scratch.items[term.item];
        if (best.generation != generation) {
            best = Best{score, term_id, generation};
            scratch.touched_items.push_back(term.item);
        } else if (score > best.score) {
            best.score = score;
            best.term = term_id;
        }
    }

    std::vector<SearchHit> hits;
    hits.reserve(scratch.touched_items.size());
    for (const std::uint32_t item : scratch.touched_items) {
        const Best& best = scratch.items[item];
        const Term& term = terms_[best.term];
        const Accumulator& acc = scratch.terms[best.term];
        SearchHit hit;
        hit.item = item;
        hit.score = best.score;
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
    for (SearchHit& hit : hits) hit.matched_text = terms_[scratch.items[hit.item].term].text;

    SearchOutcome outcome;
    if (!hits.empty()) {
        const SearchHit& top = hits.front();
        // Good: the best item answers at least half of the query's words.
        outcome.good = top.matched_words * 2 >= static_cast<int>(n);
        if (top.via_typo) {
            // Rebuild the query with each misspelt word replaced by the word it matched.
            const Accumulator& acc = scratch.terms[scratch.items[top.item].term];
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
