// Language codes and Accept-Language negotiation.
#include "core/language.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace skirosim {

std::string_view code(Language language) {
    switch (language) {
        case Language::lv:
            return "lv";
        case Language::ru:
            return "ru";
        case Language::en:
            return "en";
    }
    return "lv";
}

std::optional<Language> parse_language(std::string_view text) {
    for (Language language : kLanguages) {
        if (text == code(language)) return language;
    }
    return std::nullopt;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "q=0.8" → 0.8; anything unparsable counts as 0 so that it never wins.
double parse_quality(std::string_view params) {
    double quality = 1.0;
    while (!params.empty()) {
        auto semi = params.find(';');
        auto param = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
        if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
            auto value = param.substr(2);
            quality = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), quality);
            if (ec != std::errc{} || ptr != value.data() + value.size() || quality < 0 ||
                quality > 1) {
                quality = 0;
            }
        }
    }
    return quality;
}

}  // namespace

Language negotiate_language(std::string_view header) {
    Language best = kDefaultLanguage;
    double best_quality = 0;
    while (!header.empty()) {
        auto comma = header.find(',');
        auto range = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        auto semi = range.find(';');
        auto tag = trim(range.substr(0, semi));
        double quality =
            semi == std::string_view::npos ? 1.0 : parse_quality(range.substr(semi + 1));
        // Only the primary subtag matters: "ru-RU" and "ru" both mean Russian.
        auto primary = tag.substr(0, tag.find('-'));
        std::string lower(primary);
        std::ranges::transform(lower, lower.begin(),
                               [](unsigned char c) { return std::tolower(c); });
        if (auto language = parse_language(lower); language && quality > best_quality) {
            best = *language;
            best_quality = quality;
        }
    }
    return best;
}

}  // namespace skirosim
