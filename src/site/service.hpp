// Keeps the initiative and its partners in memory (they change only on import) and reads
// upcoming activities.
#pragma once

#include <atomic>
#include <memory>

#include "site/model.hpp"
#include "storage/database.hpp"

namespace skirosim::site {

class Service {
public:
    explicit Service(storage::Database& db) : db_(db) {}

    // Reloads the cached content from the database (at start and after an import).
    Result<void> reload();
    std::shared_ptr<const SiteContent> content() const { return content_.load(); }
    Result<std::vector<ActivitySummary>> upcoming(std::time_t now, int limit);

private:
    storage::Database& db_;
    std::atomic<std::shared_ptr<const SiteContent>> content_{std::make_shared<SiteContent>()};
};

}  // namespace skirosim::site
