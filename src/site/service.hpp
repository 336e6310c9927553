// Keeps the initiative and its partners in memory (they change only on import or in the
// coordinator's editor).
#pragma once

#include <atomic>
#include <memory>

#include "platform/clock.hpp"
#include "site/model.hpp"
#include "storage/database.hpp"

namespace skirosim::site {

class Service {
public:
    Service(storage::Database& db, const platform::Clock& clock) : db_(db), clock_(clock) {}

    // Reloads the cached content from the database (at start and after an import).
    Result<void> reload();
    std::shared_ptr<const SiteContent> content() const { return content_.load(); }
    // The partner institution of this id, from the cached content (null when there is none).
    std::optional<Institution> institution(const std::string& id) const;
    // The coordinator adds an institution or changes one; audited, in effect at once here.
    Result<void> save_institution(long long by_account, const Institution& institution,
                                  bool is_new);

private:
    storage::Database& db_;
    const platform::Clock& clock_;
    std::atomic<std::shared_ptr<const SiteContent>> content_{std::make_shared<SiteContent>()};
};

}  // namespace skirosim::site
