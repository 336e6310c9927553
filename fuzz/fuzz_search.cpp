// The search normaliser and engine: folding, transliteration, stemming and a search of the
// default catalogue, for any bytes in any language.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "guide/data_file.hpp"
#include "guide/search_index.hpp"
#include "platform/exchange.hpp"
#include "text/normalize.hpp"

using namespace skirosim;

namespace {
const guide::SearchIndex& index() {
    static auto catalogue = [] {
        auto documents = platform::read_profile(SKIROSIM_SOURCE_DIR "/data/daugavpils-kimija");
        auto data = guide::parse_catalogue(platform::named(*documents), nullptr);
        return std::make_unique<guide::Catalogue>(std::move(*data));
    }();
    static guide::SearchIndex built(*catalogue, {});
    return built;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 512) return 0;  // the API refuses longer queries
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    for (const auto& word : text::words(input)) {
        (void)text::fold(word);
        (void)text::latvian_stem(word);
        (void)text::russian_stem(word);
        (void)text::english_stem(word);
        (void)text::latin_to_cyrillic(word);
    }
    const Language language = static_cast<Language>(size % 3);
    auto outcome = index().search(input, language, 10);
    if (outcome.hits.size() > 10) std::abort();
    return 0;
}
