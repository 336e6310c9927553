// Handlers of attendance, figures and the public results.
#include "activities/participation_routes.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "accounts/principal.hpp"
#include "activities/party.hpp"
#include "core/ids.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

// A number as people type it: "2,5" or "2.5"; empty is 0; anything else is -1 (refused later).
double amount_in(std::string text) {
    if (text.empty()) return 0;
    std::replace(text.begin(), text.end(), ',', '.');
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        return used == text.size() ? value : -1;
    } catch (...) {
        return -1;
    }
}

Attendance read_attendance(const Request& request, const std::vector<Label>& audiences,
                           const std::vector<Label>& channels) {
    Attendance a;
    std::vector<long long> came;
    for (const auto& [key, value] : request.form()) {
        const auto id = parse_id(value);
        if (!id) continue;
        if (key == "came") came.push_back(*id);
        if (key == "listed") a.came.emplace_back(*id, false);
    }
    for (auto& [id, present] : a.came)
        present = std::find(came.begin(), came.end(), id) != came.end();
    for (const auto& l : audiences) {
        if (l.kind != "age") continue;
        const double people = amount_in(request.form_param("walk_" + l.code).value_or(""));
        a.walk_ins.emplace_back(l.code,
                                people == static_cast<int>(people) ? static_cast<int>(people) : -1);
    }
    for (const auto& c : channels) {
        a.results.emplace_back("kg:" + c.code,
                               amount_in(request.form_param("kg_" + c.code).value_or("")));
    }
    a.results.emplace_back("items", amount_in(request.form_param("items").value_or("")));
    return a;
}

double result_of(const std::vector<std::pair<std::string, double>>& results,
                 const std::string& measure) {
    for (const auto& [m, v] : results) {
        if (m == measure) return v;
    }
    return 0;
}

// The period of the figures from ?from=YYYY-MM-DD&to=YYYY-MM-DD (both days included); by default
// this year until today.
struct Period {
    std::string from_text, to_text;
    std::time_t from = 0, to = 0;
};

// A calendar month as the first and last days' ISO dates, `offset` months from (year, month).
std::pair<std::string, std::string> month_range(int year, int month, int offset) {
    const std::chrono::year_month first =
        std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} +
        std::chrono::months{offset};
    const std::chrono::year_month_day last{first / std::chrono::last};
    return {fmt::format("{:04}-{:02}-01", static_cast<int>(first.year()),
                        static_cast<unsigned>(first.month())),
            fmt::format("{:04}-{:02}-{:02}", static_cast<int>(last.year()),
                        static_cast<unsigned>(last.month()), static_cast<unsigned>(last.day()))};
}

// The period asked for; without one, the current month, whole, so that what is planned for the
// rest of it counts too (a period from 1 January to today showed zeros in December).
Period period_of(const Request& request, const platform::TimeZone& zone, std::time_t now) {
    const auto today = zone.local(now);
    auto day = [&zone](const std::string& text) {
        return text.size() == 10 ? zone.parse_local(text) : std::nullopt;
    };
    const auto [month_start, month_end] = month_range(today.year, today.month, 0);
    Period p;
    p.from_text = request.query_param("from").value_or("");
    p.to_text = request.query_param("to").value_or("");
    auto from = day(p.from_text);
    auto to = day(p.to_text);
    if (!from) {
        p.from_text = month_start;
        from = day(p.from_text);
    }
    if (!to || *to < *from) {
        p.to_text = *from > *day(month_end) ? p.from_text : month_end;
        to = day(p.to_text);
    }
    p.from = zone.at(*from, 0, 0);
    p.to = zone.at(*to, 1, 0);
    return p;
}

// One-click periods beside the date fields: last, this and next month, and this year.
mustache::data period_choices(const Period& shown, const platform::TimeZone& zone, std::time_t now,
                              const i18n::Translator& tr, Language language,
                              const std::string& base) {
    const auto today = zone.local(now);
    mustache::data list{mustache::data::type::list};
    const auto add = [&](const char* label, const std::string& from, const std::string& to) {
        mustache::data d;
        d.set("label", tr.text(language, label));
        d.set("href", base + "?from=" + from + "&to=" + to);
        d.set("current", from == shown.from_text && to == shown.to_text);
        list.push_back(d);
    };
    for (const auto& [label, offset] :
         {std::pair{"Last month", -1}, std::pair{"This month", 0}, std::pair{"Next month", 1}}) {
        const auto [from, to] = month_range(today.year, today.month, offset);
        add(label, from, to);
    }
    add("This year", fmt::format("{:04}-01-01", today.year),
        fmt::format("{:04}-12-31", today.year));
    return list;
}

// One row of figures: a name and its value as text.
struct Row {
    std::string section, code, name, value;
};

// Every figure of a period as rows, in the reader's language; `in_public` hides counts of people
// below 5.
std::vector<Row> figure_rows(const Figures& f, const std::vector<Label>& kinds,
                             const std::vector<Label>& audiences,
                             const std::vector<Label>& channels, const site::SiteContent& content,
                             const i18n::Translator& tr, Language language, bool in_public) {
    auto t = [&](const char* text) { return tr.text(language, text); };
    auto people = [&](int n) {
        return in_public && hidden_in_public(n) ? std::string("<5") : tr.number(language, n);
    };
    auto count = [&](int n) { return tr.number(language, n); };
    std::vector<Row> rows;
    rows.push_back({"activities", "held", t("Activities held"), count(f.activities)});
    if (!in_public) {
        rows.push_back({"activities", "planned", t("Activities still to come"), count(f.planned)});
        rows.push_back({"activities", "cancelled", t("Activities cancelled"), count(f.cancelled)});
        rows.push_back(
            {"activities", "marked", t("Activities with attendance marked"), count(f.marked)});
    }
    for (const auto& [code, n] : f.by_kind)
        rows.push_back({"kind", code, name_of(kinds, code, language), count(n)});
    for (const auto& [code, n] : f.by_institution) {
        std::string name = code;
        for (const auto& inst : content.institutions) {
            if (inst.id == code) name = in(inst.short_name, language);
        }
        rows.push_back({"institution", code, name, count(n)});
    }
    if (!in_public) {
        rows.push_back(
            {"registrations", "parties", t("Registrations (parties)"), count(f.registrations)});
        rows.push_back(
            {"registrations", "people", t("People registered"), count(f.registered_people)});
        rows.push_back(
            {"registrations", "waiting", t("Still on a waiting list (parties)"), count(f.waiting)});
        rows.push_back({"registrations", "cancelled", t("Cancelled registrations"),
                        count(f.cancelled_registrations)});
        rows.push_back({"attendance", "came-parties", t("Registered parties who came"),
                        count(f.attended_parties)});
        rows.push_back({"attendance", "came-people", t("Registered people who came"),
                        count(f.attended_people)});
        rows.push_back({"attendance", "no-show-parties", t("Registered parties who did not come"),
                        count(f.no_show_parties)});
        rows.push_back({"attendance", "no-show-people", t("Registered people who did not come"),
                        count(f.no_show_people)});
        rows.push_back({"attendance", "walk-ins", t("People who came without registering"),
                        count(f.walk_ins)});
    }
    rows.push_back({"attendance", "participants", t("Participants"), people(f.participants)});
    for (const char* kind : {"age", "group"}) {
        for (const auto& l : audiences) {
            if (l.kind != kind) continue;
            int n = 0;
            for (const auto& [code, value] : f.by_audience) {
                if (code == l.code) n = value;
            }
            rows.push_back({kind, l.code, in(l.name, language), people(n)});
        }
    }
    for (const auto& [code, n] : f.by_audience) {
        if (code == kAgeNotGiven && n > 0)
            rows.push_back({"age", "unknown", t("Age not given"), people(n)});
    }
    for (const auto& c : channels) {
        const double kg = result_of(f.results, "kg:" + c.code);
        if (kg > 0) {
            rows.push_back({"collected", "kg:" + c.code, in(c.name, language),
                            tr.number(language, kg, 1) + " kg"});
        }
    }
    if (const double items = result_of(f.results, "items"); items > 0) {
        rows.push_back({"collected", "items", t("Things given away for reuse"),
                        count(static_cast<int>(items))});
    }
    return rows;
}

mustache::data rows_in(const std::vector<Row>& rows, const std::string& section) {
    mustache::data list{mustache::data::type::list};
    for (const auto& r : rows) {
        if (r.section != section) continue;
        mustache::data d;
        d.set("name", r.name);
        d.set("value", r.value);
        list.push_back(d);
    }
    return list;
}

struct AllLabels {
    std::vector<Label> kinds, audiences, channels;
};

Result<AllLabels> all_labels(Service& service) {
    auto kinds = service.kinds();
    if (!kinds) return std::unexpected(kinds.error());
    auto audiences = service.audiences();
    if (!audiences) return std::unexpected(audiences.error());
    auto channels = service.channels();
    if (!channels) return std::unexpected(channels.error());
    return AllLabels{std::move(*kinds), std::move(*audiences), std::move(*channels)};
}

// The tables of figures as HTML, one per section that has rows.
std::string figure_tables(const web::Views& views, Language language,
                          const std::vector<Row>& rows) {
    mustache::data data;
    for (const char* section : {"activities", "kind", "institution", "registrations", "attendance",
                                "age", "group", "collected"}) {
        auto list = rows_in(rows, section);
        data.set(std::string("has_") + section, !list.is_empty_list());
        data.set(section, list);
    }
    return views.render_fragment(language, "activities/figure-tables", data);
}

// A period's figures as rows, in the reader's language: the coordinator's page and CSV, and
// the public results (where counts of people below 5 read "<5").
Result<std::vector<Row>> figures_as_rows(const Figures& figures, Service& service,
                                         site::Service& site, const i18n::Translator& tr,
                                         Language language, bool in_public) {
    auto labels = all_labels(service);
    if (!labels) return std::unexpected(labels.error());
    return figure_rows(figures, labels->kinds, labels->audiences, labels->channels, *site.content(),
                       tr, language, in_public);
}

// The same for a period still to be counted.
Result<std::vector<Row>> figures_as_rows(Service& service, site::Service& site,
                                         const i18n::Translator& tr, Language language,
                                         std::time_t from, std::time_t to, std::time_t now,
                                         bool in_public) {
    auto figures = service.figures(from, to, now);
    if (!figures) return std::unexpected(figures.error());
    return figures_as_rows(*figures, service, site, tr, language, in_public);
}

}  // namespace

void add_participation_routes(http::Router& router, Service& service, site::Service& site,
                              const platform::Platform& platform) {
    const web::Views& views = platform.views();
    // The sheet as saved or, after a refused save (`typed`), as the organiser typed it.
    auto sheet_page = [&service, &views, &platform](Request& request, long long id,
                                                    bool typed) -> Result<web::Page> {
        auto who = accounts::signed_in(request);
        if (!who) return std::unexpected(who.error());
        auto sheet = service.attendance_sheet(**who, id);
        if (!sheet) return std::unexpected(sheet.error());
        auto labels = all_labels(service);
        if (!labels) return std::unexpected(labels.error());
        const Language language = request.language;
        const auto& tr = views.translator();
        web::Page page{.template_name = "activities/attendance",
                       .title = tr.text(language, "Attendance and results"),
                       .section = "activities"};
        page.data.set("id", std::to_string(id));
        page.data.set("title", in(sheet->activity.title, language));
        page.data.set("when", tr.date_time(language, sheet->activity.starts_at));
        // Before the activity the sheet is shown but cannot be filled in: said here, not on save.
        if (sheet->activity.starts_at > platform.now()) {
            page.data.set("not_yet", fill_placeholders(
                                         tr.text(language,
                                                 "This activity has not begun yet. "
                                                 "Attendance can be marked once it begins: {1}."),
                                         {tr.date_time(language, sheet->activity.starts_at)}));
        }
        mustache::data registrations{mustache::data::type::list};
        for (const auto& r : sheet->registrations) {
            mustache::data d;
            d.set("id", std::to_string(r.id));
            web::set_text(d, "name", r.name);  // empty once the retention job has run
            d.set("party", party_text(r, labels->audiences, tr, language));
            bool came = false;
            for (const auto& [registration, present] : sheet->attendance.came) {
                if (registration == r.id) came = present;
            }
            if (typed) {
                came = false;
                for (const auto& [key, value] : request.form())
                    came = came || (key == "came" && value == std::to_string(r.id));
            }
            d.set("came", came);
            registrations.push_back(d);
        }
        page.data.set("registrations", registrations);
        page.data.set("has_registrations", !sheet->registrations.empty());
        mustache::data walk_ins{mustache::data::type::list};
        for (const auto& l : labels->audiences) {
            if (l.kind != "age") continue;
            int n = 0;
            for (const auto& [code, value] : sheet->attendance.walk_ins) {
                if (code == l.code) n = value;
            }
            mustache::data d;
            d.set("code", l.code);
            d.set("name", in(l.name, language));
            d.set("value",
                  typed ? request.form_param("walk_" + l.code).value_or("") : std::to_string(n));
            walk_ins.push_back(d);
        }
        page.data.set("walk_ins", walk_ins);
        mustache::data channels{mustache::data::type::list};
        for (const auto& c : labels->channels) {
            const double kg = result_of(sheet->attendance.results, "kg:" + c.code);
            mustache::data d;
            d.set("code", c.code);
            d.set("name", in(c.name, language));
            d.set("value", typed    ? request.form_param("kg_" + c.code).value_or("")
                           : kg > 0 ? tr.number(language, kg, 1)
                                    : std::string());
            channels.push_back(d);
        }
        page.data.set("channels", channels);
        const double items = result_of(sheet->attendance.results, "items");
        page.data.set("items", typed       ? request.form_param("items").value_or("")
                               : items > 0 ? std::to_string(static_cast<long long>(items))
                                           : std::string());
        page.data.set("has_results", typed || !sheet->attendance.results.empty());
        return page;
    };
    auto activity_id = [](const Request& request) -> Result<long long> {
        return web::id_param(request);
    };
    router.get(
        "/{lang}/staff/activities/{id}/attendance",
        web::localized([sheet_page, activity_id, &views](Request& request) -> Result<Response> {
            auto id = activity_id(request);
            if (!id) return std::unexpected(id.error());
            auto page = sheet_page(request, *id, false);
            if (!page) return std::unexpected(page.error());
            page->data.set("saved", request.query_param("saved").has_value());
            return views.render(request, std::move(*page));
        }));
    router.post("/{lang}/staff/activities/{id}/attendance",
                web::localized([sheet_page, activity_id, &service, &views,
                                &platform](Request& request) -> Result<Response> {
                    auto id = activity_id(request);
                    if (!id) return std::unexpected(id.error());
                    auto who = accounts::signed_in(request);
                    if (!who) return std::unexpected(who.error());
                    auto labels = all_labels(service);
                    if (!labels) return std::unexpected(labels.error());
                    auto saved = service.mark_attendance(
                        **who, *id, read_attendance(request, labels->audiences, labels->channels),
                        platform.now());
                    if (!saved) {
                        if (saved.error().code != ErrorCode::invalid_input)
                            return std::unexpected(saved.error());
                        // Nothing was saved; the page keeps what was typed and says what to
                        // correct.
                        auto page = sheet_page(request, *id, true);
                        if (!page) return std::unexpected(page.error());
                        return web::form_error(views, request, std::move(*page), saved.error());
                    }
                    return Response::redirect("/" + web::lang(request) + "/staff/activities/" +
                                                  std::to_string(*id) + "/attendance?saved=1",
                                              303);
                }));

    router.get(
        "/{lang}/coordinator/figures",
        web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, accounts::is_coordinator);
            if (!who) return std::unexpected(who.error());
            const Period period = period_of(request, platform.town()->zone, platform.now());
            auto rows = figures_as_rows(service, site, views.translator(), request.language,
                                        period.from, period.to, platform.now(), false);
            if (!rows) return std::unexpected(rows.error());
            web::Page page{
                .template_name = "coordinator/figures",
                .title = views.translator().text(request.language, "Figures of activities"),
                .section = ""};
            page.data.set("tables", figure_tables(views, request.language, *rows));
            page.data.set("from", period.from_text);
            page.data.set("to", period.to_text);
            page.data.set("periods",
                          period_choices(period, platform.town()->zone, platform.now(),
                                         views.translator(), request.language,
                                         "/" + web::lang(request) + "/coordinator/figures"));
            page.data.set("csv", "/" + web::lang(request) + "/coordinator/figures/csv?from=" +
                                     period.from_text + "&to=" + period.to_text);
            return views.render(request, std::move(page));
        }));
    router.get(
        "/{lang}/coordinator/figures/csv",
        web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, accounts::is_coordinator);
            if (!who) return std::unexpected(who.error());
            const Period period = period_of(request, platform.town()->zone, platform.now());
            const auto& tr = views.translator();
            const Language language = request.language;
            auto rows = figures_as_rows(service, site, tr, language, period.from, period.to,
                                        platform.now(), false);
            if (!rows) return std::unexpected(rows.error());
            // A byte-order mark first: without it Excel reads UTF-8 as the PC's code page and
            // garbles Latvian and Russian letters.
            std::string csv = "\xEF\xBB\xBF" + csv_field(tr.text(language, "Section")) + "," +
                              csv_field(tr.text(language, "Code")) + "," +
                              csv_field(tr.text(language, "Name")) + "," +
                              csv_field(tr.text(language, "Value")) + "\r\n";
            for (const Row& r : *rows) {
                csv += csv_field(r.section) + "," + csv_field(r.code) + "," + csv_field(r.name) +
                       "," + csv_field(r.value) + "\r\n";
            }
            Response response = Response::text(std::move(csv), "text/csv; charset=utf-8");
            response.header(
                "Content-Disposition",
                http::content_disposition(
                    "attachment", "figures-" + period.from_text + "-" + period.to_text + ".csv"));
            return response;
        }));

    // What the neighbourhood has achieved so far; counts of people below 5 read "<5".
    router.get("/{lang}/results", web::localized([&service, &site, &views,
                                                  &platform](Request& request) -> Result<Response> {
                   const std::time_t now = platform.now();
                   const auto& tr = views.translator();
                   const Language language = request.language;
                   web::Page page{.template_name = "activities/results",
                                  .title = tr.text(language, "What we have achieved together"),
                                  .section = "activities"};
                   // Before any activity's attendance is recorded every figure is nought: a page
                   // of zeros reads as a site nobody uses, so it says when the figures will come.
                   auto held = service.figures(0, now, now);
                   if (!held) return std::unexpected(held.error());
                   if (held->marked == 0) {
                       page.data.set("nothing_yet", true);
                       auto next = service.upcoming(now, 1);
                       if (!next) return std::unexpected(next.error());
                       if (!next->empty()) {
                           mustache::data d;
                           d.set("id", std::to_string(next->front().id));
                           d.set("title", in(next->front().title, language));
                           d.set("when", tr.date_time(language, next->front().starts_at, now));
                           page.data.set("next", d);
                       }
                       return views.render(request, std::move(page));
                   }
                   auto rows = figures_as_rows(*held, service, site, tr, language, true);
                   if (!rows) return std::unexpected(rows.error());
                   page.data.set("tables", figure_tables(views, language, *rows));
                   return views.render(request, std::move(page));
               }));
}

}  // namespace skirosim::activities
