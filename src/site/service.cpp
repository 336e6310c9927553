// Site content cache.
#include "site/service.hpp"

#include "site/repository.hpp"

namespace skirosim::site {

Result<void> Service::reload() {
    auto loaded = db_.read<SiteContent>(
        [](soci::session& sql) -> Result<SiteContent> { return Repository::load(sql); });
    if (!loaded) return std::unexpected(loaded.error());
    content_.store(std::make_shared<const SiteContent>(std::move(*loaded)));
    return {};
}

Result<std::vector<ActivitySummary>> Service::upcoming(std::time_t now, int limit) {
    return db_.read<std::vector<ActivitySummary>>(
        [&](soci::session& sql) -> Result<std::vector<ActivitySummary>> {
            return Repository::upcoming(sql, now, limit);
        });
}

}  // namespace skirosim::site
