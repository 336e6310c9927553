// Serves static/ from memory with ETag and Cache-Control.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace skirosim::http {

class StaticFiles {
public:
    // Reads every file below `root` once, at start.
    explicit StaticFiles(const std::filesystem::path& root);
    // Adds every file below `directory` under the URL prefix `prefix` ("vendor/leaflet").
    void mount(const std::filesystem::path& directory, const std::string& prefix);
    // A large folder (a pictogram set of thousands of files) read from disk when a file is asked
    // for, not held in memory: only names of letters, digits, '-' and '_' with one extension.
    void mount_on_disk(const std::filesystem::path& directory, const std::string& prefix);
    bool has(const std::string& relative) const;

    // `relative` is the path below /static/. 304 when If-None-Match matches.
    Result<Response> serve(const Request& request, const std::string& relative) const;
    // The ETag of a file, for cache-busting links ("/static/site.css?v=…").
    std::string version(const std::string& relative) const;

private:
    struct File {
        std::string content_type;
        std::string body;
        std::string etag;
    };
    // The file below a folder mounted on disk that `relative` names, if it is one.
    std::optional<std::filesystem::path> on_disk_path(const std::string& relative) const;
    std::unordered_map<std::string, File> files_;
    std::unordered_map<std::string, std::filesystem::path> on_disk_;  // prefix → folder
};

std::string content_type_for(const std::filesystem::path& path);

}  // namespace skirosim::http
