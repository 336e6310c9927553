// Site content cache.
#include "site/service.hpp"

#include "platform/audit_log.hpp"
#include "site/repository.hpp"

namespace skirosim::site {

Result<void> Service::reload() {
    auto loaded = db_.read<SiteContent>(
        [](soci::session& sql) -> Result<SiteContent> { return Repository::load(sql); });
    if (!loaded) return std::unexpected(loaded.error());
    content_.store(std::make_shared<const SiteContent>(std::move(*loaded)));
    return {};
}

std::optional<Institution> Service::institution(const std::string& id) const {
    if (const Institution* inst = content()->institution(id)) return *inst;
    return std::nullopt;
}

Result<void> Service::save_institution(long long by_account, const Institution& inst, bool is_new) {
    auto saved = db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::save_institution(sql, inst, Repository::institution_position(sql, inst.id));
        platform::AuditLog::record(sql, clock_.seconds(), by_account,
                                   is_new ? "institution.created" : "institution.changed",
                                   "institution", inst.id, "");
        return {};
    });
    if (!saved) return saved;
    return reload();
}

}  // namespace skirosim::site
