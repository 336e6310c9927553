// A few seconds of memory for anonymous pages.
#include "web/page_cache.hpp"

namespace skirosim::web {

std::optional<http::Response> PageCache::get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.expires < std::chrono::steady_clock::now())
        return std::nullopt;
    return it->second.response;
}

void PageCache::put(const std::string& key, const http::Response& response) {
    if (response.status != 200) return;
    std::lock_guard lock(mutex_);
    entries_[key] = Entry{response, std::chrono::steady_clock::now() + lifetime_};
}

}  // namespace skirosim::web
