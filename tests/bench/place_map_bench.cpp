// The Annuaire's map with 10,000 places: a frame that pans or zooms must stay within one frame (16 ms), and close
// to a frame of the bare ImGui demo window drawn in the same headless context (no GPU: the CPU side of a frame,
// which is what the map adds; rasterising is the driver's).
// MEDIANE_MAP_DATA=DIR uses DIR/mediane.sqlite (e.g. `mediane --data DIR demo --scale large`, whose directory
// holds 10,000 places), copied first; otherwise 10,000 demo places are generated (a few seconds).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>

#include "app/app_state.hpp"
#include "app/directory_demo.hpp"
#include "app/notebook.hpp"
#include "app/territory_coverage.hpp"
#include "store/territory_queries.hpp"
#include "gui/imgui_harness.hpp"
#include "support/temp_dir.hpp"
#include "ui/directory_screen.hpp"

using namespace mediane;

namespace {

// A notebook with 10,000 directory places, and the Annuaire drawn in a 1366×768 window. Building it is not measured.
struct Annuaire {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook;
    std::unique_ptr<app::AppState> state;
    ui::DirectoryScreen screen;
    std::unique_ptr<test::ImGuiHarness> h;
    bool bare = false;  // draw the ImGui demo window instead of the screen

    Annuaire() {
        if (const char* source = std::getenv("MEDIANE_MAP_DATA"); source && *source) {
            std::filesystem::copy_file(std::filesystem::path(source) / app::Notebook::kDatabaseFile,
                                       dir.path() / app::Notebook::kDatabaseFile);
            notebook = app::Notebook::open(dir.str(), test::assetsDir());
        } else {
            notebook = app::Notebook::open(dir.str(), test::assetsDir());
            std::mt19937_64 rng(1);
            app::generateDemoDirectory(*notebook, rng, 10000, test::assetsDir(), "2026-11-30");
        }
        state = std::make_unique<app::AppState>(*notebook, test::assetsDir(), "fr");
        h = std::make_unique<test::ImGuiHarness>(test::inWindow([this] {
                                                     if (bare) ImGui::ShowDemoWindow();
                                                     else screen.draw(*state);
                                                 }),
                                                 1366.0f, 768.0f);
        h->frames(3);  // the view-models load the places and the first search once, outside the measure
    }
    app::PlaceMap& map() { return *screen.map(); }
    ImVec2 mapCentre() const {
        auto r = h->rect("directory.map");
        return ImVec2((r.minX + r.maxX) / 2, (r.minY + r.maxY) / 2);
    }
};

Annuaire& annuaire() {
    static Annuaire a;
    return a;
}

// What the last frame asks the GPU to draw: the size of the work handed to the renderer.
void reportVertices(benchmark::State& state) {
    const ImDrawData* data = ImGui::GetDrawData();
    state.counters["vertices"] = data ? static_cast<double>(data->TotalVtxCount) : 0.0;
}

void report(benchmark::State& state, Annuaire& a) {
    state.counters["places"] = static_cast<double>(a.map().places().size());
    state.counters["clusters"] = static_cast<double>(a.map().clusters().size());
    reportVertices(state);
}

// The whole directory in view (fit all), the mouse dragging the map a few pixels each frame.
void BM_MapDragFrame(benchmark::State& state) {
    auto& a = annuaire();
    a.bare = false;
    a.map().fitAll();
    a.map().viewport().zoomAt(std::pow(2.0, static_cast<double>(state.range(0))), a.map().viewport().width() / 2,
                              a.map().viewport().height() / 2);
    ImGuiIO& io = ImGui::GetIO();
    ImVec2 at = a.mapCentre();
    io.MousePos = at;
    a.h->frame();
    io.MouseDown[0] = true;
    a.h->frame();
    int step = 0;
    for (auto _ : state) {
        // Back and forth, so the map stays over the places however long the run.
        const float dx = (step++ / 40) % 2 == 0 ? 4.0f : -4.0f;
        io.MousePos = ImVec2(io.MousePos.x + dx, io.MousePos.y + dx / 2);
        a.h->frame();
    }
    io.MouseDown[0] = false;
    a.h->frame();
    report(state, a);
}
// Zoom levels from the whole Métropole (0) to a few streets (6): more, smaller clusters as it deepens.
BENCHMARK(BM_MapDragFrame)->Arg(0)->Arg(3)->Arg(6)->Unit(benchmark::kMillisecond);

// The wheel turning every frame: each frame is a new zoom level, so every frame regroups all 10,000 places.
void BM_MapWheelZoomFrame(benchmark::State& state) {
    auto& a = annuaire();
    a.bare = false;
    a.map().fitAll();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = a.mapCentre();
    int step = 0;
    for (auto _ : state) {
        io.MouseWheel = (step++ / 12) % 2 == 0 ? 1.0f : -1.0f;  // twelve notches in, twelve out
        a.h->frame();
        io.MouseWheel = 0;
    }
    report(state, a);
}
BENCHMARK(BM_MapWheelZoomFrame)->Unit(benchmark::kMillisecond);

// A frame of the Annuaire with the map still: the cost of being on screen.
void BM_MapStillFrame(benchmark::State& state) {
    auto& a = annuaire();
    a.bare = false;
    a.map().fitAll();
    for (auto _ : state) a.h->frame();
    report(state, a);
}
BENCHMARK(BM_MapStillFrame)->Unit(benchmark::kMillisecond);

// The reference: the bare ImGui demo window, in the same context and window size.
void BM_BareImGuiDemoFrame(benchmark::State& state) {
    auto& a = annuaire();
    a.bare = true;
    a.h->frame();
    for (auto _ : state) a.h->frame();
    reportVertices(state);
    a.bare = false;
}
BENCHMARK(BM_BareImGuiDemoFrame)->Unit(benchmark::kMillisecond);

// The Couverture tab's computation for the Métropole de Lyon (58 communes): what a change of territory, filter or
// notebook costs, once (not per frame). Arg 0: twelve months; 1: every year of the demo.
void BM_CoverageMetropoleDeLyon(benchmark::State& state) {
    auto& a = annuaire();
    auto communes = core::CommuneDirectory::loadFile(test::assetsDir() + "/communes/communes.csv");
    auto epcis = core::Intercommunalities::loadFile(test::assetsDir() + "/communes/intercommunalites.csv");
    auto queries = store::TerritoryQueries::openReadOnly(a.notebook->dataFile());
    app::DashboardFilter filter;
    if (state.range(0) == 0) filter = {"2025-12-01", "2026-11-30", "", "", ""};
    std::size_t white = 0;
    for (auto _ : state) {
        auto coverage = app::computeTerritoryCoverage(*queries, communes, *epcis.find("200046977"), filter);
        white = coverage.withoutPlace.size();
        benchmark::DoNotOptimize(coverage);
    }
    state.counters["white_zones"] = static_cast<double>(white);
}
BENCHMARK(BM_CoverageMetropoleDeLyon)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
