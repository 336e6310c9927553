// What several pages of activities show alike: an activity's summary, the choice lists, the
// party's number fields.
#pragma once

#include <string>
#include <vector>

#include "accounts/principal.hpp"
#include "activities/model.hpp"
#include "activities/service.hpp"
#include "i18n/translator.hpp"
#include "site/model.hpp"
#include "web/views.hpp"

namespace skirosim::activities {

// The kinds and audiences that label activities.
struct Labels {
    std::vector<Label> kinds, audiences;
};
Result<Labels> load_labels(Service& service);

// An activity as the calendar, an institution's page and the activity's own page show it.
web::mustache::data activity_view(const Activity& a, const Labels& labels,
                                  const site::SiteContent& content, const i18n::Translator& tr,
                                  Language language);

// Number fields for a party by age group; ids start with `prefix` so that two forms share a page.
web::mustache::data age_inputs(const std::vector<Label>& audiences, Language language,
                               const std::string& prefix);
web::mustache::data group_choices(const std::vector<Label>& audiences, Language language);

inline bool is_staff(const Principal& p) { return p.staff(); }

}  // namespace skirosim::activities
