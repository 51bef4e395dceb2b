// Enrolling from the window against a real hub on 127.0.0.1: wrong password, unreachable, not allowed, then
// enrolled and syncing; frames keep coming while the hub is asked; signing out.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/app_state.hpp"
#include "app/enrolment_task.hpp"
#include "hub_process.hpp"
#include "imgui_harness.hpp"
#include "sync_fixture.hpp"
#include "ui/enrolment_dialog.hpp"
#include "ui/shell.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
using Clock = std::chrono::steady_clock;

// Frames until the hub call is over; returns how many were drawn meanwhile.
int waitForHub(ImGuiHarness& h) {
    int frames = 0;
    auto deadline = Clock::now() + std::chrono::seconds(30);
    do {
        h.frame();
        ++frames;
    } while (ui::enrolmentBusy() && Clock::now() < deadline);
    h.frames(2);
    return frames;
}

void typeInto(ImGuiHarness& h, const std::string& tag, const std::string& text) {
    h.click(tag);
    h.pressKey(ImGuiKey_A, true);  // Ctrl+A: the typed text replaces what was there
    if (!text.empty()) h.typeText(text);
    else h.pressKey(ImGuiKey_Delete);
}

void submit(ImGuiHarness& h, const std::string& hub, const std::string& login, const std::string& password) {
    typeInto(h, "enrol.hub", hub);
    typeInto(h, "enrol.login", login);
    typeInto(h, "enrol.password", password);
    h.click("enrol.submit");
}

}  // namespace

TEST_CASE("enrolling in the window refuses a wrong password clearly, then enrols and starts syncing") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    Laptop a;
    a.addLearner("Bénéficiaire 0001");
    app::AppState state(*a.notebook, assetsDir(), "fr");
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    REQUIRE(h.has("status.enrol"));
    CHECK_FALSE(h.has("status.sync_now"));

    h.click("status.enrol");
    h.frames(2);
    REQUIRE(h.has("enrol.hub"));
    submit(h, hub.hub->url(), "alice", "pas le bon mot de passe");
    waitForHub(h);
    REQUIRE(h.has("enrol.error"));
    CHECK_FALSE(state.sync().enrolled());
    CHECK_FALSE(a.notebook->enrolledScope().has_value());

    // A field left empty is named, and nothing is sent.
    typeInto(h, "enrol.login", "");
    h.click("enrol.submit");
    h.frame();
    CHECK(h.has("enrol.error"));
    CHECK_FALSE(ui::enrolmentBusy());

    submit(h, hub.hub->url(), "alice", HubFixture::kPassword);
    int frames = waitForHub(h);
    CHECK(frames >= 1);
    CHECK_FALSE(h.has("enrol.error"));
    CHECK_FALSE(h.has("enrol.hub"));  // the window closed
    CHECK(state.banner.kind == app::Banner::Kind::Success);
    REQUIRE(state.sync().enrolled());
    auto scope = a.notebook->enrolledScope();
    REQUIRE(scope.has_value());
    CHECK(scope->login == "alice");
    CHECK(scope->structure == "Centre social Parilly");
    // The token is stored as the CLI stores it: outside the notebook's file.
    CHECK(a.text("SELECT count(*) FROM sync_account") == "1");
    CHECK(a.count("SELECT count(*) FROM pragma_table_info('sync_account') WHERE name = 'device_token'") == 0);

    // The worker syncs the waiting learner by itself.
    auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline && state.sync().generation() == 0) h.frame();
    CHECK(state.sync().generation() >= 1);
    CHECK(a.pending() == 0);

    // Signing out: the account leaves, pending changes stay, the bar offers enrolment again.
    h.click("status.account");
    h.frames(2);
    REQUIRE(h.has("enrol.account"));
    h.click("enrol.sign_out");
    h.frame();  // the confirmation shows after the first press
    h.click("enrol.sign_out_confirm");
    h.frames(2);
    CHECK_FALSE(state.sync().enrolled());
    CHECK_FALSE(a.notebook->enrolledScope().has_value());
    CHECK(h.has("status.enrol"));
}

TEST_CASE("enrolling in the window says the hub is unreachable, and a disabled account is not allowed") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    REQUIRE(runHubTool({"--data", hub.dir.str(), "user", "disable", "--login", "alice"}) == 0);
    Laptop a;

    app::EnrolmentTask task;
    auto run = [&](const std::string& url, const std::string& password) {
        task.start(*a.notebook, {url, "alice", password});
        auto deadline = Clock::now() + std::chrono::seconds(30);
        std::optional<app::EnrolmentOutcome> outcome;
        while (!(outcome = task.poll()) && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE(outcome.has_value());
        return *outcome;
    };
    auto tr = core::Translator::load(assetsDir() + "/i18n", "fr");

    auto disabled = run(hub.hub->url(), HubFixture::kPassword);
    REQUIRE(disabled.error.has_value());
    CHECK(disabled.error->key() == "err.sync.account_disabled");
    CHECK_FALSE(tr.message(*disabled.error).empty());

    std::string url = hub.hub->url();
    hub.hub->killHard();
    auto unreachable = run(url, HubFixture::kPassword);
    REQUIRE(unreachable.error.has_value());
    CHECK(unreachable.error->kind() == Error::Kind::Io);
    CHECK(tr.message(*unreachable.error).find("injoignable") != std::string::npos);
    CHECK_FALSE(a.notebook->enrolledScope().has_value());
}
