// The three languages of the site and how a request's language is chosen.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace skirosim {

enum class Language { lv, ru, en };

inline constexpr std::array<Language, 3> kLanguages{Language::lv, Language::ru, Language::en};
inline constexpr Language kDefaultLanguage = Language::lv;

std::string_view code(Language language);
std::optional<Language> parse_language(std::string_view code);

// Picks the best supported language from an Accept-Language header (RFC 9110 q-values);
// Latvian when nothing matches.
Language negotiate_language(std::string_view accept_language);

}  // namespace skirosim
