// iCalendar files: one activity, and feeds of all, an institution's or an audience's activities.
#include "activities/routes.hpp"

#include "activities/ics.hpp"
#include "core/ids.hpp"

#include "activities/page_parts.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::activities {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

Response ics_response(std::string body, const std::string& file) {
    Response response = Response::text(std::move(body), "text/calendar; charset=utf-8");
    response.header("Content-Disposition", http::content_disposition("inline", file));
    return response;
}

}  // namespace

void add_feed_routes(http::Router& router, const RouteContext& context) {
    Service& service = context.service;
    const platform::Platform& platform = context.platform;
    const web::Views& views = platform.views();
    auto feed = [&service, &views, &platform](const Request& request, Filter filter,
                                              const std::string& file) -> Result<Response> {
        const Language language =
            parse_language(request.query_param("lang").value_or("lv")).value_or(Language::lv);
        filter.from =
            platform.now() - 30 * 86400;  // a month back, so that calendars keep what just happened
        auto activities = service.list(filter, 1000);
        if (!activities) return std::unexpected(activities.error());
        return ics_response(calendar(*activities, language, platform.public_url(),
                                     views.translator().text(language, "Activities"),
                                     platform.town()->zone, platform.now()),
                            file);
    };
    router.get("/calendar/all.ics", [feed](Request& request) -> Result<Response> {
        return feed(request, {}, "activities.ics");
    });
    // "/calendar/institution/{key}" and "/calendar/audience/{key}": one field of the filter set
    // from the path, with or without ".ics", and the file named after it.
    auto feed_filtered_by = [feed](std::string Filter::*field) {
        return [feed, field](Request& request) -> Result<Response> {
            std::string key = request.path_param("key");
            if (key.ends_with(".ics")) key.resize(key.size() - 4);
            Filter filter;
            filter.*field = key;
            return feed(request, filter, key + ".ics");
        };
    };
    router.get("/calendar/institution/{key}", feed_filtered_by(&Filter::institution));
    router.get("/calendar/audience/{key}", feed_filtered_by(&Filter::audience));
    router.get("/activities/{file}", [&service, &platform](Request& request) -> Result<Response> {
        std::string file = request.path_param("file");
        if (!file.ends_with(".ics")) return std::unexpected(not_found());
        const auto parsed_id = parse_id(std::string_view(file).substr(0, file.size() - 4));
        if (!parsed_id) return std::unexpected(not_found());
        const long long id = *parsed_id;
        auto activity = service.find(id);
        if (!activity) return std::unexpected(activity.error());
        const Language language =
            parse_language(request.query_param("lang").value_or("lv")).value_or(Language::lv);
        return ics_response(
            calendar({*activity}, language, platform.public_url(), in(activity->title, language),
                     platform.town()->zone, platform.now()),
            "activity-" + std::to_string(id) + ".ics");
    });
}

}  // namespace skirosim::activities
