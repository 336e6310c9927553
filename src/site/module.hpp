// The site capability: the initiative, its partner institutions, the home and about pages.
#pragma once

#include <chrono>
#include <vector>

#include "platform/platform.hpp"
#include "site/routes.hpp"
#include "site/service.hpp"

namespace skirosim::site {

class Module final : public platform::Module {
public:
    // `home_cache`: how long the home page of visitors who are not signed in is kept.
    Module(platform::Platform& platform, std::chrono::milliseconds home_cache);

    Service& service() { return service_; }
    // Another capability's part of the home page.
    void add_home_part(HomePart part) { home_parts_.push_back(std::move(part)); }

    std::optional<platform::DataSection> data_section() override;
    void add_routes(http::Router& router) override;
    Result<void> reload() override { return service_.reload(); }
    std::optional<http::Middleware> middleware() override;
    std::optional<platform::SubjectName> name_subject(std::string_view kind, const std::string& id,
                                                      Language language) override;

private:
    platform::Platform& platform_;
    Service service_;
    std::chrono::milliseconds home_cache_;
    std::vector<HomePart> home_parts_;
};

}  // namespace skirosim::site
