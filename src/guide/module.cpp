// Wiring of the sorting guide; imports check references against what the guide already holds.
#include "guide/module.hpp"

#include "guide/data_file.hpp"
#include "guide/repository.hpp"

namespace skirosim::guide {

Module::Module(platform::Platform& platform, site::Module& site,
               std::chrono::milliseconds catalogue_poll)
    : platform_(platform),
      service_(platform.database(), platform.clock()),
      catalogue_poll_(catalogue_poll) {
    // The home page offers the guide's most common questions (data: "popular") as one-tap searches.
    site.add_home_part(
        [this](const http::Request& request, web::mustache::data& data) -> Result<void> {
            auto snapshot = service_.snapshot();
            web::mustache::data popular{web::mustache::data::type::list};
            for (const auto& id : snapshot->catalogue.popular()) {
                if (const Item* item = snapshot->catalogue.item(id)) {
                    web::mustache::data chip;
                    chip.set("label", in(item->name, request.language));
                    chip.set("href",
                             "/" + std::string(code(request.language)) + "/guide/item/" + item->id);
                    popular.push_back(chip);
                }
            }
            data.set("has_popular", !popular.is_empty_list());
            data.set("popular", popular);
            return {};
        });
}

// A guide item or container by its name in the language, with the editor's page of it.
std::optional<platform::SubjectName> Module::name_subject(std::string_view kind,
                                                          const std::string& id,
                                                          Language language) {
    if (kind != "item" && kind != "bin") return std::nullopt;
    const auto snapshot = service_.snapshot();
    const Catalogue& catalogue = snapshot->catalogue;
    const std::string base = "/" + std::string(code(language)) + "/coordinator/";
    if (kind == "item") {
        const Item* item = catalogue.item(id);
        if (!item) return std::nullopt;
        return platform::SubjectName{in(item->name, language), base + "items/" + id};
    }
    const Place* place = catalogue.default_place();
    const Bin* bin = place ? catalogue.bin(*place, id) : nullptr;
    if (!bin) return std::nullopt;
    return platform::SubjectName{in(bin->name, language), base + "bins/" + id};
}

std::optional<platform::DataSection> Module::data_section() {
    platform::DataSection section;
    section.parse = [this](
                        const std::vector<NamedDocument>& documents,
                        const platform::ImportContext&) -> Result<platform::DataSection::Writer> {
        auto snapshot = service_.snapshot();
        auto data = parse_catalogue(documents, &snapshot->catalogue);
        if (!data) return std::unexpected(data.error());
        auto shared = std::make_shared<CatalogueData>(std::move(*data));
        return [shared](soci::session& sql) { Repository::save(sql, *shared); };
    };
    section.export_into = [](soci::session& sql, const platform::ImportContext&,
                             boost::json::object& out) -> Result<void> {
        Catalogue catalogue(Repository::load(sql));
        for (auto& [key, value] : export_catalogue(catalogue)) out[key] = value;
        return {};
    };
    return section;
}

void Module::add_routes(http::Router& router) {
    guide::add_routes(router, service_, platform_.views(), item_parts_);
}

}  // namespace skirosim::guide
