// A person's data download as a page they can read, in their language: the same sections as the
// JSON file (which stays for machines), with named columns, dates and yes/no instead of keys,
// Unix times and codes.
#pragma once

#include <boost/json.hpp>

#include "accounts/service.hpp"
#include "core/language.hpp"
#include "i18n/translator.hpp"
#include "web/views.hpp"

namespace skirosim::accounts {

// `service` names the institutions that roles are held in.
web::mustache::data readable_data(const boost::json::object& data, const Service& service,
                                  const i18n::Translator& tr, Language language);

}  // namespace skirosim::accounts
