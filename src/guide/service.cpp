// Catalogue snapshots, search with miss recording, and the search result's JSON.
#include "guide/service.hpp"

#include "text/normalize.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "guide/repository.hpp"
#include "platform/audit_log.hpp"
#include "storage/notifications.hpp"

namespace skirosim::guide {

namespace json = boost::json;

BackgroundWriter::BackgroundWriter(storage::Database& db) : db_(db), thread_([this] { loop(); }) {}

BackgroundWriter::~BackgroundWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void BackgroundWriter::post(std::function<void(soci::session&)> write) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() > 10'000) return;  // the database is away: drop rather than grow
        queue_.push_back(std::move(write));
    }
    wake_.notify_one();
}

void BackgroundWriter::flush() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void BackgroundWriter::loop() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) break;
        auto write = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        lock.unlock();
        auto done = db_.transaction<void>([&](soci::session& sql) -> Result<void> {
            write(sql);
            return {};
        });
        if (!done) spdlog::warn("background write failed: {}", done.error().message);
        lock.lock();
        busy_ = false;
        if (queue_.empty()) idle_.notify_all();
    }
    idle_.notify_all();
}

Service::Service(storage::Database& db, const platform::Clock& clock)
    : db_(db),
      clock_(clock),
      snapshot_(std::make_shared<const Snapshot>(CatalogueData{},
                                                 std::unordered_map<std::string, long long>{})),
      writer_(db) {}

Service::~Service() {
    {
        std::lock_guard lock(watch_mutex_);
        watch_stop_ = true;
    }
    if (watcher_.joinable()) watcher_.join();
}

Result<void> Service::reload() {
    struct Loaded {
        long long version;
        CatalogueData data;
        std::unordered_map<std::string, long long> lookups;
    };
    auto loaded = db_.read<Loaded>([](soci::session& sql) -> Result<Loaded> {
        return Loaded{Repository::catalogue_version(sql), Repository::load(sql),
                      Repository::lookup_counts(sql)};
    });
    if (!loaded) return std::unexpected(loaded.error());
    snapshot_.store(std::make_shared<const Snapshot>(std::move(loaded->data), loaded->lookups));
    version_ = loaded->version;
    return {};
}

void Service::watch(std::chrono::milliseconds interval) {
    if (watcher_.joinable()) return;
    watcher_ = std::thread([this, interval] {
        // On PostgreSQL a notification wakes the check at once; the poll stays as a safety net
        // (a notification missed while the listening connection was down).
        storage::Listener listener(db_.url(), kCatalogueChannel);
        auto last_check = std::chrono::steady_clock::now();
        std::unique_lock lock(watch_mutex_);
        while (!watch_stop_) {
            lock.unlock();
            const bool notified = listener.wait(std::min(interval, std::chrono::milliseconds(250)));
            const auto now = std::chrono::steady_clock::now();
            if (!notified && now - last_check < interval) {
                lock.lock();
                continue;
            }
            last_check = now;
            auto version = db_.read<long long>([](soci::session& sql) -> Result<long long> {
                return Repository::catalogue_version(sql);
            });
            if (version && *version != version_.load()) {
                if (auto done = reload(); done) {
                    spdlog::info("catalogue changed (version {}): search index rebuilt", *version);
                } else {
                    spdlog::warn("catalogue changed but could not be reloaded: {}",
                                 done.error().message);
                }
            }
            lock.lock();
        }
    });
}

Service::Found Service::search(std::string_view query, Language language, std::size_t limit,
                               bool record_misses) {
    Found found{snapshot_.load(), {}};
    found.outcome = found.snapshot->index.search(query, language, limit);
    const auto first = query.find_first_not_of(" \t");
    if (record_misses && !found.outcome.good && first != std::string_view::npos) {
        std::string text(
            query.substr(first, query.find_last_not_of(" \t") - first + 1).substr(0, 200));
        // A search typed in Cyrillic is Russian on any page: the coordinator teaches it as such.
        std::string lang(code(text::has_cyrillic(text) ? Language::ru : language));
        const std::time_t now = clock_.seconds();
        writer_.post([text, lang, now](soci::session& sql) {
            Repository::record_miss(sql, text, lang, now);
        });
    }
    return found;
}

Result<void> Service::apply(const Change& change) {
    auto done = db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::save(sql, change.data);
        if (change.answered) Repository::forget_miss(sql, *change.answered);
        platform::AuditLog::record(sql, clock_.seconds(), change.actor, change.action,
                                   change.subject_kind, change.subject, change.details);
        return {};
    });
    if (!done) return done;
    return reload();
}

Result<std::vector<MissedSearch>> Service::misses(int limit) {
    return db_.read<std::vector<MissedSearch>>(
        [&](soci::session& sql) -> Result<std::vector<MissedSearch>> {
            return Repository::misses(sql, limit);
        });
}

void Service::count_lookup(const std::string& item_id) {
    auto snapshot = snapshot_.load();
    const std::size_t index = snapshot->catalogue.item_index(item_id);
    if (index == std::string::npos) return;
    snapshot->index.count_lookup(index);
    writer_.post([item_id](soci::session& sql) { Repository::count_lookup(sql, item_id); });
}

json::object Service::to_json(const Found& found, std::string_view query, Language language,
                              json::storage_ptr sp) {
    const Catalogue& catalogue = found.snapshot->catalogue;
    const Place* place = catalogue.default_place();
    json::array results(sp);
    for (const SearchHit& hit : found.outcome.hits) {
        const Item& item = catalogue.items()[hit.item];
        const std::string channel = catalogue.answer(place, item);
        json::array channels(sp);
        for (const auto& c : catalogue.possible_channels(place, item)) channels.emplace_back(c);
        json::value bin(sp);
        if (place) {
            if (const Bin* b = catalogue.bin_for(*place, channel)) {
                bin = json::object({{"id", b->id},
                                    {"name", in(b->name, language)},
                                    {"kind", b->kind},
                                    {"colour", b->colour},
                                    {"icon", b->icon}},
                                   sp);
            }
        }
        const Provenance& provenance = catalogue.provenance(place, item);
        results.push_back(
            json::object({{"item", item.id},
                          {"name", in(item.name, language)},
                          {"picture", catalogue.picture_url(place, item)},
                          {"verified", provenance.verified},
                          {"source", provenance.source},
                          {"channel", channel},
                          {"channels", std::move(channels)},
                          {"bin", std::move(bin)},
                          {"score", static_cast<std::int64_t>(std::lround(hit.score))},
                          {"matched", hit.matched_text}},
                         sp));
    }
    json::object out({{"query", query},
                      {"language", code(language)},
                      {"results", std::move(results)},
                      {"found", found.outcome.good}},
                     sp);
    if (found.outcome.suggestion)
        out["suggestion"] = *found.outcome.suggestion;
    else
        out["suggestion"] = nullptr;
    return out;
}

}  // namespace skirosim::guide
