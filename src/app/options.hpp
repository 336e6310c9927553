// Settings shared by every subcommand (flags, else SKIROSIM_* environment variables).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "accounts/service.hpp"
#include "activities/module.hpp"
#include "platform/clock.hpp"
#include "platform/sender.hpp"

namespace skirosim::app {

struct Options {
    std::string database = "sqlite:skirosim.db";
    std::filesystem::path resources;   // holds templates/, static/, migrations/, data/, web/
    std::filesystem::path locale_dir;  // compiled .mo catalogues
    std::string profile = "daugavpils-kimija";
    bool empty = false;  // do not load the default data into a new database
    std::size_t pool_size = 8;
    // Where the time comes from: a clock of the caller's (tests), else one that starts at
    // `clock_start` (demonstrations), else the machine's.
    std::shared_ptr<const platform::Clock> clock;
    std::optional<platform::Clock::time_point> clock_start;
    // How often a server checks whether another process changed the catalogue.
    std::chrono::milliseconds catalogue_poll{2000};
    // Links in messages (empty: the town's public address, else http://localhost:8080).
    std::string public_url;
    // Cookies only over HTTPS (browsers also accept them on http://localhost).
    bool secure_cookies = true;
    // How often the server's chores run (reminders, lapsed places, retention).
    std::chrono::seconds chores_interval{15 * 60};
    // Off in tests, which run the chores themselves so that a background run does not race them.
    bool run_chores = true;
    // How long the home page of visitors who are not signed in is kept in memory (0: not at all).
    std::chrono::milliseconds page_cache{2000};
    // Days sent messages stay in the outbox.
    long long keep_sent_messages_days = 90;
    accounts::Settings accounts;
    activities::Settings activities;
    platform::SmtpSettings smtp;
    platform::SmsSettings sms;
    // Where the map's tiles come from ({z}/{x}/{y}); a local path works too.
    std::string tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    // /metrics answers the loopback interface only (and nothing that came through a proxy),
    // or anyone who sends "Authorization: Bearer TOKEN" when a token is set.
    std::string metrics_token;
};

}  // namespace skirosim::app
