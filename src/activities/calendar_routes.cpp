// The calendar: the list with its filters, the month grid, an activity's page and an institution's.
#include "activities/routes.hpp"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "accounts/principal.hpp"

#include "activities/activity_page.hpp"
#include "activities/page_parts.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

// "2026-12-09" → noon of that day in the town (a day chosen in a filter); nothing for other text.
std::optional<std::time_t> date_of(const platform::TimeZone& zone, const std::string& text) {
    if (text.size() != 10) return std::nullopt;
    return zone.parse_local(text);
}

}  // namespace

void add_calendar_routes(http::Router& router, const RouteContext& context) {
    Service& service = context.service;
    site::Service& site = context.site;
    points::Service& boxes_of = context.points;
    const platform::Platform& platform = context.platform;
    const web::Views& views = platform.views();
    router.get(
        "/{lang}/activities",
        web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
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
            if (auto from = date_of(town->zone, from_text))
                filter.from = town->zone.at(*from, 0, 0);
            if (auto to = date_of(town->zone, to_text)) filter.until = town->zone.at(*to, 1, 0);
            auto activities = service.list(filter, 200);
            if (!activities) return std::unexpected(activities.error());
            auto labels = load_labels(service);
            if (!labels) return std::unexpected(labels.error());
            auto content = site.content();
            mustache::data list{mustache::data::type::list};
            for (const auto& a : *activities)
                list.push_back(activity_view(a, *labels, *content, views.translator(), language,
                                             platform.now()));
            mustache::data institutions{mustache::data::type::list};
            for (const auto& inst : content->institutions) {
                mustache::data d;
                d.set("code", inst.id);
                d.set("name", in(inst.short_name, language));
                d.set("selected", inst.id == filter.institution);
                institutions.push_back(d);
            }
            web::Page page{.template_name = "activities/list",
                           .title = views.translator().text(language, "Activities"),
                           .section = "activities"};
            page.data.set("activities", list);
            page.data.set("has_activities", !activities->empty());
            page.data.set("kinds", web::option_list(labels->kinds, language, filter.kind));
            page.data.set("audiences",
                          web::option_list(labels->audiences, language, filter.audience));
            page.data.set("institutions", institutions);
            for (const char* l : {"lv", "ru", "en"})
                page.data.set(std::string("held_") + l, filter.language == l);
            web::set_text(page.data, "from", date_of(town->zone, from_text) ? from_text : "");
            web::set_text(page.data, "to", date_of(town->zone, to_text) ? to_text : "");
            std::string feed = "/calendar/all.ics?lang=" + web::lang(request);
            if (!filter.institution.empty())
                feed = "/calendar/institution/" + filter.institution +
                       ".ics?lang=" + web::lang(request);
            else if (!filter.audience.empty())
                feed = "/calendar/audience/" + filter.audience + ".ics?lang=" + web::lang(request);
            page.data.set("feed", feed);
            return views.render(request, std::move(page));
        }));

    // An institution's page: who they are, where and how to reach them, their activities and
    // their own collection boxes.
    router.get("/{lang}/institutions/{id}",
               web::localized([&service, &site, &views, &platform,
                               &boxes_of](Request& request) -> Result<Response> {
                   const Language language = request.language;
                   auto content = site.content();
                   const site::Institution* inst = content->institution(request.path_param("id"));
                   if (!inst) return std::unexpected(not_found());
                   Filter filter;
                   filter.from = platform.now();
                   filter.institution = inst->id;
                   auto activities = service.list(filter, 50);
                   if (!activities) return std::unexpected(activities.error());
                   auto labels = load_labels(service);
                   if (!labels) return std::unexpected(labels.error());
                   auto boxes = boxes_of.of_institution(inst->id);
                   if (!boxes) return std::unexpected(boxes.error());
                   web::Page page{.template_name = "activities/institution",
                                  .title = in(inst->name, language),
                                  .section = "about"};
                   page.data.set("id", inst->id);
                   page.data.set("name", in(inst->name, language));
                   page.data.set("description", in(inst->description, language));
                   web::set_text(page.data, "address", inst->address);
                   web::set_text(page.data, "phone", inst->phone);
                   web::set_text(page.data, "email", inst->email);
                   web::set_text(page.data, "website", inst->website);
                   page.data.set("sample", inst->sample);
                   mustache::data list{mustache::data::type::list};
                   for (const auto& a : *activities)
                       list.push_back(activity_view(a, *labels, *content, views.translator(),
                                                    language, platform.now()));
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
    router.get(
        "/{lang}/activities/month",
        web::localized([&service, &views, &platform](Request& request) -> Result<Response> {
            using namespace std::chrono;
            const Language language = request.language;
            const auto today = platform.town()->zone.local(platform.now());
            int y = today.year, m = today.month;
            if (auto text = request.query_param("m");
                text && text->size() == 7 && (*text)[4] == '-') {
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
            filter.from = platform.town()->zone.at(
                system_clock::to_time_t(system_clock::time_point{first}) + 12 * 3600, 0, 0);
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
            // A phone shows the month as a list of the days that have activities: seven columns
            // of 45 px break every title mid-word.
            mustache::data agenda{mustache::data::type::list};
            for (int cell = 0; cell < lead + static_cast<int>(days) || cell % 7 != 0; ++cell) {
                mustache::data d;
                const int day = cell - lead + 1;
                if (day >= 1 && day <= static_cast<int>(days)) {
                    d.set("day", std::to_string(day));
                    mustache::data items{mustache::data::type::list};
                    for (const Activity* a : by_day[day]) {
                        mustache::data x;
                        x.set("id", std::to_string(a->id));
                        x.set("title", in(a->title, language));
                        x.set("time", views.translator().time_of_day(language, a->starts_at));
                        items.push_back(x);
                    }
                    if (!by_day[day].empty()) {
                        mustache::data agenda_day;
                        agenda_day.set("date", views.translator().weekday_and_day(
                                                   language, by_day[day].front()->starts_at));
                        agenda_day.set("activities", items);
                        agenda.push_back(agenda_day);
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
                return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()),
                                   static_cast<unsigned>(ym.month()));
            };
            web::Page page{.template_name = "activities/month",
                           .title = views.translator().text(language, "Activities"),
                           .section = "activities"};
            page.data.set("weeks", weeks);
            page.data.set("agenda", agenda);
            page.data.set("month", views.translator().month_year(
                                       language, platform.town()->zone.at(filter.from, 1, 0)));
            page.data.set("previous", label(previous));
            page.data.set("next", label(next));
            return views.render(request, std::move(page));
        }));

    router.get("/{lang}/activities/{id}",
               web::localized([context, &views](Request& request) -> Result<Response> {
                   auto parsed_id = web::id_param(request);
                   if (!parsed_id) return std::unexpected(parsed_id.error());
                   auto page = activity_page(request, *parsed_id, context);
                   if (!page) return std::unexpected(page.error());
                   return views.render(request, std::move(*page));
               }));
}

}  // namespace skirosim::activities
