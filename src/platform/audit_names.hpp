// What an audit log entry records, as a person reads it ("Role granted"), not its code
// ("role.grant"): the coordinator's audit page and a person's own data page say the same.
#pragma once

#include <string>
#include <string_view>

#include "core/language.hpp"
#include "i18n/translator.hpp"

namespace skirosim::platform {

// An action no module has named reads "Other change", never its code.
std::string audit_action_name(const i18n::Translator& tr, Language language,
                              std::string_view action);

// The kind of thing an entry is about ("account", "activity", …) as a noun: "Konts", "Мероприятие".
std::string audit_subject_name(const i18n::Translator& tr, Language language,
                               std::string_view subject_kind);

}  // namespace skirosim::platform
