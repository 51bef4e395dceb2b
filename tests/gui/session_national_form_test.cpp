// The Séance screen as the national activity report's form: each kind of place, an administrative procedure, a
// workshop's anonymous participants, an orientation and an anonymous beneficiary, each read back from the notebook.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "core/calendar.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::core::HeadCount;
using mediane::core::PlaceMode;
using mediane::core::Session;
using mediane::core::SessionKind;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace Catch {
template <>
struct StringMaker<HeadCount> {
    static std::string convert(const HeadCount& c) { return c.code + ":" + std::to_string(c.count); }
};
}  // namespace Catch

namespace {
struct ShellUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h{[this] { shell.draw(state); }};

    mediane::app::SessionForm& form() { return *shell.screen<mediane::ui::SessionScreen>().form(); }

    // The adviser's usual opening: a learner found by a few letters and Enter.
    void pickLearner(const std::string& letters) {
        h.click("session.learner_query");
        h.typeText(letters);
        h.pressKey(ImGuiKey_Enter);
    }
    // Clicks a field, types into it (a number field selects its text first, so typing replaces it).
    void type(const std::string& tag, const std::string& text) {
        h.click(tag);
        h.typeText(text);
    }
    // A combo opens on the click's release and lays its list out on the next frame.
    void choose(const std::string& combo, const std::string& entry) {
        h.click(combo);
        h.frame();
        h.click(entry);
    }
    Session saveAndReadBack() {
        h.pressCtrl(mediane::ui::kKeyS);
        INFO(state.banner.text);
        REQUIRE(state.banner.kind == Banner::Kind::Success);
        auto recent = f.notebook->recentSessions(5);
        REQUIRE(recent.size() == 1);
        return recent[0];
    }
};
}  // namespace

TEST_CASE("recording an ordinary individual session takes two clicks and six keystrokes, as before the national form",
          "[session_screen]") {
    // Before (commit 0c63f23) and after: click the picker, type "Dup", ↓, Enter, click a theme, Ctrl+S.
    // The defaults do the rest: individual, at a place of activity, the last place and the last duration.
    ShellUnderTest t;
    t.f.notebook->settings().set("last_duration", "45");
    t.h.frame();
    int clicks = 0, keystrokes = 0;
    t.h.click("session.learner_query"), ++clicks;
    t.h.typeText("Dup"), keystrokes += 3;
    t.h.pressKey(ImGuiKey_DownArrow), ++keystrokes;
    t.h.pressKey(ImGuiKey_Enter), ++keystrokes;
    t.h.click("session.theme_email"), ++clicks;
    t.h.pressCtrl(mediane::ui::kKeyS), ++keystrokes;
    CHECK(clicks == 2);
    CHECK(keystrokes == 6);

    REQUIRE(t.state.banner.kind == Banner::Kind::Success);
    auto recent = t.f.notebook->recentSessions(5);
    REQUIRE(recent.size() == 1);
    const Session& s = recent[0];
    CHECK(s.kind == SessionKind::Individual);
    CHECK(s.placeMode == PlaceMode::Place);
    CHECK(s.placeId == t.f.library.id);
    CHECK(s.durationMinutes == 45);
    CHECK(s.learnerIds.size() == 1);
    CHECK(s.anonymousCount == 0);
    CHECK(s.themes == std::vector<std::string>{"email"});
}

TEST_CASE("a session at home takes its commune typed without accent and picked with Enter", "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    t.h.click("session.mode_domicile");
    CHECK_FALSE(t.h.has("session.place"));
    t.type("session.commune", "venissieux");
    REQUIRE_FALSE(t.form().draft().communeInsee.size());  // typed, not yet picked
    REQUIRE(t.h.has("session.commune_match_0"));
    t.h.pressKey(ImGuiKey_Enter);
    CHECK(t.h.has("session.commune_picked"));
    t.h.click("session.theme_navigation_sur_internet");

    Session s = t.saveAndReadBack();
    CHECK(s.placeMode == PlaceMode::Home);
    CHECK(s.placeId.empty());
    CHECK(s.communeName == "Vénissieux");
    CHECK(s.communePostalCode == "69200");
    CHECK(s.communeInsee == "69259");
    // The next session starts at home again, with no commune: the next learner lives elsewhere.
    CHECK(t.form().draft().placeMode == PlaceMode::Home);
    CHECK(t.form().draft().communeName.empty());
}

TEST_CASE("a session at home without a commune is refused naming the commune, and nothing is stored",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    t.h.click("session.mode_domicile");
    t.h.click("session.theme_email");
    t.h.pressCtrl(mediane::ui::kKeyS);
    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.field == "session.commune");
    CHECK(t.f.notebook->recentSessions(5).empty());
}

TEST_CASE("a session elsewhere takes its commune by postal code, picked among several with the arrows",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    t.h.click("session.mode_autre");
    // Lille (one of its five postal codes), Ghyvelde (its INSEE code), then Lezennes.
    t.type("session.commune", "59260");
    REQUIRE(t.h.has("session.commune_match_2"));
    CHECK_FALSE(t.h.has("session.commune_match_3"));
    for (int i = 0; i < 3; ++i) t.h.pressKey(ImGuiKey_DownArrow);  // the third stays on the last
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.theme_email");

    Session s = t.saveAndReadBack();
    CHECK(s.placeMode == PlaceMode::Other);
    CHECK(s.communeName == "Lezennes");
    CHECK(s.communePostalCode == "59260");
    CHECK(s.communeInsee == "59346");
}

TEST_CASE("a remote session may go without a commune, and « × » replaces a picked one", "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    t.h.click("session.mode_a_distance");
    t.h.click("session.theme_email");
    SECTION("without a commune") {
        Session s = t.saveAndReadBack();
        CHECK(s.placeMode == PlaceMode::Remote);
        CHECK(s.placeId.empty());
        CHECK(s.communeInsee.empty());
    }
    SECTION("with a commune changed once") {
        t.type("session.commune", "lille");
        t.h.pressKey(ImGuiKey_Enter);
        CHECK(t.form().draft().communeInsee == "59350");
        t.h.click("session.commune_clear");
        CHECK(t.form().draft().communeInsee.empty());
        t.h.frames(2);
        t.h.typeText("lyon");  // the search field has the keyboard again, no click needed
        t.h.pressKey(ImGuiKey_Enter);
        Session s = t.saveAndReadBack();
        CHECK(s.communeName == "Lyon");
        CHECK(s.communeInsee == "69123");
    }
}

TEST_CASE("administrative sub-themes and the procedure's name appear only under « Aide aux démarches administratives »",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    CHECK_FALSE(t.h.has("session.theme_logement"));
    CHECK_FALSE(t.h.has("session.procedure_name"));

    t.h.click("session.theme_aide_aux_demarches_administratives");
    REQUIRE(t.h.has("session.theme_logement"));
    REQUIRE(t.h.has("session.procedure_name"));
    t.h.click("session.theme_logement");
    t.type("session.procedure_name", "Demande APL");
    // Unticking the parent takes its sub-themes and the procedure with it, as the national form does.
    t.h.click("session.theme_aide_aux_demarches_administratives");
    CHECK_FALSE(t.h.has("session.theme_logement"));
    CHECK(t.form().draft().themes.empty());
    CHECK(t.form().draft().procedureName.empty());

    t.h.click("session.theme_aide_aux_demarches_administratives");
    t.h.click("session.theme_argent_impots");
    t.type("session.procedure_name", "Déclaration de revenus");
    Session s = t.saveAndReadBack();
    CHECK(s.themes == std::vector<std::string>{"aide_aux_demarches_administratives", "argent_impots"});
    CHECK(s.procedureName == "Déclaration de revenus");
}

TEST_CASE("a workshop records its title, level and anonymous participants broken down by gender, age and status",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.h.click("session.kind_collectif");
    CHECK_FALSE(t.h.has("session.autonomy_autonome"));  // autonomy is asked of one beneficiary only
    CHECK_FALSE(t.h.has("session.oriented_yes"));
    t.type("session.workshop_title", "Premiers pas sur tablette");
    t.h.click("session.workshop_level_debutant");
    t.pickLearner("Martin");  // one known learner among the participants
    t.type("session.anonymous_count", "6");
    REQUIRE(t.h.has("session.breakdown_gender_feminin"));
    t.type("session.breakdown_gender_feminin", "4");
    t.type("session.breakdown_gender_masculin", "1");
    t.type("session.breakdown_age_soixante_dix_plus", "3");
    t.type("session.breakdown_status_retraite", "5");
    t.type("session.anonymous_already_accompanied", "2");
    CHECK(t.form().facetNotGiven(mediane::app::AnonymousFacet::Gender) == 1);
    CHECK(t.form().facetNotGiven(mediane::app::AnonymousFacet::Age) == 3);
    t.h.click("session.theme_prendre_en_main_du_materiel");
    t.h.click("session.equipment_tablette");

    Session s = t.saveAndReadBack();
    CHECK(s.kind == SessionKind::Workshop);
    CHECK(s.workshopTitle == "Premiers pas sur tablette");
    CHECK(s.workshopLevel == "debutant");
    CHECK(s.learnerIds == std::vector<std::string>{t.f.lea.id});
    CHECK(s.anonymousCount == 6);
    // In the vocabulary's order, whatever the order typed.
    CHECK(mediane::core::countOf(s.anonymousByGender, "feminin") == 4);
    CHECK(mediane::core::countOf(s.anonymousByGender, "masculin") == 1);
    CHECK(mediane::core::totalOf(s.anonymousByGender) == 5);
    CHECK(s.anonymousByAge == std::vector<HeadCount>{{"soixante_dix_plus", 3}});
    CHECK(s.anonymousByStatus == std::vector<HeadCount>{{"retraite", 5}});
    CHECK(s.anonymousAlreadyAccompanied == 2);
    CHECK(s.autonomy.empty());
    CHECK(s.equipment == std::vector<std::string>{"tablette"});
}

TEST_CASE("an orientation records « orienté », the kind of structure and stays off when answered no",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    t.h.click("session.theme_email");
    CHECK_FALSE(t.h.has("session.redirection"));
    t.h.click("session.oriented_yes");
    REQUIRE(t.h.has("session.redirection"));
    t.choose("session.redirection", "session.redirection_aide_sociale");
    CHECK(t.form().draft().redirection == "aide_sociale");
    t.h.click("session.autonomy_partiellement_autonome");

    Session s = t.saveAndReadBack();
    CHECK(s.oriented == 1);
    CHECK(s.redirection == "aide_sociale");
    CHECK(s.autonomy == "partiellement_autonome");
    CHECK_FALSE(t.form().oriented());  // the next session starts with « Non »

    // « Non » after « Oui » forgets the structure: the national form keeps it only with « Oui ».
    t.pickLearner("Dupont");
    t.h.click("session.theme_email");
    t.h.click("session.oriented_yes");
    t.choose("session.redirection", "session.redirection_administration");
    t.h.click("session.oriented_no");
    t.h.pressCtrl(mediane::ui::kKeyS);
    REQUIRE(t.state.banner.kind == Banner::Kind::Success);
    auto recent = t.f.notebook->recentSessions(5);
    REQUIRE(recent.size() == 2);
    for (const auto& r : recent)
        if (r.learnerIds == std::vector<std::string>{t.f.marie.id}) {
            CHECK(r.oriented == 0);
            CHECK(r.redirection.empty());
        }
}

TEST_CASE("an individual session with nobody picked records one anonymous beneficiary as described",
          "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    REQUIRE(t.h.has("session.anonymous_gender"));
    t.choose("session.anonymous_gender", "session.anonymous_gender_feminin");
    t.choose("session.anonymous_age", "session.anonymous_age_quarante_cinquante_neuf");
    t.h.click("session.already_accompanied");
    t.h.click("session.theme_sante");

    Session s = t.saveAndReadBack();
    CHECK(s.kind == SessionKind::Individual);
    CHECK(s.learnerIds.empty());
    CHECK(s.anonymousCount == 1);
    CHECK(s.anonymousByGender == std::vector<HeadCount>{{"feminin", 1}});
    CHECK(s.anonymousByAge == std::vector<HeadCount>{{"quarante_cinquante_neuf", 1}});
    CHECK(s.anonymousByStatus.empty());  // not given: « non communiqué »
    CHECK(s.anonymousAlreadyAccompanied == 1);

    // Picking a learner hides the anonymous beneficiary.
    t.pickLearner("Martin");
    CHECK_FALSE(t.h.has("session.anonymous_gender"));
}

TEST_CASE("« Personnaliser » takes hours and minutes for a duration no preset has", "[session_screen]") {
    ShellUnderTest t;
    t.h.frame();
    t.pickLearner("Martin");
    t.h.click("session.theme_email");
    CHECK_FALSE(t.h.has("session.duration_hours"));
    t.h.click("session.duration_personnaliser");
    REQUIRE(t.h.has("session.duration_hours"));
    t.type("session.duration_hours", "2");
    CHECK(t.form().draft().durationMinutes == 120);
    t.type("session.duration_minutes", "40");
    CHECK(t.form().draft().durationMinutes == 160);
    Session s = t.saveAndReadBack();
    CHECK(s.durationMinutes == 160);
    // The next session offers the same duration, still under « Personnaliser ».
    CHECK(t.form().durationChoice() == "personnaliser");
}
