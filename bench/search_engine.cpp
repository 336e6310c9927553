// Google Benchmark of our engine alone: one query of each kind, on the default catalogue.
#include <benchmark/benchmark.h>

#include "catalogue_loader.hpp"
#include "guide/search_index.hpp"

namespace {

using namespace skirosim;

struct Fixture {
    guide::Catalogue catalogue{
        bench::load_profile_catalogue(SKIROSIM_SOURCE_DIR "/data/daugavpils-kimija")};
    guide::SearchIndex index{catalogue, {}};
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void search(benchmark::State& state, const char* query, Language language) {
    auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.index.search(query, language, 10));
}

BENCHMARK_CAPTURE(search, exact_lv, "baterija ", Language::lv);
BENCHMARK_CAPTURE(search, inflected_ru, "батарейки ", Language::ru);
BENCHMARK_CAPTURE(search, translit_ru, "korobka ot piccy ", Language::ru);
BENCHMARK_CAPTURE(search, typo_en, "newspapr ", Language::en);
BENCHMARK_CAPTURE(search, prefix_lv, "pude", Language::lv);
BENCHMARK_CAPTURE(search, nothing, "qwzx vvv ", Language::en);

}  // namespace

BENCHMARK_MAIN();
