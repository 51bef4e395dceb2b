// The Bénéficiaires screen driven by injected mouse and keyboard, checked in the notebook and the view-model.
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
struct LearnersUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::LearnersScreen screen;
    ImGuiHarness h{mediane::test::inWindow([this] { screen.draw(state); })};
};
}  // namespace

TEST_CASE("typing in the search box narrows the list to the matching learner", "[learners_screen]") {
    LearnersUnderTest t;
    t.h.frame();
    CHECK(t.h.has("learners.row.2"));  // all three learners listed before typing
    t.h.click("learners.search");
    t.h.typeText("Mart");
    t.h.frame();
    REQUIRE(t.h.has("learners.row.0"));
    CHECK_FALSE(t.h.has("learners.row.1"));
    REQUIRE(t.screen.directory()->results().size() == 1);
    CHECK(t.screen.directory()->results()[0].id == t.f.lea.id);

    // Picking the row opens the card.
    t.h.click("learners.row.0");
    CHECK(t.screen.directory()->openId() == t.f.lea.id);
    CHECK(t.h.has("learners.card.close"));
}

TEST_CASE("the search ignores accents and runs once per change of the text, not per frame", "[learners_screen]") {
    LearnersUnderTest t;
    t.h.frame();
    t.h.click("learners.search");
    t.h.typeText("lea");
    int searches = t.screen.directory()->searchCount();
    t.h.frames(30);
    CHECK(t.screen.directory()->searchCount() == searches);
    REQUIRE(t.screen.directory()->results().size() == 1);
    CHECK(t.screen.directory()->results()[0].pseudonym == "Martin Léa");
}

TEST_CASE("a new learner with a name but no consent date is refused with the consent message", "[learners_screen]") {
    LearnersUnderTest t;
    t.h.frame();
    t.h.click("learners.new");
    t.h.click("learners.new.pseudonym");
    t.h.typeText("Bénéficiaire 0042");
    t.h.click("learners.new.last_name");
    t.h.typeText("Durand");
    t.h.click("learners.new.create");

    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.field == "learner.consent");
    CHECK(t.state.banner.text.find("consentement") != std::string::npos);
    CHECK(t.f.notebook->status().learners == 3);

    t.h.click("learners.new.consent_today");
    t.h.click("learners.new.create");
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    CHECK(t.f.notebook->status().learners == 4);
    t.h.frame();
    REQUIRE(t.screen.directory()->hasCard());
    CHECK(t.screen.directory()->card().learner.lastName == "Durand");
    CHECK(t.screen.directory()->card().learner.consentDate == mediane::core::today());
}

TEST_CASE("a learner set to open from elsewhere opens its card, and an assessment recorded there is stored",
          "[learners_screen]") {
    LearnersUnderTest t;
    t.state.learnerToOpen = t.f.jean.id;
    t.h.frame();
    CHECK(t.state.learnerToOpen.empty());
    REQUIRE(t.screen.directory()->openId() == t.f.jean.id);
    t.h.frame();
    REQUIRE(t.h.has("learners.assess.save"));
    t.h.click("learners.assess.step2");
    t.h.click("learners.assess.save");
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    auto assessments = t.f.notebook->learnerAssessments(t.f.jean.id);
    REQUIRE(assessments.size() == 1);
    CHECK(assessments[0].competenceCode == "1.1");
    CHECK(assessments[0].level() == 1);
    CHECK(assessments[0].step() == 2);
    t.h.frame();
    REQUIRE(t.screen.directory()->card().progress.size() == 1);
    CHECK(t.screen.directory()->card().progress[0].points[0].level == Approx(1.5));
}

TEST_CASE("a new learner's birth year shows the derived age bracket and the commune is picked by typing",
          "[learners_screen]") {
    LearnersUnderTest t;
    t.h.frame();
    t.h.click("learners.new");
    t.h.click("learners.new.pseudonym");
    t.h.typeText("Bénéficiaire 0043");
    REQUIRE(t.h.has("learners.new.age_bracket"));  // no birth year yet: the bracket is chosen
    t.h.click("learners.new.birth_year");
    t.h.typeText("1950");
    t.h.frame();
    CHECK_FALSE(t.h.has("learners.new.age_bracket"));  // derived now, shown but not editable
    REQUIRE(t.h.has("learners.new.age_bracket_derived"));

    t.h.click("learners.new.gender");
    t.h.frame();
    t.h.click("learners.new.gender_feminin");
    t.h.click("learners.new.commune");
    t.h.typeText("saint etienne");
    REQUIRE(t.h.has("learners.new.commune_match_0"));
    t.h.pressKey(ImGuiKey_Enter);
    CHECK(t.h.has("learners.new.commune_picked"));
    t.h.click("learners.new.create");
    REQUIRE(t.state.banner.kind == Banner::Kind::Success);

    t.h.frame();
    REQUIRE(t.screen.directory()->hasCard());
    auto stored = t.f.notebook->learner(t.screen.directory()->openId());
    REQUIRE(stored);
    CHECK(stored->birthYear == 1950);
    CHECK(stored->ageBracket == "soixante_dix_plus");
    CHECK(stored->gender == "feminin");
    CHECK(stored->commune == "Saint-Étienne");
    CHECK(stored->communePostalCode == "42000");
    CHECK(stored->communeInsee == "42218");
}

TEST_CASE("a learner's card changes the commune with « × » and a new search, and takes a birth year",
          "[learners_screen]") {
    LearnersUnderTest t;
    t.state.learnerToOpen = t.f.marie.id;  // her commune was typed as plain text before the national list
    t.h.frames(2);
    REQUIRE(t.h.has("learners.card.commune_picked"));
    t.h.click("learners.card.commune_clear");
    t.h.frames(2);
    t.h.typeText("59100");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("learners.card.birth_year");
    t.h.typeText("1990");
    t.h.click("learners.card.save");
    REQUIRE(t.state.banner.kind == Banner::Kind::Success);
    auto stored = t.f.notebook->learner(t.f.marie.id);
    REQUIRE(stored);
    CHECK(stored->commune == "Roubaix");
    CHECK(stored->communeInsee == "59512");
    CHECK(stored->birthYear == 1990);
}
