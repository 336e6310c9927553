// Wiring of the accounts capability.
#include "accounts/module.hpp"

#include <spdlog/spdlog.h>

namespace skirosim::accounts {

Module::Module(platform::Platform& platform, Settings settings, Institutions institutions,
               Retention retention)
    : platform_(platform),
      service_(platform, std::move(settings), message_writer(platform.translator()),
               std::move(institutions)),
      retention_(retention) {
    add_layout_part(platform.views());
}

void Module::add_routes(http::Router& router) {
    accounts::add_routes(router, service_, platform_.sender(), platform_.views(),
                         platform_.settings().secure_cookies, retention_);
}

std::optional<http::Middleware> Module::middleware() {
    return session_middleware(service_, platform_.settings().secure_cookies);
}

void Module::export_person(soci::session& sql, long long account, boost::json::object& into) {
    service_.export_own(sql, account, into);
}

void Module::forget_person(soci::session& sql, long long account) {
    service_.forget_own(sql, account);
}

std::vector<platform::ChoreDone> Module::run_chores(std::time_t) {
    auto removed = service_.purge();
    if (!removed) {
        spdlog::warn("retention job failed: {}", removed.error().message);
        return {};
    }
    return {
        {"expired log-in attempts, sessions, links and unconfirmed sign-ups removed", *removed}};
}

}  // namespace skirosim::accounts
