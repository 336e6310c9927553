// What several pages of activities show alike.
#include "activities/page_parts.hpp"

#include <algorithm>

#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

Result<Labels> load_labels(Service& service) {
    auto kinds = service.kinds();
    if (!kinds) return std::unexpected(kinds.error());
    auto audiences = service.audiences();
    if (!audiences) return std::unexpected(audiences.error());
    return Labels{std::move(*kinds), std::move(*audiences)};
}

mustache::data activity_view(const Activity& a, const Labels& labels,
                             const site::SiteContent& content, const i18n::Translator& tr,
                             Language language, std::time_t now) {
    mustache::data d;
    d.set("id", std::to_string(a.id));
    d.set("title", in(a.title, language));
    d.set("description", in(a.description, language));
    if (!in(a.accessibility, language).empty())
        d.set("accessibility", in(a.accessibility, language));
    d.set("when", tr.date_time(language, a.starts_at, now));
    d.set("until", tr.time_of_day(language, a.ends_at));
    web::set_text(d, "venue", content.venue_in(a.venue, language));
    d.set("kind", name_of(labels.kinds, a.kind, language));
    d.set("cancelled", a.cancelled);
    d.set("sample", a.sample);
    d.set("registration", a.registration && !a.cancelled);
    // The languages named in the reader's language ("krievu, latviešu"), not in their own.
    std::string held;
    for (const auto& code : a.held_in) {
        if (!held.empty()) held += ", ";
        held += i18n::language_name(tr, language, parse_language(code).value_or(Language::lv));
    }
    d.set("held_in", held);
    // A reader whose language the activity is not held in is told so in plain words.
    if (a.held_in.size() == 1 && a.held_in.front() != code(language)) {
        static const std::array<const char*, 3> kHeldIn{"This activity is held in Latvian.",
                                                        "This activity is held in Russian.",
                                                        "This activity is held in English."};
        d.set("held_note",
              tr.text(language, kHeldIn[static_cast<std::size_t>(
                                    parse_language(a.held_in.front()).value_or(Language::lv))]));
    }
    mustache::data audiences{mustache::data::type::list};
    for (const auto& code : a.audiences) {
        mustache::data x;
        x.set("name", name_of(labels.audiences, code, language));
        audiences.push_back(x);
    }
    d.set("audiences", audiences);
    if (const auto* organiser = content.institution(a.institution))
        d.set("organiser", in(organiser->short_name, language));
    return d;
}

mustache::data age_inputs(const std::vector<Label>& audiences, Language language,
                          const std::string& prefix,
                          const std::map<std::string, std::string>& typed) {
    mustache::data list{mustache::data::type::list};
    bool first_adult = true;
    for (const auto& l : audiences) {
        if (l.kind != "age") continue;
        mustache::data d;
        d.set("id", prefix + l.code);
        d.set("code", l.code);
        d.set("name", in(l.name, language));
        const auto was = typed.find(l.code);
        d.set("value", was != typed.end() ? was->second : !l.child && first_adult ? "1" : "0");
        if (!l.child) first_adult = false;
        list.push_back(d);
    }
    return list;
}

mustache::data group_choices(const std::vector<Label>& audiences, Language language,
                             const std::vector<std::string>& ticked) {
    mustache::data list{mustache::data::type::list};
    for (const auto& l : audiences) {
        if (l.kind != "group") continue;
        mustache::data d;
        d.set("code", l.code);
        d.set("name", in(l.name, language));
        d.set("ticked", std::find(ticked.begin(), ticked.end(), l.code) != ticked.end());
        list.push_back(d);
    }
    return list;
}

}  // namespace skirosim::activities
