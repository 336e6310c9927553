// Imports check references against what the guide already holds.
#include "guide/section.hpp"

#include "guide/data_file.hpp"
#include "guide/repository.hpp"

namespace skirosim::guide {

app::DataSection data_section(Service& service) {
    app::DataSection section;
    section.parse = [&service](const std::vector<NamedDocument>& documents)
        -> Result<app::DataSection::Writer> {
        auto snapshot = service.snapshot();
        auto data = parse_catalogue(documents, &snapshot->catalogue);
        if (!data) return std::unexpected(data.error());
        auto shared = std::make_shared<CatalogueData>(std::move(*data));
        return [shared](soci::session& sql) { Repository::save(sql, *shared); };
    };
    section.export_into = [](soci::session& sql, boost::json::object& out) -> Result<void> {
        Catalogue catalogue(Repository::load(sql));
        for (auto& [key, value] : export_catalogue(catalogue)) out[key] = value;
        return {};
    };
    return section;
}

}  // namespace skirosim::guide
