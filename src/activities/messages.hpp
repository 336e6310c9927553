// Messages to people who registered, in their language, from the .po catalogues.
#pragma once

#include "activities/service.hpp"
#include "i18n/translator.hpp"

namespace skirosim::activities {

ActivityMessages activity_messages(const i18n::Translator& translator);

}  // namespace skirosim::activities
