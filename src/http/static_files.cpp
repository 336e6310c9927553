// In-memory static files.
#include "http/static_files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace skirosim::http {

namespace fs = std::filesystem;

std::string content_type_for(const fs::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".json") return "application/json";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    if (ext == ".html") return "text/html; charset=utf-8";
    return "application/octet-stream";
}

namespace {
// FNV-1a, 64 bits: enough to tell versions of one file apart.
std::string hash_hex(const std::string& data) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return fmt::format("{:016x}", h);
}
}  // namespace

StaticFiles::StaticFiles(const fs::path& root) { mount(root, ""); }

void StaticFiles::mount(const fs::path& root, const std::string& prefix) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() == ".map") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        File file{content_type_for(entry.path()), content.str(), {}};
        file.etag = "\"" + hash_hex(file.body) + "\"";
        const std::string relative = fs::relative(entry.path(), root).generic_string();
        files_[prefix.empty() ? relative : prefix + "/" + relative] = std::move(file);
    }
}

void StaticFiles::mount_on_disk(const fs::path& directory, const std::string& prefix) {
    std::error_code ec;
    if (fs::is_directory(directory, ec)) on_disk_[prefix] = directory;
}

std::optional<fs::path> StaticFiles::on_disk_path(const std::string& relative) const {
    const auto slash = relative.rfind('/');
    if (slash == std::string::npos) return std::nullopt;
    auto folder = on_disk_.find(relative.substr(0, slash));
    if (folder == on_disk_.end()) return std::nullopt;
    const std::string name = relative.substr(slash + 1);
    // A plain file name: no way out of the folder.
    static const std::regex kPlainName("[A-Za-z0-9_-]+\\.[a-z0-9]+");
    if (!std::regex_match(name, kPlainName)) return std::nullopt;
    std::error_code ec;
    fs::path path = folder->second / name;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    return path;
}

bool StaticFiles::has(const std::string& relative) const {
    return files_.contains(relative) || on_disk_path(relative).has_value();
}

Result<Response> StaticFiles::serve(const Request& request, const std::string& relative) const {
    File read;
    const File* file = nullptr;
    if (auto it = files_.find(relative); it != files_.end()) {
        file = &it->second;
    } else {
        const auto path = on_disk_path(relative);
        if (!path) return std::unexpected(not_found());
        // A file on disk is known by its size and time of change (as nginx does), so that a
        // revalidation costs a stat, not a read and a hash.
        std::error_code size_error, time_error;
        const auto size = fs::file_size(*path, size_error);
        const auto changed = fs::last_write_time(*path, time_error);
        if (size_error || time_error) return std::unexpected(not_found());
        read.etag = fmt::format("\"{:x}-{:x}\"", changed.time_since_epoch().count(), size);
        read.content_type = content_type_for(*path);
        file = &read;
        if (request.header("If-None-Match") != read.etag) {
            std::ifstream in(*path, std::ios::binary);
            std::stringstream content;
            content << in.rdbuf();
            read.body = content.str();
        }
    }
    Response response;
    response.headers.emplace_back("ETag", file->etag);
    // Links carry ?v=<etag>, so a versioned URL can be cached for long; a bare one revalidates.
    response.headers.emplace_back("Cache-Control", request.query_param("v")
                                                       ? "public, max-age=31536000, immutable"
                                                       : "public, max-age=300");
    if (request.header("If-None-Match") == file->etag) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = file->content_type;
    response.body = file->body;
    return response;
}

std::string StaticFiles::version(const std::string& relative) const {
    auto it = files_.find(relative);
    if (it == files_.end()) return "0";
    return it->second.etag.substr(1, 8);
}

}  // namespace skirosim::http
