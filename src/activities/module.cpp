// Wiring of activities, and their part of the home page.
#include "activities/module.hpp"

#include "activities/data_file.hpp"
#include "activities/messages.hpp"
#include "activities/participation_routes.hpp"
#include "activities/repository.hpp"
#include "activities/routes.hpp"
#include "core/ids.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

Module::Module(platform::Platform& platform, site::Module& site, accounts::Module& accounts,
               points::Module& points, Settings settings)
    : platform_(platform),
      site_(site.service()),
      points_(points.service()),
      settings_(settings),
      service_(platform, accounts.service(),
               activity_messages(platform.translator(), site.service()), settings.guests),
      editor_(platform, service_) {
    // The home page lists the next five activities.
    site.add_home_part(
        [this](const http::Request& request, web::mustache::data& data) -> Result<void> {
            auto upcoming = service_.upcoming(platform_.now(), 5);
            if (!upcoming) return std::unexpected(upcoming.error());
            const auto& tr = platform_.translator();
            const Language language = request.language;
            auto content = site_.content();
            web::mustache::data list{web::mustache::data::type::list};
            for (const Activity& a : *upcoming) {
                web::mustache::data d;
                d.set("title", in(a.title, language));
                d.set("description", in(a.description, language));
                d.set("when", tr.date_time(language, a.starts_at, platform_.now()));
                d.set("until", tr.time_of_day(language, a.ends_at));
                web::set_text(d, "venue", content->venue_in(a.venue, language));
                d.set("sample", a.sample);
                if (const auto* organiser = content->institution(a.institution)) {
                    d.set("organiser", in(organiser->short_name, language));
                }
                list.push_back(d);
            }
            data.set("activities", list);
            data.set("has_activities", !upcoming->empty());
            return {};
        });
}

std::optional<platform::DataSection> Module::data_section() {
    platform::DataSection section;
    section.parse =
        [](const std::vector<NamedDocument>& documents,
           const platform::ImportContext& context) -> Result<platform::DataSection::Writer> {
        auto data = parse_activity_data(documents, context.town.zone);
        if (!data) return std::unexpected(data.error());
        auto shared = std::make_shared<ActivityData>(std::move(*data));
        return [shared](soci::session& sql) {
            Repository::save_labels(sql, shared->kinds, shared->audiences);
            Repository::save(sql, shared->activities);
        };
    };
    section.export_into = [](soci::session& sql, const platform::ImportContext& context,
                             boost::json::object& out) -> Result<void> {
        Filter every;
        every.from = 0;
        export_activity_data({Repository::kinds(sql), Repository::audiences(sql),
                              Repository::list(sql, every, 1'000'000)},
                             context.town.zone, out);
        return {};
    };
    return section;
}

void Module::add_routes(http::Router& router) {
    activities::add_routes(router, RouteContext{service_, site_, points_, editor_, platform_});
    add_participation_routes(router, service_, site_, platform_);
}

// An activity by its title, with its staff page.
std::optional<platform::SubjectName> Module::name_subject(std::string_view kind,
                                                          const std::string& id,
                                                          Language language) {
    if (kind != "activity") return std::nullopt;
    const auto number = parse_id(id);
    if (!number) return std::nullopt;
    auto activity = service_.find(*number);
    if (!activity) return std::nullopt;
    return platform::SubjectName{in(activity->title, language),
                                 "/" + std::string(code(language)) + "/staff/activities/" + id};
}

void Module::export_person(soci::session& sql, long long account, boost::json::object& into) {
    service_.export_person(sql, account, into);
}

void Module::forget_person(soci::session& sql, long long account) {
    service_.forget_person(sql, account);
}

std::vector<platform::ChoreDone> Module::run_chores(std::time_t now) {
    std::vector<platform::ChoreDone> done;
    if (auto queued = service_.send_due_messages(now))
        done.push_back({"reminders and feedback requests queued", *queued});
    if (auto released = service_.release_lapsed_holds(now)) {
        done.push_back({"guests' places let go (their link was not opened in time)", *released});
    }
    if (auto forgotten = service_.forget_contacts(now, settings_.keep_registration_contacts_days)) {
        done.push_back({"names and contacts of past registrations removed", *forgotten});
    }
    return done;
}

}  // namespace skirosim::activities
