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

// --- The national form's rules ---------------------------------------------------------------------

using mediane::app::AnonymousFacet;
using mediane::core::HeadCount;
using mediane::core::PlaceMode;
using mediane::core::SessionKind;

TEST_CASE("unticking « Aide aux démarches administratives » clears its sub-themes and the procedure's name",
          "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    CHECK_FALSE(form.administrativeShown());
    CHECK(form.digitalThemes().size() == 19);
    CHECK(form.administrativeThemes().size() == 11);

    form.toggleTheme("email");
    form.toggleTheme("aide_aux_demarches_administratives");
    REQUIRE(form.administrativeShown());
    form.toggleTheme("logement");
    form.toggleTheme("justice");
    form.draft().procedureName = "Demande de logement social";
    form.toggleTheme("justice");  // a sub-theme unticked on its own leaves the rest alone
    CHECK(form.draft().themes == std::vector<std::string>{"email", "aide_aux_demarches_administratives", "logement"});
    CHECK(form.draft().procedureName == "Demande de logement social");

    form.toggleTheme("aide_aux_demarches_administratives");
    CHECK_FALSE(form.administrativeShown());
    CHECK(form.draft().themes == std::vector<std::string>{"email"});
    CHECK(form.draft().procedureName.empty());
}

TEST_CASE("an individual session with no learner is saved with one anonymous beneficiary and its description",
          "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    REQUIRE(form.anonymousIndividual());
    form.toggleTheme("sante");
    form.setAnonymousChoice(AnonymousFacet::Gender, "masculin");
    form.setAnonymousChoice(AnonymousFacet::Status, "retraite");
    form.setAnonymousChoice(AnonymousFacet::Status, "non_communique");  // back to « not given »: nothing stored
    form.setAnonymousChoice(AnonymousFacet::Age, "soixante_dix_plus");
    form.setAlreadyAccompanied(true);
    CHECK(form.anonymousChoice(AnonymousFacet::Gender) == "masculin");
    CHECK(form.anonymousChoice(AnonymousFacet::Status).empty());

    auto saved = form.save();
    auto stored = f.notebook->session(saved.id);
    REQUIRE(stored);
    CHECK(stored->learnerIds.empty());
    CHECK(stored->anonymousCount == 1);
    CHECK(stored->anonymousByGender == std::vector<HeadCount>{{"masculin", 1}});
    CHECK(stored->anonymousByAge == std::vector<HeadCount>{{"soixante_dix_plus", 1}});
    CHECK(stored->anonymousByStatus.empty());
    CHECK(stored->anonymousAlreadyAccompanied == 1);
    // The next session starts without the previous beneficiary's description.
    CHECK(form.anonymousChoice(AnonymousFacet::Gender).empty());
    CHECK_FALSE(form.alreadyAccompanied());
}

TEST_CASE("picking a learner leaves the anonymous beneficiary's description out of the session", "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.setAnonymousChoice(AnonymousFacet::Gender, "feminin");
    form.setAlreadyAccompanied(true);
    form.pick(f.marie);
    CHECK_FALSE(form.anonymousIndividual());
    auto session = form.sessionToSave();
    CHECK(session.anonymousCount == 0);
    CHECK(session.anonymousByGender.empty());
    CHECK(session.anonymousAlreadyAccompanied == 0);
}

TEST_CASE("a name typed in the picker but never picked refuses the save instead of making it anonymous",
          "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.toggleTheme("email");
    form.setQuery("Dupont");
    try {
        form.save();
        FAIL("saved");
    } catch (const mediane::Error& e) {
        CHECK(e.key() == "err.learner_typed_not_picked");
        CHECK(e.field() == "session.learners");
        CHECK(e.params().at("name") == "Dupont");
    }
    CHECK(f.notebook->recentSessions(5).empty());
}

TEST_CASE("a workshop's breakdown counts each code, drops zeros and leaves the rest « non communiqué »",
          "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.draft().kind = SessionKind::Workshop;
    form.draft().anonymousCount = 8;
    form.setFacetCount(AnonymousFacet::Age, "moins_de_douze", 2);
    form.setFacetCount(AnonymousFacet::Age, "douze_dix_huit", 5);
    form.setFacetCount(AnonymousFacet::Age, "moins_de_douze", 0);
    CHECK(form.facetCount(AnonymousFacet::Age, "douze_dix_huit") == 5);
    CHECK(form.facetCount(AnonymousFacet::Age, "moins_de_douze") == 0);
    CHECK(form.draft().anonymousByAge == std::vector<HeadCount>{{"douze_dix_huit", 5}});
    CHECK(form.facetNotGiven(AnonymousFacet::Age) == 3);
    CHECK(form.facetNotGiven(AnonymousFacet::Gender) == 8);

    // More than the participants: core validation names the breakdown's field.
    form.setFacetCount(AnonymousFacet::Status, "scolarise", 9);
    form.toggleTheme("culture_numerique");
    try {
        form.save();
        FAIL("saved");
    } catch (const mediane::Error& e) {
        CHECK(e.field() == "session.anonymous_by_status");
    }
}

TEST_CASE("what is saved leaves out the other kind's fields and the other kind of place's", "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.pick(f.marie);
    auto& d = form.draft();
    d.workshopTitle = "Atelier mails";
    d.workshopLevel = "debutant";
    d.autonomy = "autonome";
    form.setOriented(true);
    d.redirection = "administration";
    form.setCommune({"Vénissieux", "69200", "69259"});

    auto individual = form.sessionToSave();
    CHECK(individual.workshopTitle.empty());
    CHECK(individual.workshopLevel.empty());
    CHECK(individual.autonomy == "autonome");
    CHECK(individual.redirection == "administration");
    CHECK(individual.placeId == f.library.id);  // at a place of activity: the place, not the commune
    CHECK(individual.communeInsee.empty());

    d.kind = SessionKind::Workshop;
    form.setPlaceMode(PlaceMode::Home);
    auto workshop = form.sessionToSave();
    CHECK(workshop.workshopTitle == "Atelier mails");
    CHECK(workshop.autonomy.empty());
    CHECK(workshop.oriented == 0);
    CHECK(workshop.redirection.empty());
    CHECK(workshop.placeId.empty());  // at home: the commune, not the place
    CHECK(workshop.communeInsee == "69259");
    CHECK(workshop.communePostalCode == "69200");
}

TEST_CASE("answering « Non » to the orientation forgets its structure and place, and naming a place answers « Oui »",
          "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    CHECK_FALSE(form.oriented());
    form.setOrientation(f.library.id);
    CHECK(form.oriented());
    form.draft().redirection = "mediation_numerique";
    form.setOriented(false);
    CHECK(form.draft().redirection.empty());
    CHECK(form.draft().orientationPlaceId.empty());
}

TEST_CASE("the duration offers the national presets, and any other duration shows as « Personnaliser »",
          "[session_form]") {
    GuiFixture f;
    f.notebook->settings().set("last_duration", "50");
    SessionForm form(*f.notebook);
    CHECK(form.durationChoice() == "personnaliser");
    CHECK(form.durationHours() == 0);
    CHECK(form.durationMinutesPart() == 50);

    form.chooseDuration("90");
    CHECK(form.draft().durationMinutes == 90);
    CHECK(form.durationChoice() == "90");
    // « Personnaliser » keeps the minutes until they are typed, and stays chosen even on a preset's value.
    form.chooseDuration("personnaliser");
    CHECK(form.customDuration());
    CHECK(form.draft().durationMinutes == 90);
    form.setCustomDuration(1, 0);
    CHECK(form.durationChoice() == "personnaliser");
    // Hours and minutes are bounded as the national form bounds them.
    form.setCustomDuration(40, 75);
    CHECK(form.draft().durationMinutes == 23 * 60 + 59);
    form.setCustomDuration(0, 0);
    form.toggleTheme("email");
    form.pick(f.marie);
    try {
        form.save();
        FAIL("saved");
    } catch (const mediane::Error& e) {
        CHECK(e.field() == "session.duration");
    }
}

TEST_CASE("at home or elsewhere the commune is required, remote it is not", "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    CHECK_FALSE(form.communeAsked());
    form.setPlaceMode(PlaceMode::Other);
    CHECK(form.communeRequired());
    form.setPlaceMode(PlaceMode::Remote);
    CHECK(form.communeAsked());
    CHECK_FALSE(form.communeRequired());
    form.setCommune({"Lille", "59000", "59350"});
    form.clearCommune();
    CHECK(form.draft().communeName.empty());
    CHECK(form.draft().communeInsee.empty());
}

TEST_CASE("a place written into the draft by the Annuaire counts as « orienté » and is saved", "[session_form]") {
    GuiFixture f;
    SessionForm form(*f.notebook);
    form.pick(f.marie);
    form.toggleTheme("email");
    form.draft().orientationPlaceId = f.library.id;
    CHECK(form.oriented());
    auto saved = form.save();
    auto stored = f.notebook->session(saved.id);
    REQUIRE(stored);
    CHECK(stored->oriented == 1);
    CHECK(stored->orientationPlaceId == f.library.id);
    CHECK_FALSE(form.oriented());
}
