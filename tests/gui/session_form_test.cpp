// app::SessionForm without ImGui: defaults, picker, cheque checks, assessments and save.
#include <catch2/catch.hpp>

#include "app/session_form.hpp"
#include "core/calendar.hpp"
#include "gui_fixture.hpp"

using mediane::app::SessionForm;
using mediane::test::GuiFixture;

TEST_CASE("a fresh session form defaults to today, the last duration used and the last place", "[session_form]") {
    GuiFixture f;
    SessionForm first(*f.notebook);
    CHECK(first.draft().date == mediane::core::today());
    CHECK(first.draft().durationMinutes == 60);
    CHECK(first.draft().placeId == f.library.id);

    f.notebook->settings().set("last_duration", "90");
    SessionForm second(*f.notebook);
    CHECK(second.draft().durationMinutes == 90);
}

TEST_CASE("typing a few letters finds learners, arrows move and Enter picks the highlighted one", "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.setQuery("dup");
    REQUIRE(form.matches().size() == 2);
    auto second = form.matches()[1];
    form.moveHighlight(+1);
    form.moveHighlight(+5);  // clamped to the last match
    CHECK(form.highlighted() == 1);
    form.confirmPicker();
    REQUIRE(form.learners().size() == 1);
    CHECK(form.learners()[0].id == second.id);
    CHECK(form.draft().learnerIds == std::vector<std::string>{second.id});
    CHECK(form.query().empty());

    form.setQuery("dup");  // the picked learner is not offered again
    REQUIRE(form.matches().size() == 1);
    CHECK(form.matches()[0].id != second.id);
}

TEST_CASE("Enter with no matching learner creates one with the typed pseudonym", "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.setQuery("  Zoé K ");
    REQUIRE(form.matches().empty());
    REQUIRE(form.canCreateFromQuery());
    form.confirmPicker();
    REQUIRE(form.learners().size() == 1);
    CHECK(form.learners()[0].pseudonym == "Zoé K");
    auto stored = f.notebook->learner(form.learners()[0].id);
    REQUIRE(stored);
    CHECK(stored->pseudonym == "Zoé K");
}

TEST_CASE("an already redeemed cheque is refused as soon as it is typed, with its reason", "[session_form]") {
    GuiFixture f;
    f.redeemElsewhere(1003);
    SessionForm form(*f.notebook);
    CHECK_FALSE(form.addCheque("12a"));
    CHECK(form.addCheque("1003"));
    CHECK(form.addCheque("1004"));
    REQUIRE(form.cheques().size() == 2);
    REQUIRE(form.cheques()[0].refusal);
    CHECK(form.cheques()[0].refusal->key() == "err.cheque_already_redeemed");
    CHECK_FALSE(form.cheques()[1].refusal);
}

TEST_CASE("a refused cheque blocks the save and nothing is stored", "[session_form]") {
    GuiFixture f;
    f.redeemElsewhere(1003);
    auto before = f.notebook->status().sessions;
    SessionForm form(*f.notebook);
    form.pick(f.marie);
    form.draft().themes = {"navigation_sur_internet"};
    form.addCheque("1003");
    CHECK_THROWS_AS(form.save(), mediane::Error);
    CHECK(f.notebook->status().sessions == before);
    CHECK(form.learners().size() == 1);  // the adviser's input is still there to correct
}

TEST_CASE("saving stores the session with its cheque and assessment, then resets keeping date, place and duration",
          "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.draft().durationMinutes = 45;
    form.draft().date = mediane::core::addDays(mediane::core::today(), -1);
    form.pick(f.marie);
    SessionForm::toggle(form.draft().themes, "email");
    SessionForm::toggle(form.draft().themes, "sante");
    SessionForm::toggle(form.draft().themes, "sante");  // ticked then unticked
    form.draft().competences = {"2.1"};
    REQUIRE(form.addCheque("1005"));
    form.addAssessment();
    form.assessments()[0].level = 2;
    form.assessments()[0].step = 2;

    auto saved = form.save();
    auto stored = f.notebook->session(saved.id);
    REQUIRE(stored);
    CHECK(stored->learnerIds == std::vector<std::string>{f.marie.id});
    CHECK(stored->themes == std::vector<std::string>{"email"});
    CHECK(stored->chequesRedeemed == std::vector<std::int64_t>{1005});
    CHECK(stored->durationMinutes == 45);
    auto assessments = f.notebook->learnerAssessments(f.marie.id);
    REQUIRE(assessments.size() == 1);
    CHECK(assessments[0].competenceCode == "2.1");
    CHECK(assessments[0].level() == 2);
    CHECK(assessments[0].step() == 2);

    CHECK(form.learners().empty());
    CHECK(form.draft().themes.empty());
    CHECK(form.cheques().empty());
    CHECK(form.draft().date == saved.date);
    CHECK(form.draft().durationMinutes == 45);
    CHECK(form.draft().placeId == f.library.id);
}
