// The three languages of the site and how a request's language is chosen.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skirosim {

enum class Language { lv, ru, en };

inline constexpr std::array<Language, 3> kLanguages{Language::lv, Language::ru, Language::en};
inline constexpr Language kDefaultLanguage = Language::lv;

// A value in each of the three languages, indexed by Language.
template <class T>
using PerLanguage = std::array<T, 3>;
using LocalizedText = PerLanguage<std::string>;
using LocalizedList = PerLanguage<std::vector<std::string>>;

template <class T>
const T& in(const PerLanguage<T>& values, Language language) {
    return values[static_cast<std::size_t>(language)];
}
template <class T>
T& in(PerLanguage<T>& values, Language language) {
    return values[static_cast<std::size_t>(language)];
}

std::string_view code(Language language);
std::optional<Language> parse_language(std::string_view code);

// Picks the best supported language from an Accept-Language header (RFC 9110 q-values);
// Latvian when nothing matches.
Language negotiate_language(std::string_view accept_language);

}  // namespace skirosim
