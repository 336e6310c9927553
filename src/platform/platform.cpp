// The platform's town and time zone.
#include "platform/platform.hpp"

namespace skirosim::platform {

Platform::Platform(storage::Database& db, i18n::Translator& translator, web::Views& views,
                   const Clock& clock, Sender& sender, People& people, const Subjects& subjects,
                   Settings settings)
    : db_(db),
      translator_(translator),
      views_(views),
      clock_(clock),
      sender_(sender),
      people_(people),
      subjects_(subjects),
      settings_(std::move(settings)),
      town_(std::make_shared<const Town>(Town::unknown())) {}

std::string Platform::public_url() const {
    if (!settings_.public_url.empty()) return settings_.public_url;
    auto town = town_.load();
    return town->public_url.empty() ? "http://localhost:8080" : town->public_url;
}

void Platform::set_town(Town town) {
    translator_.set_time_zone(town.zone.id());
    town_.store(std::make_shared<const Town>(std::move(town)));
}

}  // namespace skirosim::platform
