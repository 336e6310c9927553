// Form and query decoding (application/x-www-form-urlencoded): never crashes; what it decodes
// encodes back to the same pairs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/message.hpp"

namespace {
std::string encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto decoded = skirosim::http::decode_form(input);
    if (!decoded) return 0;
    std::string again;
    for (const auto& [key, value] : *decoded) {
        if (!again.empty()) again += '&';
        again += encode(key) + "=" + encode(value);
    }
    auto round = skirosim::http::decode_form(again);
    if (!round || *round != *decoded) std::abort();
    return 0;
}
