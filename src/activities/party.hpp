// A registered party in words, for the organiser's pages and the messages to the person.
#pragma once

#include "activities/model.hpp"
#include "i18n/translator.hpp"

namespace skirosim::activities {

// "Adults: 2, Ages 7–12: 3".
std::string party_text(const Registration& r, const std::vector<Label>& audiences,
                       const i18n::Translator& tr, Language language);

}  // namespace skirosim::activities
