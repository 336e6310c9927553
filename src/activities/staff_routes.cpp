// Staff's pages of activities: their list, and the form that makes and edits one.
#include "activities/routes.hpp"

#include "accounts/principal.hpp"
#include "activities/editor.hpp"

#include "activities/page_parts.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

// The fields of the activity editor a problem can point at (templates/activities/edit.mustache).
const web::FormShape kEditorForm{{"title_lv", "description_lv", "start", "end", "repeat_until",
                                  "venue", "capacity", "max_party", "reminder_hours"}};

// The activity form's choices: the institutions the person acts for, kinds, audiences, languages.
void fill_form(mustache::data& data, const ActivityForm& form, const Principal& who,
               const Labels& labels, const site::SiteContent& content, Language language) {
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
    data.set("kinds", web::option_list(labels.kinds, language, form.kind));
    mustache::data audiences{mustache::data::type::list};
    for (const auto& a : labels.audiences) {
        mustache::data d;
        d.set("code", a.code);
        d.set("name", in(a.name, language));
        d.set("checked", std::find(form.audiences.begin(), form.audiences.end(), a.code) !=
                             form.audiences.end());
        audiences.push_back(d);
    }
    data.set("audiences", audiences);
    for (const char* l : {"lv", "ru", "en"}) {
        data.set(std::string("held_") + l,
                 std::find(form.held_in.begin(), form.held_in.end(), l) != form.held_in.end());
    }
    for (Language l : kLanguages) {
        const std::string s = "_" + std::string(code(l));
        data.set("title" + s, in(form.title, l));
        data.set("description" + s, in(form.description, l));
        data.set("accessibility" + s, in(form.accessibility, l));
    }
    data.set("start", form.start);
    data.set("end", form.end);
    data.set("venue", form.venue);
    data.set("capacity", form.capacity);
    data.set("max_party", form.max_party.empty() ? std::string("10") : form.max_party);
    data.set("reminder_hours",
             form.reminder_hours.empty() ? std::string("48") : form.reminder_hours);
    data.set("registration", form.registration);
    data.set("cancelled", form.cancelled);
    data.set("repeat_none", form.repeat.empty());
    data.set("repeat_weekly", form.repeat == "weekly");
    data.set("repeat_monthly", form.repeat == "monthly");
    data.set("repeat_until", form.repeat_until);
}

}  // namespace

void add_staff_routes(http::Router& router, const RouteContext& context) {
    Service& service = context.service;
    site::Service& site = context.site;
    Editor& editor = context.editor;
    const platform::Platform& platform = context.platform;
    const web::Views& views = platform.views();
    router.get(
        "/{lang}/staff/activities",
        web::localized([&editor, &site, &views, &platform](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, is_staff);
            if (!who) return std::unexpected(who.error());
            auto activities = editor.editable(**who);
            if (!activities) return std::unexpected(activities.error());
            mustache::data list{mustache::data::type::list};
            auto content = site.content();
            for (const auto& a : *activities) {
                mustache::data d;
                d.set("id", std::to_string(a.id));
                d.set("title", in(a.title, request.language));
                d.set("when",
                      views.translator().date_time(request.language, a.starts_at, platform.now()));
                list.push_back(d);
            }
            web::Page page{.template_name = "activities/staff-list",
                           .title = views.translator().text(request.language, "Our activities"),
                           .section = "activities"};
            page.data.set("activities", list);
            return views.render(request, std::move(page));
        }));
    auto form_page = [&service, &site, &views, &platform](
                         const Request& request, const ActivityForm& form, const Principal& who,
                         long long id) -> Result<web::Page> {
        auto labels = load_labels(service);
        if (!labels) return std::unexpected(labels.error());
        web::Page page{.template_name = "activities/edit",
                       .title = views.translator().text(request.language,
                                                        id ? "Edit the activity" : "New activity"),
                       .section = "activities"};
        fill_form(page.data, form, who, *labels, *site.content(), request.language);
        page.data.set("action",
                      id ? "/" + web::lang(request) + "/staff/activities/" + std::to_string(id)
                         : "/" + web::lang(request) + "/staff/activities/new");
        page.data.set("is_new", id == 0);
        page.data.set("heading", page.title);
        if (id != 0) {
            auto activity = service.find(id);
            if (!activity) return std::unexpected(activity.error());
            // The heading names the activity as saved, whatever the form now holds.
            page.data.set("heading", in(activity->title, request.language));
            page.title = in(activity->title, request.language);
            page.data.set("in_series", activity->series_id != 0);
            page.data.set("view", "/" + web::lang(request) + "/activities/" + std::to_string(id));
            if (activity->starts_at <= platform.now()) {
                page.data.set("attendance", "/" + web::lang(request) + "/staff/activities/" +
                                                std::to_string(id) + "/attendance");
            }
        }
        return page;
    };
    router.get("/{lang}/staff/activities/new",
               web::localized([form_page, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, is_staff);
                   if (!who) return std::unexpected(who.error());
                   ActivityForm form;
                   form.held_in = {web::lang(request)};
                   auto page = form_page(request, form, **who, 0);
                   if (!page) return std::unexpected(page.error());
                   return views.render(request, std::move(*page));
               }));
    router.get(
        "/{lang}/staff/activities/{id}", web::localized([form_page, &service, &views, &platform](
                                                            Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, is_staff);
            if (!who) return std::unexpected(who.error());
            auto parsed_id = web::id_param(request);
            if (!parsed_id) return std::unexpected(parsed_id.error());
            const long long id = *parsed_id;
            auto activity = service.find(id);
            if (!activity) return std::unexpected(activity.error());
            if (!(*who)->acts_for(activity->institution)) return std::unexpected(not_allowed());
            auto page =
                form_page(request, ActivityForm::from(*activity, platform.town()->zone), **who, id);
            if (!page) return std::unexpected(page.error());
            page->data.set("saved", request.query_param("saved").has_value());
            return views.render(request, std::move(*page));
        }));
    for (const char* pattern : {"/{lang}/staff/activities/new", "/{lang}/staff/activities/{id}"}) {
        const bool is_new = std::string(pattern).ends_with("/new");
        router.post(pattern, web::localized([form_page, &editor, &views,
                                             is_new](Request& request) -> Result<Response> {
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
                            if (saved.error().code != ErrorCode::invalid_input)
                                return std::unexpected(saved.error());
                            auto page = form_page(request, form, **who, id);
                            if (!page) return std::unexpected(page.error());
                            return web::form_error(views, request, std::move(*page), saved.error(),
                                                   kEditorForm);
                        }
                        return Response::redirect("/" + web::lang(request) + "/staff/activities/" +
                                                      std::to_string(*saved) + "?saved=1",
                                                  303);
                    }));
    }
}

}  // namespace skirosim::activities
