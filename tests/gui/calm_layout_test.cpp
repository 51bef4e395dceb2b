// The window at netbook and laptop sizes, and the keyboard: actions stay on screen, a message never moves
// the form, an error goes once its field is corrected, each screen's search has the keyboard when it opens,
// Enter picks in every search, and the cheque field keeps the keyboard from one cheque to the next.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "app/pass_desk.hpp"
#include "core/calendar.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/learners_screen.hpp"
#include "ui/pass_screen.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {
struct ShellAt {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h;
    ShellAt(float width, float height) : h([this] { shell.draw(state); }, width, height) {}
};

bool inside(const mediane::ui::ItemRect& r, float width, float height) {
    return r.minX >= 0 && r.minY >= 0 && r.maxX <= width && r.maxY <= height;
}
}  // namespace

TEST_CASE("at 1024x600 and 1366x768 every screen keeps its tabs, font buttons and status bar in sight",
          "[small_screens]") {
    for (auto [width, height] : {std::pair{1024.0f, 600.0f}, std::pair{1366.0f, 768.0f}}) {
        for (const char* language : {"fr", "en"}) {
            ShellAt t(width, height);
            t.state.setLanguage(language);
            for (const char* screen : {"session", "learners", "pass", "directory", "dashboard", "conflicts"}) {
                CAPTURE(width, language, screen);
                t.state.screen = screen;
                t.h.frames(3);
                for (const char* tag : {"shell.font_larger", "shell.font_smaller", "shell.lang_fr", "status.pending",
                                        "shell.tab_session", "shell.tab_dashboard"}) {
                    CAPTURE(tag);
                    REQUIRE(t.h.has(tag));
                    CHECK(inside(t.h.rect(tag), width, height));
                }
            }
            t.state.screen = "session";
            t.h.frames(2);
            CHECK(inside(t.h.rect("session.save"), width, height));
        }
    }
}

TEST_CASE("a message appears without moving the form under the pointer", "[calm_layout]") {
    ShellAt t(1366, 768);
    t.h.frames(2);
    auto before = t.h.rect("session.theme_email");
    t.h.click("session.save");  // refused: no learner, no theme
    t.h.frame();
    REQUIRE(t.state.banner.kind == Banner::Kind::Error);
    REQUIRE(t.h.has("shell.banner"));
    auto after = t.h.rect("session.theme_email");
    CHECK(after.minY == before.minY);
    CHECK(after.minX == before.minX);
}

TEST_CASE("an error about a field goes once the field is corrected", "[calm_layout]") {
    ShellAt t(1366, 768);
    t.h.frame();
    t.h.click("session.learner_query");
    t.h.typeText("Martin");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.save");
    t.h.frame();
    REQUIRE(t.state.banner.kind == Banner::Kind::Error);
    REQUIRE(t.state.banner.field == "session.themes");
    t.h.click("session.theme_email");
    t.h.frames(2);
    CHECK(t.state.banner.kind == Banner::Kind::None);
    CHECK_FALSE(t.h.has("shell.banner"));
}

TEST_CASE("a date typed JJ/MM/AAAA is recorded, and a wrong one is refused naming the field", "[calm_layout]") {
    ShellAt t(1366, 768);
    t.h.frame();
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    t.h.click("session.date");
    t.h.pressCtrl('A');
    t.h.pressKey(ImGuiKey_Backspace);
    t.h.typeText("30/11/2026");
    CHECK(form->draft().date == "2026-11-30");
    t.h.pressKey(ImGuiKey_Backspace);
    CHECK(form->draft().date == "30/11/202");  // not a date yet: kept as typed, refused at save
}

TEST_CASE("at 1024x600 the Séance screen opens at the top of its form, its learner search holding the keyboard",
          "[small_screens][keyboard]") {
    ShellAt t(1024, 600);
    // The date and the search both in sight, between the tabs and the save bar, from the first frame on (no
    // frame scrolled away while the focus settles).
    for (int frame = 1; frame <= 5; ++frame) {
        CAPTURE(frame);
        t.h.frame();
        const float top = t.h.rect("shell.tab_session").maxY, bottom = t.h.rect("session.save").minY;
        CHECK(t.h.rect("session.date").minY >= top);
        CHECK(t.h.rect("session.learner_query").minY >= top);
        CHECK(t.h.rect("session.learner_query").maxY <= bottom);
    }
    t.h.typeText("Martin");
    t.h.pressKey(ImGuiKey_Enter);
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->learners().size() == 1);
    CHECK(form->learners()[0].id == t.f.lea.id);
}

TEST_CASE("each screen's search has the keyboard when the screen opens, and Enter picks", "[keyboard]") {
    ShellAt t(1366, 768);
    t.h.frames(2);  // the focus asked in the first frame is taken in the next (as on screen: 2 frames, ~30 ms)
    // Séance: letters go straight to the learner search, Enter takes the match.
    t.h.typeText("Martin");
    t.h.pressKey(ImGuiKey_Enter);
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form->learners().size() == 1);
    CHECK(form->learners()[0].id == t.f.lea.id);

    // Bénéficiaires: the search takes the letters; Enter opens the first match's card.
    t.h.click("shell.tab_learners");
    t.h.frames(2);
    t.h.typeText("Dupuis");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    auto* directory = t.shell.screen<mediane::ui::LearnersScreen>().directory();
    REQUIRE(directory);
    CHECK(directory->openId() == t.f.jean.id);
}

TEST_CASE("on the Pass screen the learner search has the keyboard and Enter picks the learner", "[keyboard]") {
    ShellAt t(1366, 768);
    t.h.frame();
    t.h.click("shell.tab_pass");
    t.h.frames(3);
    REQUIRE(t.h.has("pass.give.learner"));
    t.h.typeText("Dupont");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    CHECK_FALSE(t.h.has("pass.give.learner"));  // replaced by the chosen learner's name
    CHECK(t.h.has("pass.give.change_learner"));
}

TEST_CASE("the cheque check keeps the keyboard: number, Enter, verdict, next number, Enter", "[keyboard][pass]") {
    ShellAt t(1366, 768);
    // One cheque redeemed already; another still in stock.
    t.f.redeemElsewhere(1001);
    t.h.frame();
    t.h.click("shell.tab_pass");
    t.h.frames(2);
    t.h.click("pass.check.number");
    t.h.typeText("1001");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    auto& screen = t.shell.screen<mediane::ui::PassScreen>();
    REQUIRE(screen.lastVerdict());
    CHECK_FALSE(screen.lastVerdict()->redeemable);
    CHECK(screen.lastVerdict()->reasonKey == "err.cheque_already_redeemed");
    CHECK(t.h.has("pass.check.verdict"));
    // No click: the field still has the keyboard, emptied for the next cheque of the pile.
    t.h.typeText("1002");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    REQUIRE(screen.lastVerdict());
    CHECK(screen.lastVerdict()->number == 1002);
    CHECK(screen.lastVerdict()->redeemable);
}

TEST_CASE("Tab goes from one field of a form to the next in reading order", "[calm_layout][keyboard]") {
    ShellAt t(1366, 768);
    t.state.screen = "pass";
    t.h.frames(3);
    const auto before = t.f.notebook->booklets().size();
    t.h.click("pass.receive");            // folded once a booklet is there
    t.h.frames(2);
    t.h.click("pass.receive.structure");  // already filled in with the structure of the last booklet
    t.h.pressKey(ImGuiKey_Tab);
    t.h.frames(2);
    t.h.typeText("7000");
    t.h.pressKey(ImGuiKey_Tab);
    t.h.frames(2);
    t.h.typeText("7009");
    t.h.pressKey(ImGuiKey_Tab);  // the face value keeps its 10 €
    t.h.frames(2);
    t.h.pressKey(ImGuiKey_Tab);
    t.h.frames(2);
    t.h.typeText("2030");  // the validity year: the booklet is valid to 31/12
    t.h.pressKey(ImGuiKey_Tab);
    t.h.frames(2);
    t.h.typeText("Métropole de Lyon");
    t.h.click("pass.receive.save");
    t.h.frames(2);
    auto booklets = t.f.notebook->booklets();
    REQUIRE(booklets.size() == before + 1);
    bool found = false;
    for (const auto& b : booklets)
        if (b.firstNumber == 7000) {
            found = true;
            CHECK(b.lastNumber == 7009);
            CHECK(b.expiry == "2030-12-31");
            CHECK(b.validYear == 2030);
            CHECK(b.funder == "Métropole de Lyon");
            CHECK(b.faceValueCents == 1000);
        }
    CHECK(found);
}

