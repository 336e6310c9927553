// The sorting guide's rules: the current catalogue and its index, answers, search results,
// and the record of what people looked for.
#pragma once

#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "guide/model.hpp"
#include "guide/search_index.hpp"
#include "platform/clock.hpp"
#include "storage/database.hpp"

namespace skirosim::guide {

// One consistent view: a catalogue and the index built from it.
struct Snapshot {
    explicit Snapshot(CatalogueData data, const std::unordered_map<std::string, long long>& lookups)
        : catalogue(std::move(data)), index(catalogue, lookups) {}
    Catalogue catalogue;
    SearchIndex index;
};

// Small writes that must not hold up a search (misses, look-up counts), done in order on a
// thread of their own.
class BackgroundWriter {
public:
    explicit BackgroundWriter(storage::Database& db);
    ~BackgroundWriter();  // writes what is queued, then stops
    void post(std::function<void(soci::session&)> write);
    void flush();  // waits until the queue is empty (tests, shutdown)

private:
    void loop();
    storage::Database& db_;
    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<std::function<void(soci::session&)>> queue_;
    bool stopping_ = false, busy_ = false;
    std::thread thread_;
};

class Service {
public:
    Service(storage::Database& db, const platform::Clock& clock);
    ~Service();

    Result<void> reload();
    // Checks the catalogue's version every `interval` on a thread of its own and rebuilds the
    // index when another process (an import, another server) has changed the catalogue.
    void watch(std::chrono::milliseconds interval);
    std::shared_ptr<const Snapshot> snapshot() const { return snapshot_.load(); }

    struct Found {
        std::shared_ptr<const Snapshot> snapshot;
        SearchOutcome outcome;
    };
    // Searches the current index; a query without a good answer is recorded (its text, language
    // and time only) unless `record_misses` is false.
    Found search(std::string_view query, Language language, std::size_t limit,
                 bool record_misses = true);
    // The JSON shape shared by the API and the CLI.
    // `memory` holds every value of the answer (the API passes a stack buffer: no allocations).
    static boost::json::object to_json(const Found& found, std::string_view query,
                                       Language language, boost::json::storage_ptr memory = {});

    void count_lookup(const std::string& item_id);

    // A change to the catalogue made by a person (the coordinator's editor): written and audited
    // in one transaction, searchable here at once (other servers see the version change). A
    // missed search it answers (`answered`) leaves the list of misses.
    struct Change {
        CatalogueData data;
        long long actor = 0;
        std::string action, subject_kind, subject, details;
        std::optional<std::string> answered;
    };
    Result<void> apply(const Change& change);
    Result<std::vector<MissedSearch>> misses(int limit);
    BackgroundWriter& writer() { return writer_; }

private:
    storage::Database& db_;
    const platform::Clock& clock_;
    std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
    std::atomic<long long> version_{-1};
    BackgroundWriter writer_;
    std::mutex watch_mutex_;
    bool watch_stop_ = false;
    std::thread watcher_;
};

}  // namespace skirosim::guide
