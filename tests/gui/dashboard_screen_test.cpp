// The Tableau de bord screen driven by injected mouse and keyboard: figures drawn from the cached view-model,
// period presets and typed dates applied to the filter, exports written where asked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/app_state.hpp"
#include "core/calendar.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"
#include "ui/dashboard_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;
namespace core = mediane::core;

namespace {

struct DashboardUnderTest {
    GuiFixture f;
    // The notebook reopened on a connection the test keeps a hand on, for the lock a test takes on it.
    mediane::store::Database* connection = onKeptConnection(f);
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::DashboardScreen screen;
    ImGuiHarness h{mediane::test::inWindow([this] { screen.draw(state); })};

    DashboardUnderTest() {
        // Two sessions this month and one three years ago, outside the default twelve months.
        session(core::today(), {f.marie.id, f.jean.id});
        session(core::today(), {f.marie.id});
        session(core::addDays(core::today(), -3 * 365), {f.lea.id});
        state.refreshStatus();
    }

    static mediane::store::Database* onKeptConnection(GuiFixture& fixture) {
        mediane::store::Database* kept = nullptr;
        fixture.notebook = mediane::test::openOnConnection(fixture.notebook->dataFile(), kept);
        return kept;
    }

    // Draws frames until the worker's figures are in (bounded: a hung worker fails the test, not the run).
    void settle() {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        do h.frame();
        while ((!screen.dashboard() || screen.dashboard()->computing()) && std::chrono::steady_clock::now() < deadline);
        REQUIRE_FALSE(screen.dashboard()->computing());
    }

    void session(const std::string& date, std::vector<std::string> learners) {
        core::Session s;
        s.date = date;
        s.placeId = f.library.id;
        s.kind = learners.size() > 1 ? core::SessionKind::Workshop : core::SessionKind::Individual;
        s.learnerIds = std::move(learners);
        s.themes = {"email"};
        f.notebook->recordSession(s);
    }
};

}  // namespace

TEST_CASE("the dashboard shows the twelve months' figures and computes them once", "[dashboard_screen]") {
    DashboardUnderTest t;
    t.settle();
    t.h.frames(3);
    auto* d = t.screen.dashboard();
    REQUIRE(d != nullptr);
    CHECK(d->activity().sessions == 2);
    CHECK(d->activity().learners == 2);
    CHECK(t.h.has("dashboard.figure.sessions"));
    CHECK(t.h.has("dashboard.months.chart"));
    CHECK(d->refreshCount() == 1);  // frames until the figures came, three more: one computation
}

TEST_CASE("the « Tout » preset widens the period to every session", "[dashboard_screen]") {
    DashboardUnderTest t;
    t.settle();  // the « Tout » preset starts at the first session's date, which comes with the figures
    t.h.click("dashboard.preset.all");
    t.settle();
    auto* d = t.screen.dashboard();
    CHECK(d->filter().from == core::addDays(core::today(), -3 * 365));
    CHECK(d->activity().sessions == 3);
    CHECK(d->activity().learners == 3);
}

TEST_CASE("a typed period applies once both dates are valid, and a half-typed one changes nothing",
          "[dashboard_screen]") {
    DashboardUnderTest t;
    t.h.frame();
    auto before = t.screen.dashboard()->filter();
    t.h.click("dashboard.from");
    t.h.pressKey(ImGuiKey_End);
    for (int i = 0; i < 10; ++i) t.h.pressKey(ImGuiKey_Backspace);
    t.h.typeText("2020-01");
    t.h.frame();
    CHECK(t.screen.dashboard()->filter() == before);
    t.h.typeText("-01");
    t.settle();
    CHECK(t.screen.dashboard()->filter().from == "2020-01-01");
    CHECK(t.screen.dashboard()->activity().sessions == 3);
}

TEST_CASE("changing a filter does not block the frame: the old figures stay, marked, until the worker's arrive",
          "[dashboard_screen]") {
    DashboardUnderTest t;
    // The notebook's connection takes the file exclusively before the worker opens its own, so the worker's
    // read waits (busy timeout) for as long as the test holds the lock: the frames must go on meanwhile.
    auto& db = *t.connection;
    db.exec("PRAGMA locking_mode=EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    auto quickFrame = [&] {
        auto started = std::chrono::steady_clock::now();
        t.h.frame();
        // A frame that waited for the worker would wait out SQLite's 5 s busy timeout; the frame times
        // themselves are measured in tests/bench, not asserted.
        return std::chrono::steady_clock::now() - started < std::chrono::seconds(2);
    };
    CHECK(quickFrame());
    auto* d = t.screen.dashboard();
    REQUIRE(d != nullptr);
    CHECK(d->computing());
    t.h.click("dashboard.preset.all");
    for (int i = 0; i < 5; ++i) CHECK(quickFrame());
    CHECK(d->computing());
    CHECK(t.h.has("dashboard.computing"));
    CHECK(d->activity().sessions == 0);  // nothing computed yet: what was drawn before stays
    db.exec("COMMIT");
    db.exec("PRAGMA locking_mode=NORMAL");
    db.scalarInt("SELECT count(*) FROM sessions");  // the next access releases the exclusive lock
    t.settle();
    CHECK(d->activity().sessions == 3);  // the « Tout » preset's figures, not the twelve months'
    t.h.frame();  // the figures may have come after the indicator was drawn in settle's last frame
    CHECK_FALSE(t.h.has("dashboard.computing"));
}

TEST_CASE("the activity report button writes a CSV of the period into the export folder", "[dashboard_screen]") {
    DashboardUnderTest t;
    mediane::test::TempDir out;
    t.screen.setExportFolder(out.str());
    t.h.frame();
    t.h.click("dashboard.export.csv");
    t.h.frame();
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(out.path())) files.push_back(entry.path());
    REQUIRE(files.size() == 1);
    std::ifstream in(files[0]);
    std::stringstream text;
    text << in.rdbuf();
    const std::string csv = text.str();
    CHECK(csv.find("session_id,date,kind") == 0);
    CHECK(csv.find("Dupont") == std::string::npos);  // pseudonyms never leave in an export
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);  // header + the two sessions of the period
}

TEST_CASE("the shell's Tableau de bord tab opens the dashboard", "[dashboard_screen]") {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    h.click("shell.tab_dashboard");
    h.frame();
    CHECK(state.screen == "dashboard");
    CHECK(h.has("dashboard.preset.all"));
}

namespace {
std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("the CSV for spreadsheets option writes semicolons after a byte order mark", "[dashboard_screen]") {
    DashboardUnderTest t;
    mediane::test::TempDir out;
    t.screen.setExportFolder(out.str());
    t.h.frame();
    t.h.click("dashboard.export.spreadsheet");
    t.h.click("dashboard.export.csv");
    t.h.frame();
    REQUIRE(t.state.banner.kind == Banner::Kind::Success);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(out.path())) files.push_back(entry.path());
    REQUIRE(files.size() == 1);
    const std::string csv = readAll(files[0]);
    CHECK(csv.rfind("\xEF\xBB\xBFsession_id;date;kind", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
}

TEST_CASE("the exports folder is chosen in the window and remembered for the next time", "[dashboard_screen]") {
    mediane::test::TempDir home;
    std::filesystem::create_directories(home.path() / "Rapports" / "2026");
    DashboardUnderTest t;
    // The folder picker starts where exports go; the adviser goes into Rapports/2026 and chooses it.
    t.screen.setExportFolder(home.str());
    t.h.frame();
    t.h.click("dashboard.export.change_folder");
    t.h.frames(2);
    REQUIRE(t.h.has("folder_picker.entry_0"));
    t.h.click("folder_picker.entry_0");  // Rapports
    t.h.frames(2);
    t.h.click("folder_picker.entry_0");  // 2026
    t.h.frames(2);
    t.h.click("folder_picker.choose");
    t.h.frames(2);
    CHECK_FALSE(t.h.has("folder_picker.choose"));
    t.h.click("dashboard.export.csv");
    t.h.frame();
    REQUIRE(t.state.banner.kind == Banner::Kind::Success);
    CHECK(std::distance(std::filesystem::directory_iterator(home.path() / "Rapports" / "2026"),
                        std::filesystem::directory_iterator()) == 1);

    // A new window on the same notebook starts in the chosen folder.
    mediane::ui::DashboardScreen again;
    ImGuiHarness h2{mediane::test::inWindow([&] { again.draw(t.state); })};
    h2.frame();
    h2.click("dashboard.export.csv");
    h2.frame();
    CHECK(std::distance(std::filesystem::directory_iterator(home.path() / "Rapports" / "2026"),
                        std::filesystem::directory_iterator()) >= 1);
    CHECK(t.state.banner.text.find((home.path() / "Rapports" / "2026").string()) != std::string::npos);
}

TEST_CASE("after an export, « Ouvrir le dossier » opens the folder in the file manager", "[dashboard_screen]") {
    DashboardUnderTest t;
    mediane::test::TempDir out, bin;
    // A stand-in for xdg-open that notes which folder it was asked to open.
    const auto opened = bin.path() / "opened.txt";
    {
        std::ofstream script(bin.path() / "xdg-open");
        script << "#!/bin/sh\nprintf '%s' \"$1\" > '" << opened.string() << "'\n";
    }
    std::filesystem::permissions(bin.path() / "xdg-open", std::filesystem::perms::owner_all);
    const std::string oldPath = std::getenv("PATH") ? std::getenv("PATH") : "";
    setenv("PATH", (bin.str() + ":" + oldPath).c_str(), 1);

    t.screen.setExportFolder(out.str());
    t.h.frame();
    CHECK_FALSE(t.h.has("dashboard.export.open_folder"));  // nothing exported yet
    t.h.click("dashboard.export.csv");
    t.h.frame();
    REQUIRE(t.h.has("dashboard.export.open_folder"));
    t.h.click("dashboard.export.open_folder");
    for (int i = 0; i < 50 && !std::filesystem::exists(opened); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    setenv("PATH", oldPath.c_str(), 1);
    REQUIRE(std::filesystem::exists(opened));
    CHECK(readAll(opened) == out.str());
}

TEST_CASE("the Pass tab shows each funder's cheques per month, booklets without one as « Sans commanditaire »",
          "[dashboard_screen]") {
    DashboardUnderTest t;
    core::PassBooklet b;
    b.structure = "Centre social Parilly";
    b.firstNumber = 4000;
    b.lastNumber = 4004;
    b.faceValueCents = 1000;
    b.receivedOn = core::addDays(core::today(), -5);
    b.expiry = core::addDays(core::today(), 200);
    b.funder = "Métropole de Lyon";
    t.f.notebook->receiveBooklet(b);
    b.firstNumber = 4100;
    b.lastNumber = 4101;
    b.funder = "";
    t.f.notebook->receiveBooklet(b);
    t.f.notebook->giveCheque(4001, t.f.marie.id, core::today());
    t.f.notebook->giveCheque(4100, t.f.marie.id, core::today());
    t.state.refreshStatus();
    t.settle();
    t.h.click("dashboard.tab.pass");
    t.settle();
    t.h.frames(2);
    auto* d = t.screen.dashboard();
    REQUIRE(d->shown() == mediane::app::DashboardSection::Pass);
    REQUIRE(d->pass().perFunder.size() == 2);
    CHECK(d->pass().perFunder[0].funder.empty());
    CHECK(d->pass().perFunder[0].total.given == 1);
    CHECK(d->pass().perFunder[1].funder == "Métropole de Lyon");
    CHECK(d->pass().perFunder[1].total.given == 1);
    CHECK(t.h.has("dashboard.funder."));
    CHECK(t.h.has("dashboard.funder.Métropole de Lyon"));
}

TEST_CASE("the Tableau de bord's frames do not count the notebook again, only a command or a sync does", "[dashboard_screen]") {
    // The counts scan the outbox: read three times a frame, they were a third of a large notebook's start-up.
    DashboardUnderTest t;
    t.settle();
    const auto before = t.state.status().sessions;
    t.session(core::today(), {t.f.marie.id});  // recorded behind the window's back
    for (int i = 0; i < 5; ++i) t.h.frame();
    CHECK(t.state.status().sessions == before);
    t.state.run([] {});
    CHECK(t.state.status().sessions == before + 1);
}
