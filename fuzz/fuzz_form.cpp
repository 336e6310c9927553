// Form and query decoding (application/x-www-form-urlencoded): never crashes; what it decodes
// encodes back to the same pairs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto decoded = skirosim::http::decode_form(input);
    if (!decoded) return 0;
    auto round = skirosim::http::decode_form(skirosim::http::encode_form(*decoded));
    if (!round || *round != *decoded) std::abort();
    return 0;
}
