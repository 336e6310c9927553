// ICU- and Snowball-backed normalisation, and our Latvian stemmer.
#include "text/normalize.hpp"

#include <libstemmer.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <stdexcept>

namespace skirosim::text {

namespace {

std::unique_ptr<icu::Transliterator> make_transliterator(const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU transliterator ") + id);
    return t;
}

// ICU transliterators are not safe to share between threads: one set per thread.
icu::Transliterator& to_latin() {
    thread_local auto t = make_transliterator("Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower");
    return *t;
}
icu::Transliterator& to_cyrillic() {
    thread_local auto t = make_transliterator("Latin-Russian/BGN");
    return *t;
}

struct StemmerDeleter {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using Stemmer = std::unique_ptr<sb_stemmer, StemmerDeleter>;

std::string snowball(const char* language, std::string_view word) {
    thread_local std::array<Stemmer, 2> stemmers{Stemmer(sb_stemmer_new("russian", "UTF_8")),
                                                 Stemmer(sb_stemmer_new("english", "UTF_8"))};
    sb_stemmer* s = std::string_view(language) == "russian" ? stemmers[0].get() : stemmers[1].get();
    const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    return out ? std::string(reinterpret_cast<const char*>(out),
                             static_cast<std::size_t>(sb_stemmer_length(s)))
               : std::string(word);
}

std::string to_utf8(const icu::UnicodeString& u) {
    std::string out;
    u.toUTF8String(out);
    return out;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// Folds an ASCII lower-case word: spelling variants of one sound, then doubled letters.
std::string fold_ascii(std::string_view in) {
    std::string s;
    s.reserve(in.size());
    for (char c : in) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            s += c;
        else if (c >= 'A' && c <= 'Z')
            s += static_cast<char>(c - 'A' + 'a');
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kDigraphs{{
        {"shch", "s"},
        {"sch", "s"},
        {"sh", "s"},
        {"ch", "c"},
        {"zh", "z"},
        {"kh", "h"},
        {"ts", "c"},
        {"ph", "f"},
        {"x", "ks"},
        {"ck", "k"},
    }};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        for (const auto& [from, to] : kDigraphs) {
            if (s.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        }
        if (replaced) continue;
        char c = s[i++];
        switch (c) {
            case 'y':
            case 'j':
                c = 'i';
                break;
            case 'w':
                c = 'v';
                break;
            case 'q':
                c = 'k';
                break;
            default:
                break;
        }
        out += c;
    }
    std::string collapsed;
    collapsed.reserve(out.size());
    for (char c : out) {
        if (!collapsed.empty() && collapsed.back() == c && !(c >= '0' && c <= '9')) continue;
        collapsed += c;
    }
    // "aa" and "aaa" (battery sizes) must not shrink to one letter.
    return collapsed.size() < 3 && out.size() >= 2 ? out : collapsed;
}

}  // namespace

std::vector<std::string> words(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status)) u = nfc->normalize(u, status);
    u.toLower(icu::Locale::getRoot());
    std::vector<std::string> result;
    icu::UnicodeString current;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        i += U16_LENGTH(c);
        // Combining marks stay with their letter ("š" typed as s + caron).
        if (u_isalnum(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK) {
            current.append(c);
        } else if (!current.isEmpty()) {
            result.push_back(to_utf8(current));
            current.remove();
        }
    }
    if (!current.isEmpty()) result.push_back(to_utf8(current));
    return result;
}

bool has_cyrillic(std::string_view word) {
    const auto* s = reinterpret_cast<const uint8_t*>(word.data());
    int32_t i = 0, length = static_cast<int32_t>(word.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0x0400 && c <= 0x052F) return true;
    }
    return false;
}

std::string fold(std::string_view word) {
    if (is_ascii(word)) return fold_ascii(word);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    to_latin().transliterate(u);
    return fold_ascii(to_utf8(u));
}

std::string russian_stem(std::string_view word) { return snowball("russian", word); }
std::string english_stem(std::string_view word) { return snowball("english", word); }

std::string latin_to_cyrillic(std::string_view word) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    to_cyrillic().transliterate(u);
    return to_utf8(u);
}

namespace {

bool is_vowel(char32_t c) {
    switch (c) {
        case U'a':
        case U'e':
        case U'i':
        case U'o':
        case U'u':
        case U'ā':
        case U'ē':
        case U'ī':
        case U'ū':
            return true;
        default:
            return false;
    }
}

int vowels(std::u32string_view s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), is_vowel));
}

bool ends_with(const std::u32string& s, std::u32string_view suffix) {
    return s.size() >= suffix.size() &&
           std::u32string_view(s).substr(s.size() - suffix.size()) == suffix;
}

void replace_end(std::u32string& s, std::u32string_view from, std::u32string_view to) {
    s.replace(s.size() - from.size(), from.size(), to);
}

// Undoes the consonant change that some endings cause (akmeņu → akmen, lāčiem → lāc).
void unpalatalize(std::u32string& s, std::u32string_view stripped) {
    if (stripped == U"u") {
        if (ends_with(s, U"kš")) {
            replace_end(s, U"kš", U"kst");
            return;
        }
        if (ends_with(s, U"ņņ")) {
            replace_end(s, U"ņņ", U"nn");
            return;
        }
    }
    for (std::u32string_view pair : {U"pj", U"bj", U"mj", U"vj"}) {
        if (ends_with(s, pair)) {
            s.pop_back();
            return;
        }
    }
    static constexpr std::array<std::pair<std::u32string_view, std::u32string_view>, 6> kPairs{{
        {U"šņ", U"sn"},
        {U"žņ", U"zn"},
        {U"šļ", U"sl"},
        {U"žļ", U"zl"},
        {U"ļņ", U"ln"},
        {U"ļļ", U"ll"},
    }};
    for (const auto& [from, to] : kPairs) {
        if (ends_with(s, from)) {
            replace_end(s, from, to);
            return;
        }
    }
    if (s.empty()) return;
    switch (s.back()) {
        case U'č':
            s.back() = U'c';
            break;
        case U'ļ':
            s.back() = U'l';
            break;
        case U'ņ':
            s.back() = U'n';
            break;
        default:
            break;
    }
}

std::u32string to_u32(std::string_view utf8) {
    std::u32string out;
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    int32_t i = 0, length = static_cast<int32_t>(utf8.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0) out += static_cast<char32_t>(c);
    }
    return out;
}

std::string from_u32(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) {
        uint8_t buffer[4];
        int32_t n = 0;
        UBool error = false;
        U8_APPEND(buffer, n, 4, static_cast<UChar32>(c), error);
        // A value that is no code point (never made by the stemmer) is left out, not half-written.
        if (!error) out.append(reinterpret_cast<char*>(buffer), static_cast<std::size_t>(n));
    }
    return out;
}

}  // namespace

std::string latvian_stem(std::string_view word) {
    static constexpr std::array<std::u32string_view, 38> kSuffixes{
        U"ajiem", U"ajai", U"ajam", U"ajām", U"ajos", U"ajās", U"iem", U"ajā", U"ais", U"ai",
        U"ei",    U"ām",   U"am",   U"ēm",   U"īm",   U"im",   U"um",  U"us",  U"as",  U"ās",
        U"es",    U"os",   U"ij",   U"īs",   U"ēs",   U"is",   U"ie",  U"u",   U"a",   U"i",
        U"e",     U"ā",    U"ē",    U"ī",    U"ū",    U"o",    U"s",   U"š"};
    std::u32string s = to_u32(word);
    const int word_vowels = vowels(s);
    for (std::u32string_view suffix : kSuffixes) {
        if (!ends_with(s, suffix)) continue;
        if (word_vowels <= vowels(suffix) || s.size() - suffix.size() < 3) continue;
        s.resize(s.size() - suffix.size());
        if (suffix == U"iem" || suffix == U"us" || suffix == U"os" || suffix == U"u" ||
            suffix == U"a" || suffix == U"i") {
            unpalatalize(s, suffix);
        }
        break;
    }
    return from_u32(s);
}

int edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<int> prev2(m + 1), prev(m + 1), row(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= m; ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], prev2[j - 2] + 1);
            }
        }
        std::swap(prev2, prev);
        std::swap(prev, row);
    }
    return prev[m];
}

int typo_budget(std::size_t letters) {
    if (letters < 4) return 0;
    if (letters < 8) return 1;
    return 2;
}

}  // namespace skirosim::text

#include <unicode/coll.h>

namespace skirosim::text {

void collate_sort(std::vector<std::string>& strings, const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    // Collators are built per thread and per locale: building one is slow, sharing is unsafe.
    thread_local std::map<std::string, std::unique_ptr<icu::Collator>> collators;
    auto& collator = collators[locale];
    if (!collator) {
        collator.reset(icu::Collator::createInstance(icu::Locale(locale), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU collator for " + std::string(locale));
    }
    std::stable_sort(strings.begin(), strings.end(),
                     [&](const std::string& a, const std::string& b) {
                         UErrorCode s = U_ZERO_ERROR;
                         return collator->compareUTF8(a, b, s) == UCOL_LESS;
                     });
}

std::string index_letter(const std::string& text) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    if (u.isEmpty()) return "";
    icu::UnicodeString first(u.char32At(0));
    first.toUpper(icu::Locale::getRoot());
    return to_utf8(first);
}

}  // namespace skirosim::text
