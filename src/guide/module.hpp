// The sorting guide: the catalogue, its search, its pages and API.
#pragma once

#include <chrono>
#include <vector>

#include "guide/routes.hpp"
#include "guide/service.hpp"
#include "platform/platform.hpp"
#include "site/module.hpp"

namespace skirosim::guide {

class Module final : public platform::Module {
public:
    // `catalogue_poll`: how often to look for changes another server or process made. The home
    // page (of `site`) offers the guide's common questions.
    Module(platform::Platform& platform, site::Module& site,
           std::chrono::milliseconds catalogue_poll);

    Service& service() { return service_; }
    // Another capability's part of an item's page.
    void add_item_part(ItemPart part) { item_parts_.push_back(std::move(part)); }

    std::optional<platform::DataSection> data_section() override;
    void add_routes(http::Router& router) override;
    Result<void> reload() override { return service_.reload(); }
    void start_serving() override { service_.watch(catalogue_poll_); }
    std::optional<platform::SubjectName> name_subject(std::string_view kind, const std::string& id,
                                                      Language language) override;

private:
    platform::Platform& platform_;
    Service service_;
    std::chrono::milliseconds catalogue_poll_;
    std::vector<ItemPart> item_parts_;
};

}  // namespace skirosim::guide
