// An activity's own page.
#include "activities/activity_page.hpp"

#include "accounts/principal.hpp"
#include "activities/page_parts.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;

namespace {

// What a refused registration form chose: the party by age group and the groups ticked.
std::map<std::string, std::string> typed_ages(const http::Request* typed) {
    std::map<std::string, std::string> ages;
    if (!typed) return ages;
    for (const auto& [key, value] : typed->form()) {
        if (key.starts_with("age_")) ages[key.substr(4)] = value;
    }
    return ages;
}

std::vector<std::string> typed_groups(const http::Request* typed) {
    std::vector<std::string> groups;
    if (!typed) return groups;
    for (const auto& [key, value] : typed->form()) {
        if (key == "group") groups.push_back(value);
    }
    return groups;
}

}  // namespace

Result<web::Page> activity_page(const http::Request& request, long long id,
                                const RouteContext& context, const http::Request* typed,
                                bool typed_on_behalf) {
    Service& service = context.service;
    const platform::Platform& platform = context.platform;
    const i18n::Translator& tr = platform.views().translator();
    auto activity = service.find(id);
    if (!activity) return std::unexpected(activity.error());
    auto labels = load_labels(service);
    if (!labels) return std::unexpected(labels.error());
    web::Page page{.template_name = "activities/activity",
                   .title = in(activity->title, request.language),
                   .section = "activities"};
    page.data = activity_view(*activity, *labels, *context.site.content(), tr, request.language,
                              platform.now());
    if (activity->capacity > 0) {
        auto taken = service.confirmed_people(id);
        if (!taken) return std::unexpected(taken.error());
        const int left = std::max(0, activity->capacity - *taken);
        page.data.set("places_left",
                      tr.plural(request.language, "{1} place left", "{1} places left", left));
        page.data.set("full", left == 0);
    }
    page.data.set("just_come", !activity->registration && !activity->cancelled &&
                                   activity->ends_at > platform.now());
    const Principal* person = accounts::signed_in_person(request);
    if (person) page.data.set("value_name", person->display_name);
    const auto own_typed = typed && !typed_on_behalf ? typed : nullptr;
    const auto resident_typed = typed && typed_on_behalf ? typed : nullptr;
    page.data.set("ages",
                  age_inputs(labels->audiences, request.language, "age-", typed_ages(own_typed)));
    page.data.set("groups",
                  group_choices(labels->audiences, request.language, typed_groups(own_typed)));
    auto dates = service.other_dates(*activity, platform.now());
    if (!dates) return std::unexpected(dates.error());
    mustache::data other{mustache::data::type::list};
    for (const auto& date : *dates) {
        mustache::data d;
        d.set("id", std::to_string(date.id));
        d.set("when", tr.date_time(request.language, date.starts_at, platform.now()));
        d.set("cancelled", date.cancelled);
        other.push_back(d);
    }
    page.data.set("other_dates", other);
    page.data.set("has_other_dates", !dates->empty());
    if (activity->series_id != 0) {
        page.data.set("repeats",
                      tr.text(request.language,
                              activity->series_rule == "weekly" ? "Every week" : "Every month"));
    }
    // Staff of any institution may register a resident they help; the organisers mark
    // attendance.
    if (person && person->staff()) {
        auto residents = service.residents_of(*person);
        if (!residents) return std::unexpected(residents.error());
        const std::string chosen =
            resident_typed ? resident_typed->form_param("resident").value_or("") : "";
        mustache::data list{mustache::data::type::list};
        for (const auto& [account, name] : *residents) {
            mustache::data d;
            d.set("id", std::to_string(account));
            d.set("name", name);
            d.set("selected", chosen == std::to_string(account));
            list.push_back(d);
        }
        page.data.set("staff", true);
        page.data.set("residents", list);
        page.data.set("resident_ages", age_inputs(labels->audiences, request.language,
                                                  "resident-age-", typed_ages(resident_typed)));
        page.data.set("resident_consent",
                      resident_typed && resident_typed->form_param("consent") == "yes");
        if (person->acts_for(activity->institution) && activity->starts_at <= platform.now()) {
            page.data.set("attendance", "/" + web::lang(request) + "/staff/activities/" +
                                            std::to_string(id) + "/attendance");
        }
    }
    return page;
}

}  // namespace skirosim::activities
