// The Séance screen driven like an adviser would: keyboard and mouse through the shell, checked in the notebook.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "core/calendar.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {
struct ShellUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h{[this] { shell.draw(state); }};
};
}  // namespace

TEST_CASE("typing a learner's letters, picking with arrows and Enter, ticking a theme and Ctrl+S records the session",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.h.click("session.learner_query");
    t.h.typeText("Dup");
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->matches().size() == 2);
    REQUIRE(t.h.has("session.match_1"));
    auto wanted = form->matches()[1];
    t.h.pressKey(ImGuiKey_DownArrow);
    t.h.pressKey(ImGuiKey_Enter);
    REQUIRE(form->learners().size() == 1);
    CHECK(form->learners()[0].id == wanted.id);

    t.h.click("session.theme_email");
    t.h.click("session.duration_90");
    t.h.pressCtrl(mediane::ui::kKeyS);

    CHECK(t.state.banner.kind == Banner::Kind::Success);
    auto recent = t.f.notebook->recentSessions(5);
    REQUIRE(recent.size() == 1);
    CHECK(recent[0].learnerIds == std::vector<std::string>{wanted.id});
    CHECK(recent[0].themes == std::vector<std::string>{"email"});
    CHECK(recent[0].durationMinutes == 90);
    CHECK(recent[0].placeId == t.f.library.id);
    CHECK(recent[0].date == mediane::core::today());
    CHECK(t.state.status().pendingChanges > 0);
    // The form is ready for the next session.
    CHECK(form->learners().empty());
    CHECK(form->draft().durationMinutes == 90);
}

TEST_CASE("saving without a theme shows an error banner naming the field and stores nothing", "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.h.click("session.learner_query");
    t.h.typeText("Martin");
    t.h.pressKey(ImGuiKey_Enter);
    REQUIRE(t.shell.screen<mediane::ui::SessionScreen>().form()->learners().size() == 1);
    t.h.click("session.save");
    t.h.frame();  // the banner shows from the frame after the click

    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.field == "session.themes");
    CHECK_THAT(t.state.banner.text, Catch::Contains("Thèmes"));
    CHECK(t.h.has("shell.banner"));
    CHECK(t.f.notebook->recentSessions(5).empty());
}

TEST_CASE("a cheque number already redeemed is refused in red as typed, and the save stores nothing",
          "[session_screen]") {
    ShellUnderTest t;
    t.f.redeemElsewhere(1002);
    t.h.frame();
    t.h.click("session.learner_query");
    t.h.typeText("Dupont");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.theme_navigation_sur_internet");
    t.h.click("session.cheque_input");
    t.h.typeText("1002");
    t.h.pressKey(ImGuiKey_Enter);

    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->cheques().size() == 1);
    REQUIRE(form->cheques()[0].refusal);
    CHECK_THAT(t.state.tr().message(*form->cheques()[0].refusal), Catch::Contains("déjà été encaissé"));

    t.h.pressCtrl(mediane::ui::kKeyS);
    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.field == "session.cheques");
    CHECK(t.f.notebook->recentSessions(5).size() == 1);  // only the earlier session
}

TEST_CASE("cheque numbers typed one after another with Enter go in without a click between them",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.h.click("session.cheque_input");
    t.h.typeText("1002");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);  // the field takes the keyboard back on the next frame, as a scanner's next number needs
    t.h.typeText("1003");
    t.h.pressKey(ImGuiKey_Enter);
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->cheques().size() == 2);
    CHECK(form->cheques()[0].number == 1002);
    CHECK(form->cheques()[1].number == 1003);
}

TEST_CASE("the shell's tabs switch screens and the language switch translates the labels", "[shell]") {
    ShellUnderTest t;
    t.h.frame();
    t.h.click("shell.tab_pass");
    CHECK(t.state.screen == "pass");
    t.h.click("shell.tab_session");
    CHECK(t.state.screen == "session");
    t.h.click("shell.lang_en");
    CHECK(t.state.language() == "en");
    CHECK(t.state.tr("session.save") == "Save the session");
    t.h.click("shell.font_larger");
    CHECK(t.state.fontScale() > 1.0f);
}

TEST_CASE("a cheque of another structure goes into the session once the year printed on it is typed, and the session "
          "names the service chosen",
          "[session_screen][pass]") {
    ShellUnderTest t;
    // The place's catalogue, as the hub sent it.
    auto settings = t.f.notebook->passSettingsStore();
    mediane::core::PassProfile profile;
    profile.id = "mediatheque.0";
    profile.structure = "Médiathèque Jean-Jaurès";
    settings.keepAsPulled(profile);
    for (const auto& [code, label] : {std::pair{"atelier-2h", "Atelier 2 h"}, std::pair{"accompagnement-1h", "Accompagnement 1 h"}}) {
        mediane::core::PassService service;
        service.id = std::string("mediatheque.0:") + code;
        service.structure = profile.structure;
        service.code = code;
        service.label = label;
        settings.keepAsPulled(service);
    }
    t.h.frame();
    t.h.click("session.learner_query");
    t.h.typeText("Dupont");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.theme_email");
    t.h.click("session.cheque_input");
    t.h.typeText("880001");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->cheques().size() == 1);
    REQUIRE(form->cheques()[0].needsYear());
    REQUIRE(t.h.has("session.cheque_year.880001"));
    t.h.click("session.cheque_year.880001");
    t.h.typeText(mediane::core::today().substr(0, 4));
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    CHECK_FALSE(form->cheques()[0].refusal);
    // The first service of the catalogue (by label) until another is chosen.
    CHECK(form->chequeService() == "accompagnement-1h");
    REQUIRE(t.h.has("session.cheque_service"));
    t.h.click("session.cheque_service");
    t.h.frame();
    t.h.click("session.cheque_service.atelier-2h");
    t.h.frame();
    CHECK(form->chequeService() == "atelier-2h");
    t.h.pressCtrl(mediane::ui::kKeyS);
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    auto cheque = t.f.notebook->passStore().findByNumber(880001);
    REQUIRE(cheque);
    CHECK(cheque->state == mediane::core::ChequeState::Redeemed);
    CHECK(cheque->service == "atelier-2h");
    CHECK(cheque->validYear == std::stoi(mediane::core::today().substr(0, 4)));
}
