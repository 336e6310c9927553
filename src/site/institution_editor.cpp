// Institution editing: the form becomes one entry of the exchange format, checked by its parser.
#include "site/institution_editor.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <map>

#include "accounts/principal.hpp"
#include "site/data_file.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::site {

namespace json = boost::json;
namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

constexpr std::array<const char*, 3> kLocalized{"name", "short_name", "description"};

// The form's fields by name, as typed.
using Fields = std::map<std::string, std::string>;

Fields fields_of(const Request& request) {
    Fields f;
    for (const auto& [key, value] : request.form()) f[key] = value;
    return f;
}

Fields fields_of(const site::Institution& inst) {
    Fields f{{"id", inst.id},       {"kind", inst.kind},   {"address", inst.address},
             {"phone", inst.phone}, {"email", inst.email}, {"website", inst.website},
             {"role", inst.role}};
    for (Language l : kLanguages) {
        const std::string s = "_" + std::string(code(l));
        f["name" + s] = in(inst.name, l);
        f["short_name" + s] = in(inst.short_name, l);
        f["description" + s] = in(inst.description, l);
    }
    if (inst.latitude) f["lat"] = fmt::format("{:.6f}", *inst.latitude);
    if (inst.longitude) f["lon"] = fmt::format("{:.6f}", *inst.longitude);
    if (inst.sample) f["sample"] = "yes";
    return f;
}

// The form as the data file's institution entry; a text in one language stands in for the others.
json::object entry_of(const Fields& f) {
    auto field = [&](const std::string& name) {
        auto it = f.find(name);
        return it == f.end() ? std::string() : it->second;
    };
    json::object entry{{"id", field("id")},
                       {"role", field("role") == "lead" ? "lead" : "partner"},
                       {"kind", field("kind")},
                       {"sample", field("sample") == "yes"}};
    for (const char* key : kLocalized) {
        std::array<std::string, 3> text{field(std::string(key) + "_lv"),
                                        field(std::string(key) + "_ru"),
                                        field(std::string(key) + "_en")};
        std::string any;
        for (const auto& t : text) {
            if (any.empty()) any = t;
        }
        if (any.empty()) continue;  // the parser says it is missing
        for (auto& t : text) {
            if (t.empty()) t = any;
        }
        entry[key] = json::object{{"lv", text[0]}, {"ru", text[1]}, {"en", text[2]}};
    }
    for (const char* key : {"address", "phone", "email", "website"}) entry[key] = field(key);
    if (!field("lat").empty() || !field("lon").empty()) {
        auto number = [](std::string text) -> json::value {
            std::replace(text.begin(), text.end(), ',', '.');
            try {
                std::size_t used = 0;
                const double v = std::stod(text, &used);
                if (used == text.size()) return v;
            } catch (...) {
            }
            return json::value(text);  // the parser says it must be a number
        };
        entry["location"] =
            json::object{{"lat", number(field("lat"))}, {"lon", number(field("lon"))}};
    }
    return entry;
}

web::Page form_page(const web::Views& views, const Request& request, const Fields& f, bool is_new) {
    web::Page page{.template_name = "coordinator/institution",
                   .title = views.translator().text(request.language,
                                                    is_new ? "New institution" : "Institution"),
                   .section = ""};
    for (const auto& [key, value] : f) page.data.set("v_" + key, value);
    page.data.set("is_new", is_new);
    page.data.set("sample", f.contains("sample") && f.at("sample") == "yes");
    page.data.set("lead", f.contains("role") && f.at("role") == "lead");
    page.data.set("action", "/" + std::string(code(request.language)) +
                                "/coordinator/institutions/" +
                                (is_new ? std::string("new") : f.at("id")));
    return page;
}

}  // namespace

void add_institution_routes(http::Router& router, Service& site, const web::Views& views) {
    router.get("/{lang}/coordinator/institutions",
               web::localized([&site, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   mustache::data list{mustache::data::type::list};
                   for (const auto& inst : site.content()->institutions) {
                       mustache::data d;
                       d.set("id", inst.id);
                       d.set("name", in(inst.name, request.language));
                       d.set("sample", inst.sample);
                       list.push_back(d);
                   }
                   web::Page page{
                       .template_name = "coordinator/institutions",
                       .title = views.translator().text(request.language, "Institutions"),
                       .section = ""};
                   page.data.set("institutions", list);
                   return views.render(request, std::move(page));
               }));
    router.get("/{lang}/coordinator/institutions/{id}",
               web::localized([&site, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   const std::string id = request.path_param("id");
                   if (id == "new")
                       return views.render(request,
                                           form_page(views, request, {{"kind", "partner"}}, true));
                   auto content = site.content();
                   const site::Institution* inst = content->institution(id);
                   if (!inst) return std::unexpected(not_found());
                   auto page = form_page(views, request, fields_of(*inst), false);
                   page.data.set("saved", request.query_param("saved").has_value());
                   return views.render(request, std::move(page));
               }));
    router.post(
        "/{lang}/coordinator/institutions/{id}",
        web::localized([&site, &views](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, accounts::is_coordinator);
            if (!who) return std::unexpected(who.error());
            const bool is_new = request.path_param("id") == "new";
            Fields f = fields_of(request);
            if (!is_new) f["id"] = request.path_param("id");  // the id of an existing one stays
            const bool exists = site.content()->institution(f["id"]) != nullptr;
            if (!is_new && !exists) return std::unexpected(not_found());
            auto refuse = [&](const Error& error) -> Result<Response> {
                return web::form_error(views, request, form_page(views, request, f, is_new), error);
            };
            if (is_new && exists) {
                return refuse(Error::make(ErrorCode::invalid_input,
                                          "An institution with this short code exists already.", {},
                                          "id"));
            }
            json::value document = json::object{{"institutions", json::array{entry_of(f)}}};
            auto parsed = site::parse_site_data(JsonReader(document, ""));
            if (!parsed) {
                Error error = parsed.error();
                if (const auto dot = error.field.find("]."); dot != std::string::npos)
                    error.field = error.field.substr(dot + 2);
                return refuse(error);
            }
            const site::Institution& inst = parsed->institutions.front();
            if (auto saved = site.save_institution((*who)->account_id, inst, is_new); !saved) {
                return std::unexpected(saved.error());
            }
            return Response::redirect("/" + std::string(code(request.language)) +
                                          "/coordinator/institutions/" + inst.id + "?saved=1",
                                      303);
        }));
}

}  // namespace skirosim::site
