// The accounts capability: people, roles, sessions and the session layer every page runs in.
#pragma once

#include "accounts/service.hpp"
#include "accounts/web.hpp"
#include "platform/platform.hpp"

namespace skirosim::accounts {

class Module final : public platform::Module {
public:
    Module(platform::Platform& platform, Settings settings, Institutions institutions,
           Retention retention);

    Service& service() { return service_; }

    void add_routes(http::Router& router) override;
    std::optional<http::Middleware> middleware() override;
    void export_person(soci::session& sql, long long account, boost::json::object& into) override;
    void forget_person(soci::session& sql, long long account) override;
    std::vector<platform::ChoreDone> run_chores(std::time_t now) override;

private:
    platform::Platform& platform_;
    Service service_;
    Retention retention_;
};

}  // namespace skirosim::accounts
