// Activities of the partner institutions: the calendar, registration, attendance, figures.
#pragma once

#include "accounts/module.hpp"
#include "activities/editor.hpp"
#include "activities/service.hpp"
#include "platform/platform.hpp"
#include "points/module.hpp"
#include "site/module.hpp"

namespace skirosim::activities {

struct Settings {
    GuestRules guests;
    // Days after an activity ends that the names and contacts of those registered are kept
    // (the participation counts stay).
    long long keep_registration_contacts_days = 90;
};

class Module final : public platform::Module {
public:
    // The home page (of `site`) lists what is coming.
    Module(platform::Platform& platform, site::Module& site, accounts::Module& accounts,
           points::Module& points, Settings settings);

    Service& service() { return service_; }

    std::optional<platform::DataSection> data_section() override;
    void add_routes(http::Router& router) override;
    void export_person(soci::session& sql, long long account, boost::json::object& into) override;
    void forget_person(soci::session& sql, long long account) override;
    std::vector<platform::ChoreDone> run_chores(std::time_t now) override;
    std::optional<platform::SubjectName> name_subject(std::string_view kind, const std::string& id,
                                                      Language language) override;

private:
    platform::Platform& platform_;
    site::Service& site_;
    points::Service& points_;
    Settings settings_;
    Service service_;
    Editor editor_;
};

}  // namespace skirosim::activities
