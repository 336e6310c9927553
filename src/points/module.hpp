// Collection points: places that take what the guide answers, their posters and problem reports.
#pragma once

#include "guide/module.hpp"
#include "platform/platform.hpp"
#include "points/service.hpp"
#include "site/module.hpp"

namespace skirosim::points {

class Module final : public platform::Module {
public:
    // `tile_url`: where the map's tiles come from; `have_leaflet`: the map's script is installed.
    // An item's page of the guide shows the nearest places that take its answer.
    Module(platform::Platform& platform, site::Module& site, guide::Module& guide,
           std::string tile_url, bool have_leaflet);

    Service& service() { return service_; }

    std::optional<platform::DataSection> data_section() override;
    void add_routes(http::Router& router) override;
    void forget_person(soci::session& sql, long long account) override;
    std::optional<platform::SubjectName> name_subject(std::string_view kind, const std::string& id,
                                                      Language language) override;

private:
    platform::Platform& platform_;
    site::Service& site_;
    guide::Service& guide_;
    Service service_;
    std::string tile_url_;
    bool have_leaflet_;
};

}  // namespace skirosim::points
