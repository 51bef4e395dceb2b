// Search-as-you-type over the directory: 10,000 places must answer within a frame (16 ms).
#include <benchmark/benchmark.h>

#include <memory>
#include <random>

#include "app/directory_demo.hpp"
#include "app/directory_service.hpp"
#include "app/notebook.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

// One directory of 10,000 demo places shared by every benchmark: building it is not what is measured.
struct Directory {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), test::assetsDir());
    std::unique_ptr<app::DirectoryService> service;
    Directory() {
        std::mt19937_64 rng(1);
        app::generateDemoDirectory(*notebook, rng, 10000, test::assetsDir());
        service = std::make_unique<app::DirectoryService>(*notebook, test::assetsDir());
    }
};

Directory& directory() {
    static Directory d;
    return d;
}

// What an adviser types, one key at a time.
const std::vector<std::string> kTyped = {"m", "me", "med", "médi", "médiath", "médiathèque v", "villeurb",
                                         "demarch", "senior", "centre social lyon"};

void BM_DirectorySearchAsYouType(benchmark::State& state) {
    auto& d = directory();
    std::size_t i = 0, found = 0;
    for (auto _ : state) {
        app::DirectoryQuery q;
        q.text = kTyped[i++ % kTyped.size()];
        auto results = d.service->search(q);
        found += results.size();
        benchmark::DoNotOptimize(results);
    }
    state.counters["results"] = benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_DirectorySearchAsYouType)->Unit(benchmark::kMillisecond);

void BM_DirectorySearchFiltered(benchmark::State& state) {
    auto& d = directory();
    for (auto _ : state) {
        app::DirectoryQuery q;
        q.text = "lyon";
        q.service = "Aide aux démarches administratives";
        q.publicType = "Seniors";
        q.freeOnly = true;
        benchmark::DoNotOptimize(d.service->search(q));
    }
}
BENCHMARK(BM_DirectorySearchFiltered)->Unit(benchmark::kMillisecond);

// The worst case: "open now" with no text must look at every place's hours.
void BM_DirectorySearchOpenNow(benchmark::State& state) {
    auto& d = directory();
    for (auto _ : state) {
        app::DirectoryQuery q;
        q.openAt = core::LocalDateTime{2025, 3, 4, 11, 0};
        benchmark::DoNotOptimize(d.service->search(q));
    }
}
BENCHMARK(BM_DirectorySearchOpenNow)->Unit(benchmark::kMillisecond);

void BM_DirectoryOpenNowTypedAndFiltered(benchmark::State& state) {
    auto& d = directory();
    for (auto _ : state) {
        app::DirectoryQuery q;
        q.text = "med";
        q.service = "Loisirs et créations numériques";
        q.openAt = core::LocalDateTime{2025, 3, 8, 10, 0};
        benchmark::DoNotOptimize(d.service->search(q));
    }
}
BENCHMARK(BM_DirectoryOpenNowTypedAndFiltered)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
