// The GUI's live sync against a real hub: « Synchroniser » in the status bar, frames rendering while the worker pushes.
#include <catch2/catch.hpp>

#include <chrono>

#include "app/app_state.hpp"
#include "app/sync_service.hpp"
#include "core/calendar.hpp"
#include "imgui_harness.hpp"
#include "sync_fixture.hpp"
#include "ui/shell.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
using Clock = std::chrono::steady_clock;

std::string syncLine(app::AppState& state) {
    return state.sync().describe(state.tr(), state.status().lastSync).text;
}
}  // namespace

TEST_CASE("pressing Synchroniser syncs in the background while frames keep rendering, then shows Synchronisé à") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    Laptop a;
    a.enroll(hub, "alice");
    core::Place place;
    place.name = "Centre social Parilly";
    place.kind = "BIB";
    place.commune = "Vénissieux";
    place = a.notebook->addPlace(place);
    std::vector<std::string> learners;
    for (int i = 0; i < 400; ++i) learners.push_back(a.addLearner(numbered("Bénéficiaire ", i)).id);
    core::Session session;
    session.date = core::today();
    session.placeId = place.id;
    session.learnerIds = {learners.front()};
    session.themes = {"email"};
    a.notebook->recordSession(session);

    app::AppState state(*a.notebook, assetsDir(), "fr");
    sync::WorkerOptions options;
    options.startNow = false;  // the test presses the button itself
    auto worker = app::startSyncWorker(*a.notebook, options);
    state.sync().attach(worker.get());
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    REQUIRE(state.status().pendingChanges > 400);
    CHECK(syncLine(state) == "Jamais synchronisé");
    REQUIRE(h.has("status.sync_now"));

    h.click("status.sync_now");
    // The press shows at once, before the worker has even picked it up.
    CHECK(syncLine(state).rfind("Synchronisation", 0) == 0);

    double slowestMs = 0;
    int frames = 0;
    bool sawProgress = false;
    auto deadline = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < deadline) {
        auto start = Clock::now();
        h.frame();
        slowestMs = std::max(slowestMs, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        ++frames;
        if (state.sync().status().state == sync::SyncStatus::State::Syncing && state.sync().status().total > 0)
            sawProgress = true;
        if (state.sync().generation() == 1) break;
    }
    INFO("frames while syncing: " << frames << ", slowest " << slowestMs << " ms");
    REQUIRE(state.sync().generation() == 1);
    h.frame();
    CHECK(syncLine(state).rfind("Synchronisé à ", 0) == 0);
    CHECK(state.status().pendingChanges == 0);  // refreshed after the sync without any command
    CHECK(!state.status().lastSync.empty());
    CHECK(a.pending() == 0);
    // A sanity bound, not a benchmark: a frame that waited for the network or a push batch would take seconds.
    CHECK(slowestMs < 250);
    CHECK(frames > 1);
    (void)sawProgress;  // a fast machine may push 400 operations between two frames
}

TEST_CASE("the status bar says not enrolled with what to do, and offers no sync button") {
    Laptop a;
    app::AppState state(*a.notebook, assetsDir(), "fr");
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    CHECK(syncLine(state) == "Non inscrit auprès du hub");
    CHECK(state.sync().describe(state.tr(), "").hint.find("mediane enroll") != std::string::npos);
    CHECK(h.has("status.sync_hint"));
    CHECK_FALSE(h.has("status.sync_now"));
}

TEST_CASE("the status bar shows Hors ligne with a retry countdown when the hub is down") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    Laptop a;
    a.enroll(hub, "alice");
    a.addLearner("Bénéficiaire hors ligne");
    hub.hub->killHard();

    app::AppState state(*a.notebook, assetsDir(), "fr");
    sync::WorkerOptions options;
    options.backoffBase = std::chrono::seconds(30);
    auto worker = app::startSyncWorker(*a.notebook, options);
    state.sync().attach(worker.get());
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    auto deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < deadline && state.sync().status().state != sync::SyncStatus::State::Offline) h.frame();
    h.frame();
    auto line = state.sync().describe(state.tr(), state.status().lastSync);
    CHECK(line.text == "Hors ligne");
    CHECK(line.hint.find("nouvel essai dans") != std::string::npos);
    CHECK(line.canSyncNow);
    CHECK(state.status().pendingChanges == 1);
}
