// Messages to people who registered, in their language, from the .po catalogues.
#pragma once

#include "activities/service.hpp"
#include "i18n/translator.hpp"
#include "site/service.hpp"

namespace skirosim::activities {

// The subject and body of each message, and below the body which activity, when, where and for
// how many (a message read days later, or on a phone, stands on its own).
ActivityMessages activity_messages(const i18n::Translator& translator, const site::Service& site);

// The subject and the body's first paragraph alone.
std::pair<std::string, std::string> activity_message(const i18n::Translator& translator,
                                                     const MessageFacts& facts);

}  // namespace skirosim::activities
