// Handlers of collection points.
#include "points/routes.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <charconv>
#include <chrono>

#include "accounts/principal.hpp"
#include "core/ids.hpp"
#include "points/hours_in_words.hpp"
#include "points/qr.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::points {

namespace mustache = web::mustache;
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

std::optional<std::pair<double, double>> parse_near(const std::string& text) {
    auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    double lat = 0, lon = 0;
    auto a = std::from_chars(text.data(), text.data() + comma, lat);
    auto b = std::from_chars(text.data() + comma + 1, text.data() + text.size(), lon);
    if (a.ec != std::errc{} || b.ec != std::errc{} || a.ptr != text.data() + comma ||
        b.ptr != text.data() + text.size() || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        return std::nullopt;
    }
    return std::pair{lat, lon};
}

// Where "near" means when the person has not said: the lead partner institution, else the
// centre of the town's map.
// A channel the guide's data has (channels are data, not code).
bool known_channel(const Context& ctx, const std::string& code) {
    return !code.empty() && ctx.guide.snapshot()->catalogue.channel(code) != nullptr;
}

std::pair<double, double> default_centre(const Context& ctx) {
    auto content = ctx.site.content();
    for (const auto& inst : content->institutions) {
        if (inst.latitude && inst.longitude) return {*inst.latitude, *inst.longitude};
    }
    const auto town = ctx.platform.town();
    return {town->map_latitude, town->map_longitude};
}

std::string kind_label(const i18n::Translator& tr, Language language, const std::string& kind) {
    static const std::map<std::string, const char*> kLabels{
        {"container-site", i18n::msgid("Container site")},
        {"sorting-site", i18n::msgid("Sorting site")},
        {"reverse-vending", i18n::msgid("Deposit return point")},
        {"shop-box", i18n::msgid("Collection box in a shop")},
        {"pharmacy", i18n::msgid("Pharmacy")},
        {"textile-container", i18n::msgid("Textile container")},
        {"electronics-drop-off", i18n::msgid("Electronics drop-off")},
        {"institution-box", i18n::msgid("Collection box of a partner institution")}};
    auto it = kLabels.find(kind);
    return tr.text(language, it == kLabels.end() ? "Collection point" : it->second);
}

// The e-mail to whoever empties the containers, in their language (the town's first): usable as
// it is, with the place, its address, where it is on a map and what residents said.
std::pair<std::string, std::string> operator_message(const Report& report, const Point& point,
                                                     const platform::Platform& platform,
                                                     Language language) {
    const auto& tr = platform.views().translator();
    const auto line = [&](const char* msgid, const std::string& value) {
        return fill_placeholders(tr.text(language, msgid), {value}) + "\n";
    };
    const std::string coordinates = fmt::format("{:.5f}, {:.5f}", point.latitude, point.longitude);
    std::string body =
        tr.text(language, "Residents report a problem at a collection point.") + "\n\n";
    body += line("Place: {1}", in(point.name, language));
    if (!point.address.empty()) body += line("Address: {1}", point.address);
    body += line("Coordinates: {1}",
                 coordinates + " — https://www.openstreetmap.org/?mlat=" +
                     fmt::format("{:.5f}&mlon={:.5f}", point.latitude, point.longitude) +
                     "#map=18/" + fmt::format("{:.5f}/{:.5f}", point.latitude, point.longitude));
    body += line("Problem: {1}", report_kind_label(tr, language, report.kind));
    if (!report.details.empty()) body += line("In the residents' words: {1}", report.details);
    body += line("Reported on: {1}", tr.date_time(language, report.created_at));
    body += line("Residents who reported it: {1}", tr.integer(language, report.confirmations));
    body += line("The place's page: {1}",
                 platform.public_url() + "/" + std::string(code(language)) + "/points/" + point.id);
    return {fill_placeholders(tr.text(language, "A problem at a collection point: {1}"),
                              {in(point.name, language)}),
            body};
}

mustache::data channels_view(const guide::Catalogue& catalogue,
                             const std::vector<std::string>& codes, Language language) {
    mustache::data list{mustache::data::type::list};
    const guide::Place* place = catalogue.default_place();
    for (const auto& c : codes) {
        mustache::data d;
        d.set("code", c);
        if (const auto* channel = catalogue.channel(c)) d.set("name", in(channel->name, language));
        if (place) {
            if (const auto* bin = catalogue.bin_for(*place, c)) {
                d.set("colour", bin->colour);
                d.set("icon", bin->icon);
                d.set("bin", in(bin->name, language));
            }
        }
        list.push_back(d);
    }
    return list;
}

// "Open now, until 22:00", "Closed now, opens tomorrow at 9:00", "Open day and night".
std::string status_in_words(const Nearby& n, const platform::TimeZone& zone,
                            const i18n::Translator& tr, Language language) {
    if (n.hours && n.hours->always_open()) return tr.text(language, "Open day and night");
    if (n.open_now) {
        if (!n.closes_at) return tr.text(language, "Open now");
        return fill_placeholders(tr.text(language, "Open now, until {1}"),
                                 {tr.time_of_day(language, *n.closes_at)});
    }
    if (!n.opens_at) return tr.text(language, "Closed now");
    return fill_placeholders(tr.text(language, "Closed now, opens {1}"),
                             {when_in_words(*n.opens_at, n.described_at, zone, tr, language)});
}

std::string distance_in_words(double metres, const i18n::Translator& tr, Language language) {
    if (metres < 1000)
        return fill_placeholders(tr.text(language, "{1} m"), {tr.number(language, metres, 0)});
    return fill_placeholders(tr.text(language, "{1} km"),
                             {tr.number(language, metres / 1000.0, 1)});
}

mustache::data nearby_view(const Nearby& n, const platform::TimeZone& zone,
                           const i18n::Translator& tr, Language language) {
    mustache::data d;
    d.set("id", n.point.id);
    d.set("name", in(n.point.name, language));
    d.set("address", n.point.address);
    d.set("kind", kind_label(tr, language, n.point.kind));
    d.set("distance", distance_in_words(n.distance_m, tr, language));
    d.set("has_hours", n.has_hours);
    d.set("open_now", n.open_now);
    if (n.has_hours) d.set("status", status_in_words(n, zone, tr, language));
    if (n.hours) d.set("hours_words", week_in_words(*n.hours, tr, language));
    d.set("sample", !n.point.verified);
    return d;
}

json::object nearby_json(const Nearby& n, const platform::TimeZone& zone,
                         const i18n::Translator& tr, Language language) {
    json::array channels;
    for (const auto& c : n.point.channels) channels.emplace_back(c);
    json::object o{{"id", n.point.id},
                   {"name", in(n.point.name, language)},
                   {"kind", n.point.kind},
                   {"address", n.point.address},
                   {"lat", n.point.latitude},
                   {"lon", n.point.longitude},
                   {"channels", channels},
                   {"distance_m", static_cast<std::int64_t>(std::lround(n.distance_m))},
                   {"opening_hours", n.point.opening_hours},
                   {"verified", n.point.verified}};
    // Said in words for the map's pop-ups, in the language asked for.
    o["kind_name"] = kind_label(tr, language, n.point.kind);
    o["status"] =
        n.has_hours ? json::value(status_in_words(n, zone, tr, language)) : json::value(nullptr);
    o["open_now"] = n.has_hours ? json::value(n.open_now) : json::value(nullptr);
    o["opens_at"] =
        n.opens_at ? json::value(static_cast<std::int64_t>(*n.opens_at)) : json::value(nullptr);
    return o;
}

}  // namespace

std::string report_kind_label(const i18n::Translator& tr, Language language,
                              const std::string& kind) {
    static const std::map<std::string, const char*> kLabels{
        {"overflowing", i18n::msgid("It is overflowing")},
        {"damaged", i18n::msgid("It is damaged")},
        {"dumping", i18n::msgid("Rubbish dumped nearby")},
        {"wrong-container", i18n::msgid("The wrong container")},
        {"other", i18n::msgid("Something else")}};
    auto it = kLabels.find(kind);
    return tr.text(language, it == kLabels.end() ? "Something else" : it->second);
}

mustache::data nearest_view(Service& points, const std::string& channel, double lat, double lon,
                            const platform::Platform& platform, Language language) {
    mustache::data list{mustache::data::type::list};
    auto nearest = points.nearest_open_first(channel, lat, lon, 3, platform.now());
    if (!nearest) return list;
    const auto town = platform.town();
    for (const auto& n : *nearest)
        list.push_back(nearby_view(n, town->zone, platform.views().translator(), language));
    return list;
}

void add_routes(http::Router& router, Context ctx) {
    router.get("/api/v1/points", [ctx](Request& request) -> Result<Response> {
        auto [lat, lon] = default_centre(ctx);
        if (auto near = request.query_param("near")) {
            auto parsed = parse_near(*near);
            if (!parsed)
                return std::unexpected(Error::make(
                    ErrorCode::invalid_input,
                    "near must be LATITUDE,LONGITUDE, for example 55.90,26.57", {}, "near"));
            std::tie(lat, lon) = *parsed;
        }
        std::size_t limit = 20;
        if (auto text = request.query_param("limit")) {
            auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
            if (ec != std::errc{} || ptr != text->data() + text->size() || limit == 0) limit = 20;
            limit = std::min<std::size_t>(limit, 500);
        }
        const std::string channel = request.query_param("channel").value_or("");
        if (!channel.empty() && !known_channel(ctx, channel)) {
            return std::unexpected(Error::make(
                ErrorCode::invalid_input, "\"{1}\" is not a channel code", {channel}, "channel"));
        }
        auto nearest = ctx.points.nearest(channel, lat, lon, limit, ctx.platform.now());
        if (!nearest) return std::unexpected(nearest.error());
        if (request.header("Accept").find("application/geo+json") != std::string_view::npos) {
            json::array features;
            for (const auto& n : *nearest) {
                features.push_back(json::object{
                    {"type", "Feature"},
                    {"geometry", json::object{{"type", "Point"},
                                              {"coordinates",
                                               json::array{n.point.longitude, n.point.latitude}}}},
                    {"properties",
                     nearby_json(n, ctx.platform.town()->zone, ctx.platform.views().translator(),
                                 request.language)}});
            }
            Response response =
                Response::json(json::object{{"type", "FeatureCollection"}, {"features", features}});
            response.content_type = "application/geo+json";
            return response;
        }
        json::array out;
        for (const auto& n : *nearest)
            out.push_back(nearby_json(n, ctx.platform.town()->zone,
                                      ctx.platform.views().translator(), request.language));
        return Response::json(json::object{{"points", out}});
    });

    router.get("/{lang}/points", web::localized([ctx](Request& request) -> Result<Response> {
                   const Language language = request.language;
                   const auto& tr = ctx.platform.views().translator();
                   auto [lat, lon] = default_centre(ctx);
                   const std::string near_id = request.query_param("near").value_or("");
                   auto content = ctx.site.content();
                   mustache::data centres{mustache::data::type::list};
                   for (const auto& inst : content->institutions) {
                       if (!inst.latitude) continue;
                       mustache::data d;
                       d.set("id", inst.id);
                       d.set("name", in(inst.short_name, language));
                       d.set("selected", inst.id == near_id);
                       if (inst.id == near_id)
                           std::tie(lat, lon) = std::pair{*inst.latitude, *inst.longitude};
                       centres.push_back(d);
                   }
                   const std::string channel = request.query_param("channel").value_or("");
                   auto nearest = ctx.points.nearest(known_channel(ctx, channel) ? channel : "",
                                                     lat, lon, 100, ctx.platform.now());
                   if (!nearest) return std::unexpected(nearest.error());
                   auto snapshot = ctx.guide.snapshot();
                   mustache::data channels{mustache::data::type::list};
                   for (const auto& c : snapshot->catalogue.channels()) {
                       mustache::data d;
                       d.set("code", c.code);
                       d.set("name", in(c.name, language));
                       d.set("selected", c.code == channel);
                       channels.push_back(d);
                   }
                   mustache::data list{mustache::data::type::list};
                   for (const auto& n : *nearest)
                       list.push_back(nearby_view(n, ctx.platform.town()->zone, tr, language));
                   web::Page page{.template_name = "points/list",
                                  .title = tr.text(language, "Collection points"),
                                  .section = "points"};
                   page.data.set("points", list);
                   page.data.set("has_points", !nearest->empty());
                   page.data.set("count", tr.plural(language, "{1} place", "{1} places",
                                                    static_cast<long long>(nearest->size())));
                   page.data.set("channels", channels);
                   page.data.set("centres", centres);
                   return ctx.platform.views().render(request, std::move(page));
               }));

    // The map: Leaflet draws the points from the API; beside it the same points as a list that
    // needs no script. Without Leaflet (npm not installed) the list alone is shown.
    router.get("/{lang}/points/map", web::localized([ctx](Request& request) -> Result<Response> {
                   const Language language = request.language;
                   const auto& tr = ctx.platform.views().translator();
                   auto [lat, lon] = default_centre(ctx);
                   const std::string channel = request.query_param("channel").value_or("");
                   auto nearest = ctx.points.nearest(known_channel(ctx, channel) ? channel : "",
                                                     lat, lon, 200, ctx.platform.now());
                   if (!nearest) return std::unexpected(nearest.error());
                   mustache::data list{mustache::data::type::list};
                   for (const auto& n : *nearest)
                       list.push_back(nearby_view(n, ctx.platform.town()->zone, tr, language));
                   mustache::data channels{mustache::data::type::list};
                   for (const auto& c : ctx.guide.snapshot()->catalogue.channels()) {
                       mustache::data d;
                       d.set("code", c.code);
                       d.set("name", in(c.name, language));
                       d.set("selected", c.code == channel);
                       channels.push_back(d);
                   }
                   web::Page page{.template_name = "points/map",
                                  .title = tr.text(language, "Map of collection points"),
                                  .section = "points"};
                   page.data.set("points", list);
                   page.data.set("channels", channels);
                   page.data.set("channel", known_channel(ctx, channel) ? channel : "");
                   page.data.set("tiles", ctx.tile_url);
                   page.data.set("leaflet", ctx.have_leaflet);
                   page.data.set("lat", fmt::format("{:.5f}", lat));
                   page.data.set("lon", fmt::format("{:.5f}", lon));
                   if (ctx.have_leaflet) {
                       page.styles = {"vendor/leaflet/leaflet.css"};
                       page.scripts = {"vendor/leaflet/leaflet.js", "js/map.js"};
                   }
                   return ctx.platform.views().render(request, std::move(page));
               }));

    router.get("/{lang}/points/{id}", web::localized([ctx](Request& request) -> Result<Response> {
                   const Language language = request.language;
                   const auto& tr = ctx.platform.views().translator();
                   auto point = ctx.points.find(request.path_param("id"));
                   if (!point) return std::unexpected(point.error());
                   auto [lat, lon] = default_centre(ctx);
                   Nearby n = ctx.points.describe(*point, lat, lon, ctx.platform.now());
                   web::Page page{.template_name = "points/point",
                                  .title = in(point->name, language),
                                  .section = "points"};
                   page.data = nearby_view(n, ctx.platform.town()->zone, tr, language);
                   page.data.set("channels", channels_view(ctx.guide.snapshot()->catalogue,
                                                           point->channels, language));
                   if (n.hours) {
                       mustache::data week{mustache::data::type::list};
                       for (const auto& day : week_table(*n.hours, n.described_at,
                                                         ctx.platform.town()->zone, tr, language)) {
                           mustache::data row;
                           row.set("day", day.day);
                           row.set("hours", day.hours);
                           row.set("today", day.today);
                           week.push_back(row);
                       }
                       page.data.set("week", week);
                       page.data.set("has_week", true);
                   }
                   web::set_text(page.data, "operator", point->operator_name);
                   web::set_text(page.data, "notes", in(point->notes, language));
                   page.data.set("lat", fmt::format("{:.6f}", point->latitude));
                   page.data.set("lon", fmt::format("{:.6f}", point->longitude));
                   mustache::data kinds{mustache::data::type::list};
                   for (const auto& k : report_kinds()) {
                       mustache::data d;
                       d.set("code", k);
                       kinds.push_back(d);
                   }
                   page.data.set("report_kinds", kinds);
                   return ctx.platform.views().render(request, std::move(page));
               }));

    router.post(
        "/{lang}/points/{id}/report", web::localized([ctx](Request& request) -> Result<Response> {
            const Language language = request.language;
            NewReport r;
            r.point = request.path_param("id");
            r.kind = request.form_param("kind").value_or("");
            r.details = request.form_param("details").value_or("");
            r.contact = request.form_param("contact").value_or("");
            r.language = web::lang(request);
            r.client_key = request.remote_address;
            const Principal* who = accounts::signed_in_person(request);
            r.voter_key = who ? "account:" + std::to_string(who->account_id)
                              : "address:" + request.remote_address;
            r.same_as_existing = request.form_param("same").has_value();
            r.new_anyway = request.form_param("new_anyway").has_value();
            if (r.same_as_existing) {
                r.existing_id = parse_id(request.form_param("same").value_or("")).value_or(0);
            }
            auto outcome = ctx.points.report(r, ctx.platform.now());
            web::Page page{
                .template_name = "points/reported",
                .title = ctx.platform.views().translator().text(language, "Report a problem"),
                .section = "points"};
            page.data.set("id", r.point);
            if (!outcome)
                return web::form_error(ctx.platform.views(), request, std::move(page),
                                       outcome.error());
            page.data.set("created", outcome->kind == ReportOutcome::Kind::created);
            page.data.set("joined", outcome->kind == ReportOutcome::Kind::joined);
            if (outcome->kind == ReportOutcome::Kind::possible_duplicate) {
                page.data.set("duplicate", true);
                page.data.set("existing_id", std::to_string(outcome->id));
                // Only the kind and when: what another reporter wrote is for the coordinator.
                page.data.set("existing_when", ctx.platform.views().translator().date_time(
                                                   language, outcome->existing->created_at));
                page.data.set("kind", r.kind);
                page.data.set("details", r.details);
                page.data.set("contact", r.contact);
            }
            return ctx.platform.views().render(request, std::move(page));
        }));

    // A poster is in Latvian and Russian alike; its QR code opens the point's page in the
    // language the poster was printed from.
    auto poster_data = [ctx](const Point& point, Language qr_language) {
        mustache::data d;
        auto snapshot = ctx.guide.snapshot();
        const auto& tr = ctx.platform.views().translator();
        d.set("name_lv", point.name[0]);
        d.set("name_ru", point.name[1]);
        d.set("address", point.address);
        d.set("lv_channels", channels_view(snapshot->catalogue, point.channels, Language::lv));
        d.set("ru_channels", channels_view(snapshot->catalogue, point.channels, Language::ru));
        if (auto hours = OpeningHours::parse(point.opening_hours)) {
            for (Language language : {Language::lv, Language::ru}) {
                const std::string suffix{code(language)};
                d.set("hours_label_" + suffix, tr.text(language, "Opening hours"));
                d.set("hours_" + suffix, week_in_words(*hours, tr, language));
            }
            d.set("has_hours", true);
        }
        const std::string url = ctx.platform.public_url() + "/" + std::string(code(qr_language)) +
                                "/points/" + point.id;
        d.set("qr", qr_svg(url, 0, 0, 100));
        // The SVG poster has no layout engine: one row a channel, Latvian left, Russian right.
        mustache::data rows{mustache::data::type::list};
        int y = 65;
        for (const auto& code : point.channels) {
            const auto* channel = snapshot->catalogue.channel(code);
            if (!channel) continue;
            mustache::data row;
            row.set("y", std::to_string(y));
            row.set("lv", channel->name[0]);
            row.set("ru", channel->name[1]);
            rows.push_back(row);
            y += 12;
        }
        d.set("svg_rows", rows);
        d.set("svg_hours_y", std::to_string(y + 8));
        d.set("url", url);
        d.set("sample", !point.verified);
        return d;
    };
    router.get("/{lang}/points/{id}/poster",
               web::localized([ctx, poster_data](Request& request) -> Result<Response> {
                   auto point = ctx.points.find(request.path_param("id"));
                   if (!point) return std::unexpected(point.error());
                   web::Page page{.template_name = "points/poster",
                                  .title = in(point->name, request.language),
                                  .section = "points"};
                   page.data = poster_data(*point, request.language);
                   page.data.set("id", point->id);
                   return ctx.platform.views().render(request, std::move(page));
               }));
    router.get("/points/{id}/poster.svg", [ctx, poster_data](Request& request) -> Result<Response> {
        auto point = ctx.points.find(request.path_param("id"));
        if (!point) return std::unexpected(point.error());
        // ?lang=ru: the QR code opens the Russian page (the town's first language otherwise).
        Language language = ctx.platform.town()->languages.front();
        if (auto code = request.query_param("lang")) {
            if (auto chosen = parse_language(*code)) language = *chosen;
        }
        std::string svg = ctx.platform.views().render_fragment(Language::lv, "points/poster-svg",
                                                               poster_data(*point, language));
        Response response = Response::text(std::move(svg), "image/svg+xml");
        response.header("Content-Disposition",
                        http::content_disposition("inline", point->id + ".svg"));
        return response;
    });

    // A label to stick on a bin: what goes in, in Latvian and Russian, and a QR code of the
    // bin's page in the guide.
    auto label_data = [ctx](const guide::Bin& bin) {
        mustache::data d;
        d.set("name_lv", bin.name[0]);
        d.set("name_ru", bin.name[1]);
        d.set("colour", bin.colour);
        d.set("icon", bin.icon);
        const std::string url = ctx.platform.public_url() + "/lv/guide/bin/" + bin.id;
        d.set("qr", qr_svg(url, 0, 0, 100));
        d.set("url", url);
        d.set("accepts_lv", web::list_of(bin.accepts[0]));
        d.set("accepts_ru", web::list_of(bin.accepts[1]));
        d.set("refuses_lv", web::list_of(bin.refuses[0]));
        d.set("refuses_ru", web::list_of(bin.refuses[1]));
        mustache::data rows{mustache::data::type::list};
        int y = 70;
        for (std::size_t i = 0;
             i < std::max(bin.accepts[0].size(), bin.accepts[1].size()) && y < 200; ++i, y += 10) {
            mustache::data row;
            row.set("y", std::to_string(y));
            row.set("lv", i < bin.accepts[0].size() ? bin.accepts[0][i] : "");
            row.set("ru", i < bin.accepts[1].size() ? bin.accepts[1][i] : "");
            rows.push_back(row);
        }
        d.set("svg_rows", rows);
        return d;
    };
    auto find_bin = [ctx](const std::string& id) -> const guide::Bin* {
        auto snapshot = ctx.guide.snapshot();
        const guide::Place* place = snapshot->catalogue.default_place();
        return place ? snapshot->catalogue.bin(*place, id) : nullptr;
    };
    router.get("/{lang}/guide/bin/{id}/label",
               web::localized([ctx, label_data, find_bin](Request& request) -> Result<Response> {
                   auto snapshot =
                       ctx.guide.snapshot();  // keeps the bin alive while the page is made
                   const guide::Bin* bin = find_bin(request.path_param("id"));
                   if (!bin) return std::unexpected(not_found());
                   web::Page page{.template_name = "points/label",
                                  .title = in(bin->name, request.language),
                                  .section = "guide"};
                   page.data = label_data(*bin);
                   page.data.set("id", bin->id);
                   return ctx.platform.views().render(request, std::move(page));
               }));
    router.get("/guide/bin/{id}/label.svg",
               [ctx, label_data, find_bin](Request& request) -> Result<Response> {
                   auto snapshot = ctx.guide.snapshot();
                   const guide::Bin* bin = find_bin(request.path_param("id"));
                   if (!bin) return std::unexpected(not_found());
                   Response response =
                       Response::text(ctx.platform.views().render_fragment(
                                          Language::lv, "points/label-svg", label_data(*bin)),
                                      "image/svg+xml");
                   response.header("Content-Disposition",
                                   http::content_disposition("inline", bin->id + "-label.svg"));
                   return response;
               });

    // ---- the coordinator's reports ----
    auto is_coordinator = [](const Principal& p) { return p.coordinator(); };
    router.get("/{lang}/coordinator/reports",
               web::localized([ctx, is_coordinator](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   std::string status = request.query_param("status").value_or("new");
                   if (status != "new" && status != "forwarded" && status != "resolved")
                       status = "new";
                   auto reports = ctx.points.reports(**who, status);
                   if (!reports) return std::unexpected(reports.error());
                   const auto& tr = ctx.platform.views().translator();
                   auto points = ctx.points.all();
                   if (!points) return std::unexpected(points.error());
                   const Language language = request.language;
                   mustache::data list{mustache::data::type::list};
                   for (const auto& r : *reports) {
                       mustache::data d;
                       d.set("id", std::to_string(r.id));
                       d.set("point", r.point);
                       auto at = std::find_if(points->begin(), points->end(),
                                              [&](const Point& p) { return p.id == r.point; });
                       d.set("place", at == points->end() ? r.point : in(at->name, language));
                       if (at != points->end()) web::set_text(d, "address", at->address);
                       d.set("kind", report_kind_label(tr, language, r.kind));
                       web::set_text(d, "details", r.details);
                       web::set_text(d, "contact", r.contact);
                       d.set("reported_by",
                             fill_placeholders(tr.text(language, "Residents who reported it: {1}"),
                                               {tr.integer(language, r.confirmations)}));
                       d.set("when", tr.date_time(language, r.created_at));
                       web::set_text(d, "forwarded_to", r.forwarded_to);
                       d.set("language", r.language);
                       d.set("open", r.status != "resolved");
                       list.push_back(d);
                   }
                   web::Page page{.template_name = "points/reports",
                                  .title = tr.text(request.language, "Problem reports"),
                                  .section = "coordinator"};
                   page.data.set("reports", list);
                   page.data.set("status_" + status, true);
                   return ctx.platform.views().render(request, std::move(page));
               }));
    router.post("/{lang}/coordinator/reports/{id}/forward",
                web::localized([ctx, is_coordinator](Request& request) -> Result<Response> {
                    auto who = accounts::with_role(request, is_coordinator);
                    if (!who) return std::unexpected(who.error());
                    auto parsed_id = web::id_param(request);
                    if (!parsed_id) return std::unexpected(parsed_id.error());
                    const long long id = *parsed_id;
                    // What is sent comes from the database, not from the form.
                    auto found = ctx.points.report_at_point(**who, id);
                    if (!found) return std::unexpected(found.error());
                    const auto [subject, body] =
                        operator_message(found->first, found->second, ctx.platform,
                                         ctx.platform.town()->languages.front());
                    auto done = ctx.points.forward(
                        **who, id, request.form_param("email").value_or(""), subject, body);
                    if (!done) return std::unexpected(done.error());
                    return Response::redirect(
                        "/" + web::lang(request) + "/coordinator/reports?status=forwarded", 303);
                }));
    router.post(
        "/{lang}/coordinator/reports/{id}/resolve",
        web::localized([ctx, is_coordinator](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, is_coordinator);
            if (!who) return std::unexpected(who.error());
            auto parsed_id = web::id_param(request);
            if (!parsed_id) return std::unexpected(parsed_id.error());
            const long long id = *parsed_id;
            const Language reporter = parse_language(request.form_param("language").value_or("lv"))
                                          .value_or(Language::lv);
            const auto& tr = ctx.platform.views().translator();
            auto done = ctx.points.resolve(**who, id, tr.text(reporter, "Your report is resolved"),
                                           tr.text(reporter,
                                                   "Thank you! The problem you reported at a "
                                                   "collection point has been resolved."));
            if (!done) return std::unexpected(done.error());
            return Response::redirect(
                "/" + web::lang(request) + "/coordinator/reports?status=resolved", 303);
        }));
}

}  // namespace skirosim::points
