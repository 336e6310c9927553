// Wiring of the site capability.
#include "site/module.hpp"

#include "site/data_file.hpp"
#include "site/institution_editor.hpp"
#include "site/language_memory.hpp"
#include "site/repository.hpp"

namespace skirosim::site {

Module::Module(platform::Platform& platform, std::chrono::milliseconds home_cache)
    : platform_(platform),
      service_(platform.database(), platform.clock()),
      home_cache_(home_cache) {
    add_layout_part(platform.views(), service_);
}

std::optional<platform::DataSection> Module::data_section() {
    platform::DataSection section;
    section.parse = [](const std::vector<NamedDocument>& documents,
                       const platform::ImportContext&) -> Result<platform::DataSection::Writer> {
        auto merged = std::make_shared<SiteData>();
        for (const NamedDocument& document : documents) {
            auto data = parse_site_data(document.reader);
            if (!data) return std::unexpected(in_file(document.name, data.error()));
            if (data->initiative) merged->initiative = std::move(data->initiative);
            for (auto& inst : data->institutions) merged->institutions.push_back(std::move(inst));
        }
        return [merged](soci::session& sql) { Repository::save(sql, *merged); };
    };
    section.export_into = [](soci::session& sql, const platform::ImportContext&,
                             boost::json::object& out) -> Result<void> {
        for (auto& [key, value] : export_site_data(Repository::load(sql))) out[key] = value;
        return {};
    };
    return section;
}

// A partner institution by its short name, with the coordinator's page of it.
std::optional<platform::SubjectName> Module::name_subject(std::string_view kind,
                                                          const std::string& id,
                                                          Language language) {
    if (kind != "institution") return std::nullopt;
    const auto institution = service_.institution(id);
    if (!institution) return std::nullopt;
    std::string name = in(institution->short_name, language);
    if (name.empty()) name = in(institution->name, language);
    return platform::SubjectName{
        std::move(name), "/" + std::string(code(language)) + "/coordinator/institutions/" + id};
}

std::optional<http::Middleware> Module::middleware() {
    return remember_language(platform_.settings().secure_cookies);
}

void Module::add_routes(http::Router& router) {
    site::add_routes(router, service_, platform_, home_parts_, home_cache_);
    add_institution_routes(router, service_, platform_.views());
}

}  // namespace skirosim::site
