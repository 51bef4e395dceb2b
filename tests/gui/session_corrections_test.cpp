// « Modifier », « Supprimer » and « Historique » on a recorded session: the confirmation, the edit in the Séance form.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "app/app_state.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/learners_screen.hpp"
#include "ui/recent_sessions.hpp"
#include "ui/session_actions.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {
mediane::core::Session recordFor(GuiFixture& f, const mediane::core::Learner& learner, std::vector<std::int64_t> cheques = {}) {
    mediane::core::Session s;
    s.date = mediane::core::today();
    s.placeId = f.library.id;
    s.learnerIds = {learner.id};
    s.themes = {"email"};
    s.chequesRedeemed = std::move(cheques);
    return f.notebook->recordSession(s);
}

// The buttons of one session row, in a table like the learner card's history.
struct ActionsUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::core::Session session = recordFor(f, f.marie);
    mediane::ui::SessionActions actions;
    bool deleted = false;
    ImGuiHarness h{mediane::test::inWindow([this] {
        if (ImGui::BeginTable("##rows", 1)) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            actions.drawButtons(state, session);
            ImGui::EndTable();
        }
        deleted = actions.drawPopups(state) || deleted;
    })};
};
}  // namespace

TEST_CASE("deleting a session asks first, and cancelling keeps it", "[session_corrections]") {
    ActionsUnderTest t;
    t.h.frame();
    t.h.click("corrections.delete." + t.session.id);
    t.h.frame();
    REQUIRE(t.h.has("corrections.confirm_text"));
    REQUIRE(t.h.has("corrections.confirm_delete"));
    t.h.click("corrections.cancel");
    t.h.frame();
    CHECK_FALSE(t.h.has("corrections.confirm_text"));
    CHECK(t.f.notebook->session(t.session.id));
    CHECK_FALSE(t.deleted);
}

TEST_CASE("confirming the deletion removes the session and says so", "[session_corrections]") {
    ActionsUnderTest t;
    t.h.frame();
    t.h.click("corrections.delete." + t.session.id);
    t.h.frame();
    t.h.click("corrections.confirm_delete");
    CHECK(t.deleted);
    CHECK_FALSE(t.f.notebook->session(t.session.id));
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    CHECK(t.state.banner.text == t.state.tr("corrections.msg_deleted"));
}

TEST_CASE("the confirmation of a session with redeemed cheques offers no deletion", "[session_corrections]") {
    ActionsUnderTest t;
    t.f.notebook->giveCheque(1002, t.f.jean.id, mediane::core::today());
    t.session = recordFor(t.f, t.f.jean, {1002});
    t.h.frame();
    t.h.click("corrections.delete." + t.session.id);
    t.h.frame();
    REQUIRE(t.h.has("corrections.confirm_text"));
    CHECK_FALSE(t.h.has("corrections.confirm_delete"));
    CHECK(t.h.has("corrections.cancel"));
    CHECK(t.f.notebook->session(t.session.id));
}

TEST_CASE("the history of a session opens from its row", "[session_corrections]") {
    ActionsUnderTest t;
    t.h.frame();
    t.h.click("corrections.history." + t.session.id);
    t.h.frame();
    CHECK(t.h.has("corrections.history_list"));
}

TEST_CASE("« Modifier » opens the Séance form on the session and saving corrects it", "[session_corrections]") {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    auto session = recordFor(f, f.marie);
    mediane::ui::Shell shell;
    ImGuiHarness h{[&] { shell.draw(state); }};
    state.learnerToOpen = f.marie.id;
    state.screen = "learners";
    h.frames(3);
    REQUIRE(h.has("corrections.edit." + session.id));
    // The row's button sets the intent; the shell then shows the Séance form in its correction mode.
    state.sessionToEdit = session.id;
    state.screen = "session";
    h.frame();
    auto* form = shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->editing());
    CHECK(form->editingId() == session.id);
    REQUIRE(form->learners().size() == 1);
    CHECK(form->learners()[0].id == f.marie.id);
    h.frame();
    REQUIRE(h.has("corrections.editing"));
    REQUIRE(h.has("corrections.save_edit"));
    CHECK_FALSE(h.has("session.save"));
    form->draft().durationMinutes = 75;
    form->draft().notes = "Durée corrigée";
    h.click("corrections.save_edit");
    CHECK(state.banner.kind == Banner::Kind::Success);
    CHECK(state.banner.text == state.tr("corrections.msg_updated"));
    auto corrected = f.notebook->session(session.id);
    REQUIRE(corrected);
    CHECK(corrected->durationMinutes == 75);
    CHECK(corrected->notes == "Durée corrigée");
    CHECK(f.notebook->recentSessions(10).size() == 1);  // corrected, not recorded again
    CHECK_FALSE(form->editing());
}

TEST_CASE("the recent sessions under the form list a workshop, which has no learner card, with its actions",
          "[session_corrections]") {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::core::Session workshop;
    workshop.date = mediane::core::today();
    workshop.kind = mediane::core::SessionKind::Workshop;
    workshop.placeId = f.library.id;
    workshop.anonymousCount = 6;
    workshop.workshopTitle = "Premiers pas sur la tablette";
    workshop.themes = {"prendre_en_main_du_materiel"};
    auto saved = f.notebook->recordSession(workshop);
    state.refreshStatus();
    mediane::ui::RecentSessions recent;
    ImGuiHarness h{mediane::test::inWindow([&] { recent.draw(state); })};
    h.frame();
    CHECK_FALSE(h.has("corrections.edit." + saved.id));  // folded until asked for
    h.click("corrections.recent_header");
    h.frame();
    REQUIRE(h.has("corrections.edit." + saved.id));
    h.click("corrections.edit." + saved.id);
    CHECK(state.sessionToEdit == saved.id);
    CHECK(state.screen == "session");
}
