// What every capability is built from: the database, the translator, the page views, the
// clock, the town, the outbox's sender and the registry of people's data. Nothing here knows
// about waste, activities or accounts.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "i18n/translator.hpp"
#include "platform/clock.hpp"
#include "platform/module.hpp"
#include "platform/sender.hpp"
#include "platform/town.hpp"
#include "storage/database.hpp"
#include "web/views.hpp"

namespace skirosim::platform {

struct Settings {
    // The address people use, for links in messages; empty: the town's (see public_url()).
    std::string public_url;
    bool secure_cookies = true;
};

class Platform {
public:
    Platform(storage::Database& db, i18n::Translator& translator, web::Views& views,
             const Clock& clock, Sender& sender, People& people, const Subjects& subjects,
             Settings settings);

    storage::Database& database() const { return db_; }
    const i18n::Translator& translator() const { return translator_; }
    // Views are set up by the capabilities (layout parts) before the server starts.
    web::Views& views() const { return views_; }
    const Clock& clock() const { return clock_; }
    std::time_t now() const { return clock_.seconds(); }
    std::shared_ptr<const Town> town() const { return town_.load(); }
    Sender& sender() const { return sender_; }
    People& people() const { return people_; }
    const Subjects& subjects() const { return subjects_; }
    const Settings& settings() const { return settings_; }
    // The address in links people get: the setting, else the town's, else http://localhost:8080.
    std::string public_url() const;

    // The town the database holds now (after an import): dates are shown in its time zone.
    void set_town(Town town);

private:
    storage::Database& db_;
    i18n::Translator& translator_;
    web::Views& views_;
    const Clock& clock_;
    Sender& sender_;
    People& people_;
    const Subjects& subjects_;
    Settings settings_;
    std::atomic<std::shared_ptr<const Town>> town_;
};

}  // namespace skirosim::platform
