// All SQL of the sorting guide.
#pragma once

#include <soci/soci.h>

#include <ctime>
#include <unordered_map>

#include "guide/model.hpp"

namespace skirosim::guide {

// The PostgreSQL channel on which a catalogue change is announced to the other app servers.
inline constexpr const char* kCatalogueChannel = "skirosim_catalogue";

class Repository {
public:
    static CatalogueData load(soci::session& sql);
    // Inserts or replaces what the data holds: channels, places (with all their bins), items
    // and overrides, each by its id.
    static void save(soci::session& sql, const CatalogueData& data);

    // A number that every catalogue change raises, so that every server can tell it must
    // rebuild its index.
    static long long catalogue_version(soci::session& sql);
    static void bump_catalogue_version(soci::session& sql);

    static std::unordered_map<std::string, long long> lookup_counts(soci::session& sql);
    static void count_lookup(soci::session& sql, const std::string& item_id);
    static void record_miss(soci::session& sql, const std::string& query,
                            const std::string& language, std::time_t when);
    // Searches that found nothing, most frequent first.
    static std::vector<MissedSearch> misses(soci::session& sql, int limit);
    // A missed search that now has an answer.
    static void forget_miss(soci::session& sql, const std::string& query);
};

}  // namespace skirosim::guide
