// Handlers of activities.
#include "activities/routes.hpp"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "accounts/principal.hpp"
#include "activities/editor.hpp"
#include "activities/ics.hpp"
#include "activities/participation_routes.hpp"
#include "core/ids.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {


mustache::data options(const std::vector<Label>& labels, Language language, const std::string& selected) {
    mustache::data list{mustache::data::type::list};
    for (const auto& l : labels) {
        mustache::data d;
        d.set("code", l.code);
        d.set("name", l.name[static_cast<std::size_t>(language)]);
        d.set("selected", l.code == selected);
        list.push_back(d);
    }
    return list;
}

struct Labels {
    std::vector<Label> kinds, audiences;
};

mustache::data activity_view(const Activity& a, const Labels& labels, const site::SiteContent& content,
                             const i18n::Translator& tr, Language language) {
    const auto l = static_cast<std::size_t>(language);
    mustache::data d;
    d.set("id", std::to_string(a.id));
    d.set("title", a.title[l]);
    d.set("description", a.description[l]);
    if (!a.accessibility[l].empty()) d.set("accessibility", a.accessibility[l]);
    d.set("when", tr.date_time(language, a.starts_at));
    d.set("until", tr.time_of_day(language, a.ends_at));
    web::set_text(d, "venue", a.venue);
    d.set("kind", name_of(labels.kinds, a.kind, language));
    d.set("cancelled", a.cancelled);
    d.set("sample", a.sample);
    d.set("registration", a.registration && !a.cancelled);
    static const std::array<const char*, 3> kLanguageNames{"latviešu", "русский", "English"};
    std::string held;
    for (const auto& code : a.held_in) {
        if (!held.empty()) held += ", ";
        held += kLanguageNames[static_cast<std::size_t>(parse_language(code).value_or(Language::lv))];
    }
    d.set("held_in", held);
    mustache::data audiences{mustache::data::type::list};
    for (const auto& code : a.audiences) {
        mustache::data x;
        x.set("name", name_of(labels.audiences, code, language));
        audiences.push_back(x);
    }
    d.set("audiences", audiences);
    for (const auto& inst : content.institutions) {
        if (inst.id == a.institution) d.set("organiser", in(inst.short_name, language));
    }
    return d;
}

Result<Labels> load_labels(Service& service) {
    auto kinds = service.kinds();
    if (!kinds) return std::unexpected(kinds.error());
    auto audiences = service.audiences();
    if (!audiences) return std::unexpected(audiences.error());
    return Labels{std::move(*kinds), std::move(*audiences)};
}

Response ics_response(std::string body, const std::string& file) {
    Response response = Response::text(std::move(body), "text/calendar; charset=utf-8");
    response.header("Content-Disposition", http::content_disposition("inline", file));
    return response;
}

int number(const Request& request, const char* name, int fallback) {
    try {
        auto v = request.form_param(name);
        return v && !v->empty() ? std::stoi(*v) : fallback;
    } catch (...) {
        return -1;  // the service says what is wrong
    }
}

int count_in(const std::string& text) {
    if (text.empty()) return 0;
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        return used == text.size() ? value : -1;
    } catch (...) {
        return -1;  // the service says what is wrong
    }
}

// The party from the form: people by age group ("age_<code>"), or adults and children from a
// form without ages; the groups it ticked.
void read_party(const Request& request, const std::vector<Label>& audiences, RegistrationForm& form) {
    for (const auto& l : audiences) {
        if (l.kind == "age") {
            if (auto value = request.form_param("age_" + l.code)) form.ages.emplace_back(l.code, count_in(*value));
        }
    }
    for (const auto& [key, value] : request.form()) {
        if (key == "group") form.groups.push_back(value);
    }
    if (form.ages.empty()) {
        form.adults = number(request, "adults", 1);
        form.children = number(request, "children", 0);
    }
}

// Number fields for a party by age group; ids start with `prefix` so that two forms share a page.
mustache::data age_inputs(const std::vector<Label>& audiences, Language language, const std::string& prefix) {
    mustache::data list{mustache::data::type::list};
    bool first_adult = true;
    for (const auto& l : audiences) {
        if (l.kind != "age") continue;
        mustache::data d;
        d.set("id", prefix + l.code);
        d.set("code", l.code);
        d.set("name", l.name[static_cast<std::size_t>(language)]);
        d.set("value", !l.child && first_adult ? "1" : "0");
        if (!l.child) first_adult = false;
        list.push_back(d);
    }
    return list;
}

mustache::data group_choices(const std::vector<Label>& audiences, Language language) {
    mustache::data list{mustache::data::type::list};
    for (const auto& l : audiences) {
        if (l.kind != "group") continue;
        mustache::data d;
        d.set("code", l.code);
        d.set("name", l.name[static_cast<std::size_t>(language)]);
        list.push_back(d);
    }
    return list;
}

}  // namespace

std::string party_text(const Registration& r, const std::vector<Label>& audiences, const i18n::Translator& tr,
                       Language language) {
    std::string out;
    auto add = [&](const std::string& name, int count) {
        if (count <= 0) return;
        if (!out.empty()) out += ", ";
        out += name + ": " + tr.number(language, count);
    };
    if (r.ages.empty()) {
        add(tr.text(language, "Adults"), r.adults);
        add(tr.text(language, "Children"), r.children);
    }
    for (const auto& [code, count] : r.ages) add(name_of(audiences, code, language), count);
    return out;
}

namespace {
// "2026-12-09" → noon of that day in the town (a day chosen in a filter); nothing for other text.
std::optional<std::time_t> date_of(const platform::TimeZone& zone, const std::string& text) {
    if (text.size() != 10) return std::nullopt;
    return zone.parse_local(text);
}
}  // namespace

ActivityMessages activity_messages(const i18n::Translator& translator) {
    return [&translator](const MessageFacts& facts) {
        const Language language = parse_language(facts.language).value_or(kDefaultLanguage);
        const std::string& purpose = facts.purpose;
        const std::string& title = facts.title;
        const std::string& link = facts.link;
        auto t = [&](const char* text) { return translator.text(language, text); };
        if (purpose == "confirmed") {
            return std::pair{t("You are registered"),
                             fill_placeholders(t("You are registered for \"{1}\". If you cannot come, cancel here so that someone else can: {2}"), {title, link})};
        }
        if (purpose == "waiting") {
            return std::pair{t("You are on the waiting list"),
                             fill_placeholders(t("\"{1}\" is full; you are on the waiting list and will hear from us when a place frees up. To leave the list: {2}"), {title, link})};
        }
        if (purpose == "confirm-place") {
            return std::pair{t("Open the link to keep your place"),
                             fill_placeholders(t("Someone, perhaps you, registered this contact for \"{1}\". Open this link within {3} minutes to keep the place (there you can also cancel): {2} If it was not you, ignore this message and the place is let go."), {title, link, std::to_string(facts.minutes)})};
        }
        if (purpose == "reminder") {
            return std::pair{t("Reminder: your activity is coming up"),
                             fill_placeholders(t("A reminder: you are registered for \"{1}\". See you there! Details: {2}"), {title, link})};
        }
        if (purpose == "cancelled") {
            return std::pair{t("The activity is cancelled"),
                             fill_placeholders(t("We are sorry: \"{1}\" is cancelled. Other activities: {2}"), {title, link})};
        }
        if (purpose == "feedback") {
            return std::pair{t("How was it?"),
                             fill_placeholders(t("Thank you for coming to \"{1}\". Tell the organisers in a few words how it was — just reply, or ask at the institution. {2}"), {title, link})};
        }
        return std::pair{t("A place is free for you"),
                         fill_placeholders(t("Good news: a place at \"{1}\" is now yours. Details: {2}"), {title, link})};
    };
}

namespace {

// The activity form's choices: the institutions the person acts for, kinds, audiences, languages.
void fill_form(mustache::data& data, const ActivityForm& form, const Principal& who, const Labels& labels,
               const site::SiteContent& content, Language language) {
    mustache::data institutions{mustache::data::type::list};
    for (const auto& inst : content.institutions) {
        if (!who.acts_for(inst.id)) continue;
        mustache::data d;
        d.set("code", inst.id);
        d.set("name", in(inst.short_name, language));
        d.set("selected", inst.id == form.institution);
        institutions.push_back(d);
    }
    data.set("institutions", institutions);
    data.set("kinds", options(labels.kinds, language, form.kind));
    mustache::data audiences{mustache::data::type::list};
    for (const auto& a : labels.audiences) {
        mustache::data d;
        d.set("code", a.code);
        d.set("name", a.name[static_cast<std::size_t>(language)]);
        d.set("checked", std::find(form.audiences.begin(), form.audiences.end(), a.code) != form.audiences.end());
        audiences.push_back(d);
    }
    data.set("audiences", audiences);
    for (const char* l : {"lv", "ru", "en"}) {
        data.set(std::string("held_") + l, std::find(form.held_in.begin(), form.held_in.end(), l) != form.held_in.end());
    }
    for (Language l : kLanguages) {
        const auto i = static_cast<std::size_t>(l);
        const std::string s = "_" + std::string(code(l));
        data.set("title" + s, form.title[i]);
        data.set("description" + s, form.description[i]);
        data.set("accessibility" + s, form.accessibility[i]);
    }
    data.set("start", form.start);
    data.set("end", form.end);
    data.set("venue", form.venue);
    data.set("capacity", form.capacity);
    data.set("max_party", form.max_party.empty() ? std::string("10") : form.max_party);
    data.set("reminder_hours", form.reminder_hours.empty() ? std::string("48") : form.reminder_hours);
    data.set("registration", form.registration);
    data.set("cancelled", form.cancelled);
    data.set("repeat_none", form.repeat.empty());
    data.set("repeat_weekly", form.repeat == "weekly");
    data.set("repeat_monthly", form.repeat == "monthly");
    data.set("repeat_until", form.repeat_until);
}

bool is_staff(const Principal& p) { return p.staff(); }

}  // namespace

void add_routes(http::Router& router, const RouteContext& context) {
    Service& service = context.service;
    site::Service& site = context.site;
    points::Service& boxes_of = context.points;
    Editor& editor = context.editor;
    const platform::Platform& platform = context.platform;
    const web::Views& views = platform.views();
    router.get("/{lang}/staff/activities", web::localized([&editor, &site, &views](Request& request) -> Result<Response> {
        auto who = accounts::with_role(request, is_staff);
        if (!who) return std::unexpected(who.error());
        auto activities = editor.editable(**who);
        if (!activities) return std::unexpected(activities.error());
        mustache::data list{mustache::data::type::list};
        auto content = site.content();
        for (const auto& a : *activities) {
            mustache::data d;
            d.set("id", std::to_string(a.id));
            d.set("title", a.title[static_cast<std::size_t>(request.language)]);
            d.set("when", views.translator().date_time(request.language, a.starts_at));
            list.push_back(d);
        }
        web::Page page{.template_name = "activities/staff-list",
                       .title = views.translator().text(request.language, "Our activities"), .section = "activities"};
        page.data.set("activities", list);
        return views.render(request, std::move(page));
    }));
    auto form_page = [&service, &site, &views, &platform](const Request& request, const ActivityForm& form, const Principal& who,
                                               long long id) -> Result<web::Page> {
        auto labels = load_labels(service);
        if (!labels) return std::unexpected(labels.error());
        web::Page page{.template_name = "activities/edit",
                       .title = views.translator().text(request.language, id ? "Edit the activity" : "New activity"),
                       .section = "activities"};
        fill_form(page.data, form, who, *labels, *site.content(), request.language);
        page.data.set("action", id ? "/" + web::lang(request) + "/staff/activities/" + std::to_string(id)
                                   : "/" + web::lang(request) + "/staff/activities/new");
        page.data.set("is_new", id == 0);
        if (id != 0) {
            auto activity = service.find(id);
            if (!activity) return std::unexpected(activity.error());
            page.data.set("in_series", activity->series_id != 0);
            page.data.set("view", "/" + web::lang(request) + "/activities/" + std::to_string(id));
            if (activity->starts_at <= platform.now()) {
                page.data.set("attendance", "/" + web::lang(request) + "/staff/activities/" + std::to_string(id) + "/attendance");
            }
        }
        return page;
    };
    router.get("/{lang}/staff/activities/new", web::localized([form_page, &views](Request& request) -> Result<Response> {
        auto who = accounts::with_role(request, is_staff);
        if (!who) return std::unexpected(who.error());
        ActivityForm form;
        form.held_in = {web::lang(request)};
        auto page = form_page(request, form, **who, 0);
        if (!page) return std::unexpected(page.error());
        return views.render(request, std::move(*page));
    }));
    router.get("/{lang}/staff/activities/{id}", web::localized([form_page, &service, &views, &platform](Request& request) -> Result<Response> {
        auto who = accounts::with_role(request, is_staff);
        if (!who) return std::unexpected(who.error());
        auto parsed_id = web::id_param(request);
        if (!parsed_id) return std::unexpected(parsed_id.error());
        const long long id = *parsed_id;
        auto activity = service.find(id);
        if (!activity) return std::unexpected(activity.error());
        if (!(*who)->acts_for(activity->institution)) return std::unexpected(Error::make(ErrorCode::forbidden, "You may not do this."));
        auto page = form_page(request, ActivityForm::from(*activity, platform.town()->zone), **who, id);
        if (!page) return std::unexpected(page.error());
        page->data.set("saved", request.query_param("saved").has_value());
        return views.render(request, std::move(*page));
    }));
    for (const char* pattern : {"/{lang}/staff/activities/new", "/{lang}/staff/activities/{id}"}) {
        const bool is_new = std::string(pattern).ends_with("/new");
        router.post(pattern, web::localized([form_page, &editor, &views, is_new](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, is_staff);
            if (!who) return std::unexpected(who.error());
            long long id = 0;
            if (!is_new) {
                auto parsed_id = web::id_param(request);
                if (!parsed_id) return std::unexpected(parsed_id.error());
                id = *parsed_id;
            }
            ActivityForm form = ActivityForm::from(request);
            auto saved = editor.save(**who, id, form);
            if (!saved) {
                if (saved.error().code != ErrorCode::invalid_input) return std::unexpected(saved.error());
                auto page = form_page(request, form, **who, id);
                if (!page) return std::unexpected(page.error());
                page->data.set("error", views.translator().message(request.language, saved.error()));
                page->status = 400;
                return views.render(request, std::move(*page));
            }
            return Response::redirect("/" + web::lang(request) + "/staff/activities/" + std::to_string(*saved) + "?saved=1", 303);
        }));
    }

    router.get("/{lang}/activities", web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
        const Language language = request.language;
        Filter filter;
        filter.from = platform.now();
        filter.institution = request.query_param("institution").value_or("");
        filter.kind = request.query_param("kind").value_or("");
        filter.audience = request.query_param("audience").value_or("");
        filter.language = request.query_param("held_in").value_or("");
        // Dates in Riga, both days included; a date that is not one is left out of the filter.
        const std::string from_text = request.query_param("from").value_or("");
        const std::string to_text = request.query_param("to").value_or("");
        const auto town = platform.town();
        if (auto from = date_of(town->zone, from_text)) filter.from = town->zone.at(*from, 0, 0);
        if (auto to = date_of(town->zone, to_text)) filter.until = town->zone.at(*to, 1, 0);
        auto activities = service.list(filter, 200);
        if (!activities) return std::unexpected(activities.error());
        auto labels = load_labels(service);
        if (!labels) return std::unexpected(labels.error());
        auto content = site.content();
        mustache::data list{mustache::data::type::list};
        for (const auto& a : *activities) list.push_back(activity_view(a, *labels, *content, views.translator(), language));
        mustache::data institutions{mustache::data::type::list};
        for (const auto& inst : content->institutions) {
            mustache::data d;
            d.set("code", inst.id);
            d.set("name", in(inst.short_name, language));
            d.set("selected", inst.id == filter.institution);
            institutions.push_back(d);
        }
        web::Page page{.template_name = "activities/list", .title = views.translator().text(language, "Activities"),
                       .section = "activities"};
        page.data.set("activities", list);
        page.data.set("has_activities", !activities->empty());
        page.data.set("kinds", options(labels->kinds, language, filter.kind));
        page.data.set("audiences", options(labels->audiences, language, filter.audience));
        page.data.set("institutions", institutions);
        for (const char* l : {"lv", "ru", "en"}) page.data.set(std::string("held_") + l, filter.language == l);
        web::set_text(page.data, "from", date_of(town->zone, from_text) ? from_text : "");
        web::set_text(page.data, "to", date_of(town->zone, to_text) ? to_text : "");
        std::string feed = "/calendar/all.ics?lang=" + web::lang(request);
        if (!filter.institution.empty()) feed = "/calendar/institution/" + filter.institution + ".ics?lang=" + web::lang(request);
        else if (!filter.audience.empty()) feed = "/calendar/audience/" + filter.audience + ".ics?lang=" + web::lang(request);
        page.data.set("feed", feed);
        return views.render(request, std::move(page));
    }));

    // An institution's page: who they are, where and how to reach them, their activities and
    // their own collection boxes.
    router.get("/{lang}/institutions/{id}", web::localized([&service, &site, &views, &platform, &boxes_of](Request& request) -> Result<Response> {
        const Language language = request.language;
        auto content = site.content();
        const site::Institution* inst = nullptr;
        for (const auto& i : content->institutions) {
            if (i.id == request.path_param("id")) inst = &i;
        }
        if (!inst) return std::unexpected(Error::make(ErrorCode::not_found, "This page does not exist."));
        Filter filter;
        filter.from = platform.now();
        filter.institution = inst->id;
        auto activities = service.list(filter, 50);
        if (!activities) return std::unexpected(activities.error());
        auto labels = load_labels(service);
        if (!labels) return std::unexpected(labels.error());
        auto boxes = boxes_of.of_institution(inst->id);
        if (!boxes) return std::unexpected(boxes.error());
        web::Page page{.template_name = "activities/institution", .title = in(inst->name, language), .section = "about"};
        page.data.set("id", inst->id);
        page.data.set("name", in(inst->name, language));
        page.data.set("description", in(inst->description, language));
        web::set_text(page.data, "address", inst->address);
        web::set_text(page.data, "phone", inst->phone);
        web::set_text(page.data, "email", inst->email);
        web::set_text(page.data, "website", inst->website);
        page.data.set("sample", inst->sample);
        mustache::data list{mustache::data::type::list};
        for (const auto& a : *activities) list.push_back(activity_view(a, *labels, *content, views.translator(), language));
        page.data.set("activities", list);
        page.data.set("has_activities", !activities->empty());
        mustache::data box_list{mustache::data::type::list};
        for (const auto& box : *boxes) {
            mustache::data d;
            d.set("id", box.id);
            d.set("name", in(box.name, language));
            box_list.push_back(d);
        }
        page.data.set("points", box_list);
        page.data.set("has_points", !boxes->empty());
        return views.render(request, std::move(page));
    }));

    // The month view: a grid of weeks, Monday first, each day with its activities.
    router.get("/{lang}/activities/month", web::localized([&service, &views, &platform](Request& request) -> Result<Response> {
        using namespace std::chrono;
        const Language language = request.language;
        const auto today = platform.town()->zone.local(platform.now());
        int y = today.year, m = today.month;
        if (auto text = request.query_param("m"); text && text->size() == 7 && (*text)[4] == '-') {
            try {
                y = std::stoi(text->substr(0, 4));
                m = std::stoi(text->substr(5, 2));
            } catch (...) {
            }
            if (y < 2000 || y > 2100 || m < 1 || m > 12) y = today.year, m = today.month;
        }
        const year_month month{year{y}, std::chrono::month{static_cast<unsigned>(m)}};
        const auto first = sys_days{month / 1};
        const unsigned days = static_cast<unsigned>((month / last).day());
        const int lead = (weekday{first}.iso_encoding() + 6) % 7;  // Monday = 0
        Filter filter;
        filter.from = platform.town()->zone.at(system_clock::to_time_t(system_clock::time_point{first}) + 12 * 3600, 0, 0);
        filter.audience = request.query_param("audience").value_or("");
        filter.kind = request.query_param("kind").value_or("");
        filter.institution = request.query_param("institution").value_or("");
        auto activities = service.list(filter, 500);
        if (!activities) return std::unexpected(activities.error());
        std::map<int, std::vector<const Activity*>> by_day;
        for (const auto& a : *activities) {
            const auto t = platform.town()->zone.local(a.starts_at);
            if (t.year == y && t.month == m) by_day[t.day].push_back(&a);
        }
        mustache::data weeks{mustache::data::type::list};
        mustache::data week{mustache::data::type::list};
        for (int cell = 0; cell < lead + static_cast<int>(days) || cell % 7 != 0; ++cell) {
            mustache::data d;
            const int day = cell - lead + 1;
            if (day >= 1 && day <= static_cast<int>(days)) {
                d.set("day", std::to_string(day));
                mustache::data items{mustache::data::type::list};
                for (const Activity* a : by_day[day]) {
                    mustache::data x;
                    x.set("id", std::to_string(a->id));
                    x.set("title", a->title[static_cast<std::size_t>(language)]);
                    x.set("time", views.translator().time_of_day(language, a->starts_at));
                    items.push_back(x);
                }
                d.set("activities", items);
            }
            week.push_back(d);
            if (cell % 7 == 6) {
                mustache::data row;
                row.set("days", week);
                weeks.push_back(row);
                week = mustache::data{mustache::data::type::list};
            }
        }
        const year_month previous = month - months{1}, next = month + months{1};
        auto label = [](year_month ym) {
            return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
        };
        web::Page page{.template_name = "activities/month",
                       .title = views.translator().text(language, "Activities"), .section = "activities"};
        page.data.set("weeks", weeks);
        page.data.set("month", views.translator().month_year(language, platform.town()->zone.at(filter.from, 1, 0)));
        page.data.set("previous", label(previous));
        page.data.set("next", label(next));
        return views.render(request, std::move(page));
    }));

    router.get("/{lang}/activities/{id}", web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
        auto parsed_id = web::id_param(request);
        if (!parsed_id) return std::unexpected(parsed_id.error());
        const long long id = *parsed_id;
        auto activity = service.find(id);
        if (!activity) return std::unexpected(activity.error());
        auto labels = load_labels(service);
        if (!labels) return std::unexpected(labels.error());
        web::Page page{.template_name = "activities/activity",
                       .title = activity->title[static_cast<std::size_t>(request.language)], .section = "activities"};
        page.data = activity_view(*activity, *labels, *site.content(), views.translator(), request.language);
        if (activity->capacity > 0) {
            auto taken = service.confirmed_people(id);
            if (!taken) return std::unexpected(taken.error());
            const int left = std::max(0, activity->capacity - *taken);
            page.data.set("places_left", views.translator().plural(request.language, "{1} place left", "{1} places left", left));
            page.data.set("full", left == 0);
        }
        if (accounts::signed_in_person(request)) page.data.set("value_name", accounts::signed_in_person(request)->display_name);
        page.data.set("ages", age_inputs(labels->audiences, request.language, "age-"));
        page.data.set("groups", group_choices(labels->audiences, request.language));
        auto dates = service.other_dates(*activity, platform.now());
        if (!dates) return std::unexpected(dates.error());
        mustache::data other{mustache::data::type::list};
        for (const auto& date : *dates) {
            mustache::data d;
            d.set("id", std::to_string(date.id));
            d.set("when", views.translator().date_time(request.language, date.starts_at));
            d.set("cancelled", date.cancelled);
            other.push_back(d);
        }
        page.data.set("other_dates", other);
        page.data.set("has_other_dates", !dates->empty());
        if (activity->series_id != 0) {
            page.data.set("repeats", views.translator().text(request.language, activity->series_rule == "weekly"
                                                                                   ? "Every week"
                                                                                   : "Every month"));
        }
        // Staff of any institution may register a resident they help; the organisers mark attendance.
        if (accounts::signed_in_person(request) && accounts::signed_in_person(request)->staff()) {
            auto residents = service.residents_of(*accounts::signed_in_person(request));
            if (!residents) return std::unexpected(residents.error());
            mustache::data list{mustache::data::type::list};
            for (const auto& [account, name] : *residents) {
                mustache::data d;
                d.set("id", std::to_string(account));
                d.set("name", name);
                list.push_back(d);
            }
            page.data.set("staff", true);
            page.data.set("residents", list);
            page.data.set("resident_ages", age_inputs(labels->audiences, request.language, "resident-age-"));
            if (accounts::signed_in_person(request)->acts_for(activity->institution) && activity->starts_at <= platform.now()) {
                page.data.set("attendance", "/" + web::lang(request) + "/staff/activities/" + std::to_string(id) + "/attendance");
            }
        }
        return views.render(request, std::move(page));
    }));

    // The resident's own registration, and staff registering a resident on their behalf.
    for (const bool on_behalf : {false, true}) {
        const char* pattern = on_behalf ? "/{lang}/activities/{id}/register-resident" : "/{lang}/activities/{id}/register";
        router.post(pattern, web::localized([&service, &views, on_behalf, &platform](Request& request) -> Result<Response> {
            auto parsed_id = web::id_param(request);
            if (!parsed_id) return std::unexpected(parsed_id.error());
            const long long id = *parsed_id;
            auto audiences = service.audiences();
            if (!audiences) return std::unexpected(audiences.error());
            RegistrationForm form;
            form.activity = id;
            form.name = request.form_param("name").value_or("");
            form.contact = request.form_param("contact").value_or("");
            form.language = web::lang(request);
            form.address = request.remote_address;
            read_party(request, *audiences, form);
            Result<Registered> done;
            if (on_behalf) {
                auto who = accounts::with_role(request, is_staff);
                if (!who) return std::unexpected(who.error());
                if (auto resident = request.form_param("resident"); resident && !resident->empty()) {
                    form.account = parse_id(*resident);
                    if (!form.account) return std::unexpected(Error::make(ErrorCode::forbidden, "You may not do this."));
                }
                if (request.form_param("consent").value_or("") == "yes") form.consent = "agreed in person to the registration";
                done = service.register_on_behalf(**who, form, platform.now());
            } else {
                if (accounts::signed_in_person(request)) form.account = accounts::signed_in_person(request)->account_id;
                done = service.register_party(form, platform.now());
            }
            web::Page page{.template_name = "activities/registered",
                           .title = views.translator().text(request.language, "Registration"), .section = "activities"};
            page.data.set("id", std::to_string(id));
            if (!done) {
                const ErrorCode code = done.error().code;
                if (code != ErrorCode::invalid_input && code != ErrorCode::too_many_requests) {
                    return std::unexpected(done.error());
                }
                page.data.set("error", views.translator().message(request.language, done.error()));
                page.status = http::http_status(code);
                return views.render(request, std::move(page));
            }
            if (done->hold_until) {
                // Nothing is confirmed until the contact opens the link.
                page.data.set("held", true);
                page.data.set("hold_minutes", views.translator().plural(
                                                  request.language, "{1} minute", "{1} minutes",
                                                  static_cast<long long>((*done->hold_until - platform.now() + 59) / 60)));
            } else {
                page.data.set(done->status == "confirmed" ? "confirmed" : "waiting", true);
            }
            page.data.set("on_behalf", on_behalf);
            page.data.set("cancel", "/" + web::lang(request) + "/registrations/cancel?token=" + done->cancel_token);
            return views.render(request, std::move(page));
        }));
    }

    router.get("/{lang}/registrations/cancel", web::localized([&service, &views](Request& request) -> Result<Response> {
        const std::string token = request.query_param("token").value_or("");
        auto found = service.by_token(token);
        if (!found) return std::unexpected(found.error());
        if (!*found) return std::unexpected(Error::make(ErrorCode::not_found, "This page does not exist."));
        web::Page page{.template_name = "activities/cancel",
                       .title = views.translator().text(request.language, "Cancel the registration"), .section = "activities"};
        page.data.set("token", token);
        page.data.set("cancelled", (*found)->status == "cancelled");
        page.data.set("name", (*found)->name);
        page.data.set("id", std::to_string((*found)->activity));
        return views.render(request, std::move(page));
    }));
    // The link a guest is sent: opening it keeps the places.
    router.get("/{lang}/registrations/confirm", web::localized([&service, &views, &platform](Request& request) -> Result<Response> {
        const std::string token = request.query_param("token").value_or("");
        auto kept = service.confirm_place(token, platform.now());
        if (!kept) return std::unexpected(kept.error());
        web::Page page{.template_name = "activities/registered",
                       .title = views.translator().text(request.language, "Registration"), .section = "activities"};
        page.data.set("id", std::to_string(kept->activity));
        page.data.set(kept->status == "confirmed" ? "confirmed" : "waiting", true);
        page.data.set("kept", true);
        page.data.set("cancel", "/" + web::lang(request) + "/registrations/cancel?token=" + token);
        return views.render(request, std::move(page));
    }));
    router.post("/{lang}/registrations/cancel", web::localized([&service, &views, &platform](Request& request) -> Result<Response> {
        auto cancelled = service.cancel(request.form_param("token").value_or(""), platform.now());
        if (!cancelled) return std::unexpected(cancelled.error());
        web::Page page{.template_name = "activities/cancel",
                       .title = views.translator().text(request.language, "Cancel the registration"), .section = "activities"};
        page.data.set("cancelled", true);
        page.data.set("done", true);
        page.data.set("id", std::to_string(cancelled->activity));
        return views.render(request, std::move(page));
    }));

    // ---- iCalendar ----
    auto feed = [&service, &views, &platform](const Request& request, Filter filter, const std::string& file) -> Result<Response> {
        const Language language = parse_language(request.query_param("lang").value_or("lv")).value_or(Language::lv);
        filter.from = platform.now() - 30 * 86400;  // a month back, so that calendars keep what just happened
        auto activities = service.list(filter, 1000);
        if (!activities) return std::unexpected(activities.error());
        return ics_response(calendar(*activities, language, platform.public_url(),
                                     views.translator().text(language, "Activities"), platform.town()->zone, platform.now()),
                            file);
    };
    router.get("/calendar/all.ics", [feed](Request& request) -> Result<Response> { return feed(request, {}, "activities.ics"); });
    router.get("/calendar/institution/{id}", [feed](Request& request) -> Result<Response> {
        std::string id = request.path_param("id");
        if (id.ends_with(".ics")) id.resize(id.size() - 4);
        Filter filter;
        filter.institution = id;
        return feed(request, filter, id + ".ics");
    });
    router.get("/calendar/audience/{code}", [feed](Request& request) -> Result<Response> {
        std::string code = request.path_param("code");
        if (code.ends_with(".ics")) code.resize(code.size() - 4);
        Filter filter;
        filter.audience = code;
        return feed(request, filter, code + ".ics");
    });
    router.get("/activities/{file}", [&service, &platform](Request& request) -> Result<Response> {
        std::string file = request.path_param("file");
        if (!file.ends_with(".ics")) return std::unexpected(Error::make(ErrorCode::not_found, "This page does not exist."));
        const auto parsed_id = parse_id(std::string_view(file).substr(0, file.size() - 4));
        if (!parsed_id) return std::unexpected(Error::make(ErrorCode::not_found, "This page does not exist."));
        const long long id = *parsed_id;
        auto activity = service.find(id);
        if (!activity) return std::unexpected(activity.error());
        const Language language = parse_language(request.query_param("lang").value_or("lv")).value_or(Language::lv);
        return ics_response(calendar({*activity}, language, platform.public_url(), in(activity->title, language),
                                     platform.town()->zone, platform.now()),
                            "activity-" + std::to_string(id) + ".ics");
    });
}

}  // namespace skirosim::activities
