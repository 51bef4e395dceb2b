// The Tableau de bord's Couverture tab driven like a coordinator: pick the Métropole de Lyon by typing its name,
// read the communes with no place of the demo directory, and find them again in the exported workbook.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "app/app_state.hpp"
#include "app/directory_demo.hpp"
#include "app/directory_service.hpp"
#include "support/temp_dir.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/dashboard_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {

struct CoverageUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h{[this] { shell.draw(state); }};

    CoverageUnderTest() {
        std::mt19937_64 rng(1);
        mediane::app::generateDemoDirectory(*f.notebook, rng, 300, mediane::test::assetsDir(), "2026-11-30");
        state.refreshStatus();
        state.screen = "dashboard";
        h.frames(2);  // the first frame lays the filters out before the tab bar settles
    }
    mediane::ui::CoveragePanel& panel() { return shell.screen<mediane::ui::DashboardScreen>().coverage(); }

    void pickLyon() {
        h.click("dashboard.tab.coverage");
        h.frame();
        h.click("dashboard.coverage.territory_search");
        h.typeText("Métropole de Lyon");
        h.frame();
        REQUIRE(h.has("dashboard.coverage.territory.0"));
        h.click("dashboard.coverage.territory.0");
        settle(h, panel());
    }

    // Draws frames until the worker's coverage is in (bounded: a hung worker fails the test, not the run).
    static void settle(ImGuiHarness& harness, mediane::ui::CoveragePanel& coverage) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        do harness.frame();
        while ((!coverage.view() || coverage.view()->computing()) && std::chrono::steady_clock::now() < deadline);
        REQUIRE_FALSE(coverage.view()->computing());
        harness.frame();  // the frame that draws what arrived
    }
};

std::vector<std::string> whiteZones(const mediane::core::TerritoryCoverage& c) {
    std::vector<std::string> names;
    for (const auto& line : c.withoutPlace) names.push_back(line.name);
    return names;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string unzipped(const std::string& file, const std::string& part) {
    std::string out;
    FILE* pipe = popen(("unzip -p '" + file + "' " + part).c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE("the coverage of the Métropole de Lyon on the demo directory names the communes without a place",
          "[coverage_tab]") {
    CoverageUnderTest t;
    t.pickLyon();
    REQUIRE(t.panel().view());
    CHECK(t.panel().view()->territory() == "200046977");
    const auto& coverage = t.panel().view()->coverage();
    REQUIRE(coverage);
    CHECK(coverage->name == "Métropole de Lyon");
    CHECK(coverage->communeCount == 58);
    auto white = whiteZones(*coverage);
    // The demo's places are in Lyon and nineteen communes around it; the others are white zones.
    CHECK_FALSE(has(white, "Lyon"));
    CHECK_FALSE(has(white, "Villeurbanne"));
    CHECK_FALSE(has(white, "Vénissieux"));
    CHECK(has(white, "Sainte-Foy-lès-Lyon"));
    CHECK(has(white, "Saint-Genis-Laval"));
    CHECK(has(white, "Poleymieux-au-Mont-d'Or"));
    CHECK(coverage->withoutPlace.front().name == "Sainte-Foy-lès-Lyon");  // the most populous white zone
    CHECK(coverage->withoutPlace.front().population == 21692);
    // Drawn as rows of the white zones table, first row first.
    CHECK(t.h.has("dashboard.coverage.white.0"));
    CHECK(t.h.has("dashboard.coverage.territory_chosen"));
    CHECK(t.panel().view()->computeCount() == 1);  // once, on the worker; frames since computed nothing
}

TEST_CASE("the territory is remembered from one visit of the tab to the next", "[coverage_tab]") {
    CoverageUnderTest t;
    t.pickLyon();
    mediane::ui::Shell again;
    ImGuiHarness h2{[&] { again.draw(t.state); }};
    h2.frames(2);
    h2.click("dashboard.tab.coverage");
    CoverageUnderTest::settle(h2, again.screen<mediane::ui::DashboardScreen>().coverage());
    auto* view = again.screen<mediane::ui::DashboardScreen>().coverage().view();
    REQUIRE(view);
    CHECK(view->territory() == "200046977");
    CHECK(view->coverage());
}

TEST_CASE("a commune only a bus serves is listed apart from the white zones, with the bus's days", "[coverage_tab]") {
    CoverageUnderTest t;
    mediane::app::DirectoryService directory(*t.f.notebook, mediane::test::assetsDir());
    directory.importText(
        "id,pivot,nom,commune,code_postal,code_insee,adresse,date_maj,horaires,itinerance\n"
        "bus-1,80000000000011,Bus numérique,Sainte-Foy-lès-Lyon,69110,69202,Place de la mairie,2024-01-01,"
        "Tu 09:00-12:00; Fr 14:00-17:00,Itinérant\n",
        "bus.csv");
    t.state.refreshStatus();
    t.pickLyon();
    const auto& coverage = t.panel().view()->coverage();
    REQUIRE(coverage);
    CHECK_FALSE(has(whiteZones(*coverage), "Sainte-Foy-lès-Lyon"));
    REQUIRE(coverage->itinerantOnly.size() == 1);
    CHECK(coverage->itinerantOnly[0].name == "Sainte-Foy-lès-Lyon");
    CHECK(mediane::app::servedDaysText(t.state.tr(), coverage->itinerantOnly[0]) == "mardi, vendredi");
    CHECK(t.h.has("dashboard.coverage.itinerant.0"));
}

TEST_CASE("the dashboard's XLSX export carries the chosen territory's coverage sheets", "[coverage_tab]") {
    CoverageUnderTest t;
    t.pickLyon();
    mediane::test::TempDir out;
    t.shell.screen<mediane::ui::DashboardScreen>().setExportFolder(out.str());
    t.h.frame();
    t.h.click("dashboard.export.xlsx");
    t.h.frame();
    REQUIRE(t.state.banner.kind == mediane::app::Banner::Kind::Success);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(out.path())) files.push_back(entry.path());
    REQUIRE(files.size() == 1);
    const std::string book = unzipped(files[0].string(), "xl/workbook.xml");
    CHECK(book.find("name=\"Communes sans lieu\"") != std::string::npos);
    CHECK(book.find("name=\"Lieux sans séance\"") != std::string::npos);
    CHECK(unzipped(files[0].string(), "").find("Sainte-Foy-lès-Lyon") != std::string::npos);
}
