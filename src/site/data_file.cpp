// Parsing and exporting the site section of the exchange format.
#include "site/data_file.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <memory>

namespace skirosim::site {

namespace json = boost::json;

namespace {

json::object localized(const LocalizedText& text) {
    return {{"lv", text[0]}, {"ru", text[1]}, {"en", text[2]}};
}

Result<Institution> parse_institution(const JsonReader& r) {
    Institution inst;
    auto id = r.identifier("id");
    if (!id) return std::unexpected(id.error());
    inst.id = *id;
    auto role = r.optional_string("role", "partner");
    if (!role) return std::unexpected(role.error());
    if (*role != "lead" && *role != "partner") {
        return std::unexpected(r.error("role", "must be \"lead\" or \"partner\""));
    }
    inst.role = *role;
    auto kind = r.string("kind");
    if (!kind) return std::unexpected(kind.error());
    inst.kind = *kind;
    auto name = r.text("name");
    if (!name) return std::unexpected(name.error());
    inst.name = *name;
    auto short_name = r.optional_text("short_name");
    if (!short_name) return std::unexpected(short_name.error());
    inst.short_name = short_name->value_or(inst.name);
    auto description = r.text("description");
    if (!description) return std::unexpected(description.error());
    inst.description = *description;
    for (auto [key, target] : {std::pair{"address", &inst.address},
                               {"phone", &inst.phone},
                               {"email", &inst.email},
                               {"website", &inst.website}}) {
        auto value = r.optional_string(key);
        if (!value) return std::unexpected(value.error());
        *target = *value;
    }
    if (r.has("location")) {
        auto location = r.object("location");
        if (!location) return std::unexpected(location.error());
        auto lat = location->number("lat");
        if (!lat) return std::unexpected(lat.error());
        auto lon = location->number("lon");
        if (!lon) return std::unexpected(lon.error());
        if (*lat < -90 || *lat > 90)
            return std::unexpected(location->error("lat", "must be between -90 and 90"));
        if (*lon < -180 || *lon > 180)
            return std::unexpected(location->error("lon", "must be between -180 and 180"));
        inst.latitude = *lat;
        inst.longitude = *lon;
    }
    auto sample = r.optional_bool("sample", false);
    if (!sample) return std::unexpected(sample.error());
    inst.sample = *sample;
    return inst;
}

}  // namespace

Result<SiteData> parse_site_data(const JsonReader& document) {
    SiteData data;
    if (document.has("initiative")) {
        auto r = document.object("initiative");
        if (!r) return std::unexpected(r.error());
        Initiative i;
        auto id = r->identifier("id");
        if (!id) return std::unexpected(id.error());
        i.id = *id;
        for (auto [key, target] : {std::pair{"name", &i.name},
                                   {"tagline", &i.tagline},
                                   {"description", &i.description},
                                   {"neighbourhood", &i.neighbourhood},
                                   {"funder", &i.funder}}) {
            auto text = r->text(key);
            if (!text) return std::unexpected(text.error());
            *target = *text;
        }
        auto period = r->object("period");
        if (!period) return std::unexpected(period.error());
        auto start = period->string("start");
        if (!start) return std::unexpected(start.error());
        auto end = period->string("end");
        if (!end) return std::unexpected(end.error());
        i.period_start = *start;
        i.period_end = *end;
        auto aims = r->array("aims");
        if (!aims) return std::unexpected(aims.error());
        for (const JsonReader& aim : *aims) {
            auto text = aim.text("text");
            if (!text) return std::unexpected(text.error());
            i.aims.push_back(*text);
        }
        auto sample = r->optional_bool("sample", false);
        if (!sample) return std::unexpected(sample.error());
        i.sample = *sample;
        data.initiative = std::move(i);
    }
    auto institutions = document.array("institutions");
    if (!institutions) return std::unexpected(institutions.error());
    for (const JsonReader& r : *institutions) {
        auto inst = parse_institution(r);
        if (!inst) return std::unexpected(inst.error());
        data.institutions.push_back(std::move(*inst));
    }
    return data;
}

json::object export_site_data(const SiteContent& content) {
    json::object out;
    const Initiative& i = content.initiative;
    if (!i.id.empty()) {
        json::array aims;
        for (const auto& aim : i.aims) aims.push_back(json::object{{"text", localized(aim)}});
        out["initiative"] =
            json::object{{"id", i.id},
                         {"name", localized(i.name)},
                         {"tagline", localized(i.tagline)},
                         {"description", localized(i.description)},
                         {"neighbourhood", localized(i.neighbourhood)},
                         {"funder", localized(i.funder)},
                         {"period", json::object{{"start", i.period_start}, {"end", i.period_end}}},
                         {"aims", aims},
                         {"sample", i.sample}};
    }
    json::array institutions;
    for (const Institution& inst : content.institutions) {
        json::object o{{"id", inst.id},
                       {"role", inst.role},
                       {"kind", inst.kind},
                       {"name", localized(inst.name)},
                       {"short_name", localized(inst.short_name)},
                       {"description", localized(inst.description)},
                       {"address", inst.address},
                       {"phone", inst.phone},
                       {"email", inst.email},
                       {"website", inst.website},
                       {"sample", inst.sample}};
        if (inst.latitude && inst.longitude) {
            o["location"] = json::object{{"lat", *inst.latitude}, {"lon", *inst.longitude}};
        }
        institutions.push_back(std::move(o));
    }
    out["institutions"] = std::move(institutions);
    return out;
}

}  // namespace skirosim::site
