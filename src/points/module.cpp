// Wiring of collection points, and their part of the guide's item pages.
#include "points/module.hpp"

#include "core/ids.hpp"
#include "points/data_file.hpp"
#include "points/repository.hpp"
#include "points/routes.hpp"

namespace skirosim::points {

namespace {

// "55.90,26.57" → both numbers, when they are a place on Earth.
std::optional<std::pair<double, double>> near_of(const std::string& text) {
    double a = 0, b = 0;
    if (std::sscanf(text.c_str(), "%lf,%lf", &a, &b) != 2 || a < -90 || a > 90 || b < -180 ||
        b > 180) {
        return std::nullopt;
    }
    return std::pair{a, b};
}

}  // namespace

Module::Module(platform::Platform& platform, site::Module& site, guide::Module& guide,
               std::string tile_url, bool have_leaflet)
    : platform_(platform),
      site_(site.service()),
      guide_(guide.service()),
      service_(platform.database(), platform),
      tile_url_(std::move(tile_url)),
      have_leaflet_(have_leaflet) {
    // The item page shows the nearest places that take its answer: from the browser's location
    // when the person allowed it (near=LAT,LON), else from a partner institution chosen on the
    // page (from=ID), the lead one at first.
    guide.add_item_part([this](const http::Request& request, const std::string& channel,
                               web::mustache::data& data) {
        auto content = site_.content();
        const std::string from = request.query_param("from").value_or("");
        const site::Institution* centre = nullptr;
        web::mustache::data centres{web::mustache::data::type::list};
        for (const auto& inst : content->institutions) {
            if (!inst.latitude || !inst.longitude) continue;
            if (!centre || inst.id == from) centre = &inst;
            web::mustache::data c;
            c.set("id", inst.id);
            c.set("name", in(inst.short_name, request.language));
            c.set("selected", inst.id == from);
            centres.push_back(c);
        }
        data.set("centres", centres);
        if (!centre) return;  // no place to measure from: no nearest points
        double lat = *centre->latitude, lon = *centre->longitude;
        const auto& tr = platform_.views().translator();
        std::string from_where = in(centre->short_name, request.language);
        if (auto near = request.query_param("near")) {
            if (auto at = near_of(*near)) {
                std::tie(lat, lon) = *at;
                from_where = tr.text(request.language, "your location");
            }
        }
        data.set("measured_from",
                 fill_placeholders(tr.text(request.language, "Distances are measured from: {1}"),
                                   {from_where}));
        auto nearest = nearest_view(service_, channel, lat, lon, platform_, request.language);
        data.set("has_nearest", !nearest.is_empty_list());
        data.set("nearest", nearest);
    });
}

std::optional<platform::DataSection> Module::data_section() {
    platform::DataSection section;
    section.parse = [](const std::vector<NamedDocument>& documents,
                       const platform::ImportContext&) -> Result<platform::DataSection::Writer> {
        auto points = parse_points(documents);
        if (!points) return std::unexpected(points.error());
        auto shared = std::make_shared<std::vector<Point>>(std::move(*points));
        return [shared](soci::session& sql) { Repository::save(sql, *shared); };
    };
    section.export_into = [](soci::session& sql, const platform::ImportContext&,
                             boost::json::object& out) -> Result<void> {
        out["points"] = export_points(Repository::all(sql));
        return {};
    };
    return section;
}

void Module::add_routes(http::Router& router) {
    points::add_routes(router,
                       Context{service_, guide_, site_, platform_, tile_url_, have_leaflet_});
}

void Module::forget_person(soci::session& sql, long long account) {
    Service::forget_voter(sql, "account:" + std::to_string(account));
}

// A problem report by its place and its problem ("Aptieka, kas pieņem zāles — Konteiners ir
// pārpildīts"), with the coordinator's list it is in.
std::optional<platform::SubjectName> Module::name_subject(std::string_view kind,
                                                          const std::string& id,
                                                          Language language) {
    if (kind != "report") return std::nullopt;
    const auto number = parse_id(id);
    if (!number) return std::nullopt;
    const auto found = service_.report_with_point(*number);
    if (!found) return std::nullopt;
    const auto& [report, point] = *found;
    const auto& tr = platform_.views().translator();
    return platform::SubjectName{
        in(point.name, language) + " — " + report_kind_label(tr, language, report.kind),
        "/" + std::string(code(language)) + "/coordinator/reports?status=" + report.status};
}

}  // namespace skirosim::points
