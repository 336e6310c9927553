// An audit entry in words for the coordinator's audit page and a person's data page: the action
// and the thing it is about named, and the codes some actions keep in their details ("staff@
// cerinu-biblioteka", an institution's id) said as names.
#pragma once

#include <string>

#include "accounts/service.hpp"
#include "core/language.hpp"
#include "i18n/translator.hpp"

namespace skirosim::accounts {

std::string audit_details_text(const Service& service, const i18n::Translator& tr,
                               Language language, const std::string& action,
                               const std::string& details);

}  // namespace skirosim::accounts
