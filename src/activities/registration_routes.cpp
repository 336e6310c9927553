// Registering for an activity (oneself, or a resident by staff), keeping a held place and
// cancelling.
#include "activities/routes.hpp"

#include "accounts/principal.hpp"
#include "core/ids.hpp"

#include "activities/activity_page.hpp"
#include "activities/page_parts.hpp"
#include "activities/participation_routes.hpp"
#include "activities/party.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

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
void read_party(const Request& request, const std::vector<Label>& audiences,
                RegistrationForm& form) {
    for (const auto& l : audiences) {
        if (l.kind == "age") {
            if (auto value = request.form_param("age_" + l.code))
                form.ages.emplace_back(l.code, count_in(*value));
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

// Which activity, when, where and for how many: every page after registering says it, so that
// a person who opens the link days later knows what it is about.
Result<void> describe(mustache::data& data, Service& service, const site::Service& site,
                      const Registration& r, const web::Views& views, Language language,
                      std::time_t now) {
    auto activity = service.find(r.activity);
    if (!activity) return std::unexpected(activity.error());
    auto audiences = service.audiences();
    if (!audiences) return std::unexpected(audiences.error());
    const i18n::Translator& tr = views.translator();
    data.set("id", std::to_string(r.activity));
    data.set("activity_title", in(activity->title, language));
    data.set("when", tr.date_time(language, activity->starts_at, now) + "–" +
                         tr.time_of_day(language, activity->ends_at));
    web::set_text(data, "where", site.content()->venue_in(activity->venue, language));
    web::set_text(data, "name", r.name);
    data.set("party", party_text(r, *audiences, tr, language));
    return {};
}

// The registration a link's token names, described on the page; nothing when none is.
Result<void> describe_token(mustache::data& data, Service& service, const site::Service& site,
                            const std::string& token, const web::Views& views, Language language,
                            std::time_t now) {
    auto found = service.by_token(token);
    if (!found) return std::unexpected(found.error());
    if (!*found) return std::unexpected(not_found());
    return describe(data, service, site, **found, views, language, now);
}

}  // namespace

void add_registration_routes(http::Router& router, const RouteContext& context) {
    Service& service = context.service;
    const site::Service& site = context.site;
    const platform::Platform& platform = context.platform;
    const web::Views& views = platform.views();
    // The resident's own registration, and staff registering a resident on their behalf.
    for (const bool on_behalf : {false, true}) {
        const char* pattern = on_behalf ? "/{lang}/activities/{id}/register-resident"
                                        : "/{lang}/activities/{id}/register";
        router.post(
            pattern, web::localized([context, &service, &site, &views, on_behalf,
                                     &platform](Request& request) -> Result<Response> {
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
                form.another_party = request.form_param("another_party") == "yes";
                read_party(request, *audiences, form);
                Result<Registered> done;
                if (on_behalf) {
                    auto who = accounts::with_role(request, is_staff);
                    if (!who) return std::unexpected(who.error());
                    if (auto resident = request.form_param("resident");
                        resident && !resident->empty()) {
                        form.account = parse_id(*resident);
                        if (!form.account) return std::unexpected(not_allowed());
                    }
                    if (request.form_param("consent").value_or("") == "yes")
                        form.consent = "agreed in person to the registration";
                    done = service.register_on_behalf(**who, form, platform.now());
                } else {
                    if (accounts::signed_in_person(request))
                        form.account = accounts::signed_in_person(request)->account_id;
                    done = service.register_party(form, platform.now());
                }
                if (!done) {
                    // The activity's page again, with the form as it was sent and the problem by
                    // its field; a refusal that is not about the input goes to the error page.
                    if (!web::is_form_problem(done.error())) return std::unexpected(done.error());
                    auto again = activity_page(request, id, context, &request, on_behalf);
                    if (!again) return std::unexpected(again.error());
                    // The contact has a place already: the person may say it is another party.
                    if (done.error().code == ErrorCode::conflict && done.error().field == "contact")
                        again->data.set(
                            on_behalf ? "offer_resident_another_party" : "offer_another_party",
                            true);
                    return web::form_error(
                        views, request, std::move(*again), done.error(),
                        {{"name", "contact", "adults", "consent"}, on_behalf ? "resident-" : ""});
                }
                web::Page page{.template_name = "activities/registered",
                               .title = views.translator().text(request.language, "Registration"),
                               .section = "activities"};
                page.data.set("id", std::to_string(id));
                if (auto described = describe_token(page.data, service, site, done->cancel_token,
                                                    views, request.language, platform.now());
                    !described)
                    return std::unexpected(described.error());
                if (done->hold_until) {
                    // Nothing is confirmed until the contact opens the link.
                    page.data.set("held", true);
                    page.data.set("hold_minutes",
                                  views.translator().plural(
                                      request.language, "{1} minute", "{1} minutes",
                                      static_cast<long long>(
                                          (*done->hold_until - platform.now() + 59) / 60)));
                } else {
                    page.data.set(done->status == "confirmed" ? "confirmed" : "waiting", true);
                }
                page.data.set("on_behalf", on_behalf);
                page.data.set("cancel", "/" + web::lang(request) +
                                            "/registrations/cancel?token=" + done->cancel_token);
                return views.render(request, std::move(page));
            }));
    }

    router.get(
        "/{lang}/registrations/cancel",
        web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
            const std::string token = request.query_param("token").value_or("");
            auto found = service.by_token(token);
            if (!found) return std::unexpected(found.error());
            if (!*found) return std::unexpected(not_found());
            web::Page page{
                .template_name = "activities/cancel",
                .title = views.translator().text(request.language, "Cancel the registration"),
                .section = "activities"};
            page.data.set("token", token);
            page.data.set("cancelled", (*found)->status == "cancelled");
            if (auto described = describe(page.data, service, site, **found, views,
                                          request.language, platform.now());
                !described)
                return std::unexpected(described.error());
            return views.render(request, std::move(page));
        }));
    // The link a guest is sent: opening it keeps the places.
    router.get(
        "/{lang}/registrations/confirm",
        web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
            const std::string token = request.query_param("token").value_or("");
            auto kept = service.confirm_place(token, platform.now());
            if (!kept) return std::unexpected(kept.error());
            web::Page page{.template_name = "activities/registered",
                           .title = views.translator().text(request.language, "Registration"),
                           .section = "activities"};
            page.data.set("id", std::to_string(kept->activity));
            if (auto described = describe_token(page.data, service, site, token, views,
                                                request.language, platform.now());
                !described)
                return std::unexpected(described.error());
            page.data.set(kept->status == "confirmed" ? "confirmed" : "waiting", true);
            page.data.set("kept", true);
            page.data.set("cancel",
                          "/" + web::lang(request) + "/registrations/cancel?token=" + token);
            return views.render(request, std::move(page));
        }));
    router.post(
        "/{lang}/registrations/cancel",
        web::localized([&service, &site, &views, &platform](Request& request) -> Result<Response> {
            auto cancelled =
                service.cancel(request.form_param("token").value_or(""), platform.now());
            if (!cancelled) return std::unexpected(cancelled.error());
            web::Page page{
                .template_name = "activities/cancel",
                .title = views.translator().text(request.language, "Cancel the registration"),
                .section = "activities"};
            page.data.set("cancelled", true);
            page.data.set("done", true);
            if (auto described = describe(page.data, service, site, *cancelled, views,
                                          request.language, platform.now());
                !described)
                return std::unexpected(described.error());
            return views.render(request, std::move(page));
        }));
}

}  // namespace skirosim::activities
