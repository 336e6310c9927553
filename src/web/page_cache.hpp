// Pages that are the same for every visitor who is not signed in, kept for a few seconds. The home
// page is the one asked for most, and reading the database and rendering it cost far more than
// sending it (bench/http.sh). Signed-in visitors always get a fresh page.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace skirosim::web {

class PageCache {
public:
    explicit PageCache(std::chrono::milliseconds lifetime) : lifetime_(lifetime) {}

    std::optional<http::Response> get(const std::string& key);
    void put(const std::string& key, const http::Response& response);

private:
    struct Entry {
        http::Response response;
        std::chrono::steady_clock::time_point expires;
    };
    std::chrono::milliseconds lifetime_;
    std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace skirosim::web
