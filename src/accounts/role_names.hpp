// A role as a person reads it ("coordinator", "staff of a partner institution"), not its code.
#pragma once

#include <string>
#include <string_view>

#include "core/language.hpp"
#include "i18n/translator.hpp"

namespace skirosim::accounts {

std::string role_name(const i18n::Translator& tr, Language language, std::string_view role);

}  // namespace skirosim::accounts
