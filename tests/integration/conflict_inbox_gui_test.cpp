// The « Conflits » screen headless, on conflicts made through a real hub: both versions shown, a choice resolves and syncs.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "imgui_harness.hpp"
#include "store/local_conflicts.hpp"
#include "sync_fixture.hpp"
#include "ui/conflict_inbox_screen.hpp"
#include "ui/shell.hpp"

using namespace mediane;
using namespace mediane::test;

TEST_CASE("the Conflits screen shows both values of a field and resolves with the value picked") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
    Laptop a, b;
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
    auto learner = a.addLearner("Bénéficiaire 0001");
    a.sync();
    b.sync();
    a.editLearner(learner.id, [](core::Learner& l) { l.commune = "Lyon 8e"; });
    b.editLearner(learner.id, [](core::Learner& l) { l.commune = "Bron"; });
    a.sync();
    b.sync();
    a.sync();  // a fetches the conflict b's push raised

    app::AppState state(*b.notebook, assetsDir(), "fr");
    state.screen = "conflicts";
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frames(2);
    const auto* inbox = shell.screen<ui::ConflictInboxScreen>().inbox();
    REQUIRE(inbox != nullptr);
    REQUIRE(inbox->open().size() == 1);
    auto id = inbox->open().front().conflict.id;
    CHECK(shell.screen<ui::ConflictInboxScreen>().selected() == id);  // the newest open conflict is shown at once
    CHECK(h.has("conflicts.row_" + std::to_string(id)));
    CHECK(h.has("conflicts.keep_hub.commune"));
    CHECK(h.has("conflicts.keep_incoming.commune"));
    CHECK(h.has("shell.tab_conflicts"));

    // Bruno keeps his own value (the one the hub did not keep), with a note.
    h.click("conflicts.keep_incoming.commune");
    h.click("conflicts.note");
    h.typeText("Adresse vérifiée avec la bénéficiaire");
    h.click("conflicts.resolve");
    CHECK(state.banner.kind == app::Banner::Kind::Success);
    CHECK(state.status().pendingChanges == 1);
    h.frame();
    CHECK(h.has("conflicts.sent"));

    b.sync();
    a.sync();
    CHECK(a.notebook->learner(learner.id)->commune == "Bron");
    CHECK(b.notebook->learner(learner.id)->commune == "Bron");
    CHECK(a.text("SELECT json_extract(resolution, '$.note') FROM sync_conflicts") ==
          "Adresse vérifiée avec la bénéficiaire");
}
