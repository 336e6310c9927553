// What several pages of activities show alike: an activity's summary, the choice lists, the
// party's number fields.
#pragma once

#include <map>
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
                                  Language language, std::time_t now);

// Number fields for a party by age group; ids start with `prefix` so that two forms share a page.
// `typed` (age group code → text) is what a refused form held: it is shown again as it was.
web::mustache::data age_inputs(const std::vector<Label>& audiences, Language language,
                               const std::string& prefix,
                               const std::map<std::string, std::string>& typed = {});
// The groups a party may say it belongs to; `ticked` are shown ticked.
web::mustache::data group_choices(const std::vector<Label>& audiences, Language language,
                                  const std::vector<std::string>& ticked = {});

inline bool is_staff(const Principal& p) { return p.staff(); }

}  // namespace skirosim::activities
