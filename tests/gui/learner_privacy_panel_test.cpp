// The learner card's personal data section: each irreversible action asks first, says what is lost, and can be cancelled.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/learners_screen.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {
struct CardUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::LearnersScreen screen;
    ImGuiHarness h{mediane::test::inWindow([this] { screen.draw(state); })};
    void open(const std::string& id) {
        state.learnerToOpen = id;
        h.frames(2);
        h.click("privacy.header");
        h.frame();
    }
};
}  // namespace

TEST_CASE("erasing from the card asks first: cancelling keeps the learner, confirming erases them", "[learners_screen]") {
    CardUnderTest t;
    t.open(t.f.lea.id);
    REQUIRE(t.h.has("privacy.erase"));
    t.h.click("privacy.erase");
    t.h.frame();
    REQUIRE(t.h.has("privacy.confirm_text"));
    t.h.click("privacy.cancel");
    t.h.frame();
    CHECK_FALSE(t.h.has("privacy.confirm_text"));
    CHECK(t.f.notebook->learner(t.f.lea.id));

    t.h.click("privacy.erase");
    t.h.frame();
    t.h.click("privacy.confirm");
    t.h.frame();
    CHECK_FALSE(t.f.notebook->learner(t.f.lea.id));
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    CHECK_FALSE(t.screen.directory()->hasCard());
}

TEST_CASE("withdrawing consent from the card clears name and contact after confirmation", "[learners_screen]") {
    CardUnderTest t;
    auto l = *t.f.notebook->learner(t.f.marie.id);
    l.lastName = "Dupont";
    l.phone = "0612345678";
    l.consentDate = "2026-01-05";
    t.f.notebook->updateLearner(l);
    t.open(t.f.marie.id);
    REQUIRE(t.h.has("privacy.withdraw"));
    t.h.click("privacy.withdraw");
    t.h.frame();
    REQUIRE(t.h.has("privacy.confirm_text"));
    t.h.click("privacy.confirm");
    t.h.frame();
    auto after = t.f.notebook->learner(t.f.marie.id);
    REQUIRE(after);
    CHECK(after->lastName.empty());
    CHECK(after->phone.empty());
    CHECK(after->pseudonym == "Dupont Marie");
}
