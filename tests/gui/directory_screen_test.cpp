// The Annuaire screen driven like an adviser would, through the shell: search, filters, card, orientation.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "app/directory_service.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/directory_screen.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {

// 2025-03-04 is a Tuesday: at 11:00 m1 (Tu-Sa 10-18) is open, m2 (Mo-Fr 14-18) closed, c1's hours unreadable.
constexpr mediane::core::LocalDateTime kTuesdayEleven{2025, 3, 4, 11, 0};

struct AnnuaireUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h{[this] { shell.draw(state); }};

    AnnuaireUnderTest() {
        mediane::app::DirectoryService directory(*f.notebook, mediane::test::assetsDir());
        directory.importText(
            "id,pivot,nom,commune,code_postal,adresse,date_maj,typologie,telephone,services,"
            "publics_specifiquement_adresses,frais_a_charge,horaires,prise_rdv\n"
            "m1,43493312300029,Médiathèque Lucie-Aubrac,Vénissieux,69200,2 place Henri-Barbusse,2024-01-01,BIB,"
            "+33472214554,Aide aux démarches administratives,Seniors,Gratuit,Tu-Sa 10:00-18:00,https://rdv.example.fr\n"
            "m2,43493312300037,Médiathèque du Bachut,Lyon,69008,2 place du 11 Novembre,2024-01-01,BIB,,"
            "Loisirs et créations numériques,Jeunes,Gratuit sous condition,Mo-Fr 14:00-18:00,\n"
            "c1,43493312300045,Centre social Bonnefoi,Lyon,69003,9 rue Bonnefoi,2024-01-01,CS,,"
            "Aide aux démarches administratives,,Payant,sur rendez-vous,\n",
            "places.csv");
        state.refreshStatus();
        shell.screen<mediane::ui::DirectoryScreen>().setClock([] { return kTuesdayEleven; });
        state.screen = "directory";
        h.frame();
    }
    mediane::app::DirectoryView& view() { return *shell.screen<mediane::ui::DirectoryScreen>().view(); }
    void search(const std::string& typed) {
        h.click("directory.search");
        h.pressKey(ImGuiKey_A, true);  // Ctrl+A: the typed text replaces what was there
        h.typeText(typed);
        h.frame();
    }
};

}  // namespace

TEST_CASE("typing in the Annuaire search box lists the matching place, accents ignored", "[directory_screen]") {
    AnnuaireUnderTest t;
    CHECK(t.view().results().size() == 3);
    t.search("mediatheque venis");
    REQUIRE(t.view().results().size() == 1);
    CHECK(t.view().results()[0].name == "Médiathèque Lucie-Aubrac");
    CHECK(t.h.has("directory.row.0"));
    CHECK_FALSE(t.h.has("directory.row.1"));
}

TEST_CASE("ticking « Ouvert maintenant » keeps only the places open at the time the query ran", "[directory_screen]") {
    AnnuaireUnderTest t;
    t.h.click("directory.filter_open_now");
    t.h.frame();
    REQUIRE(t.view().filters().openNow);
    REQUIRE(t.view().results().size() == 1);
    CHECK(t.view().results()[0].id == "m1");
    t.h.click("directory.filter_open_now");
    t.h.frame();
    CHECK(t.view().results().size() == 3);
}

TEST_CASE("clicking a result shows its card with the opening hours in French", "[directory_screen]") {
    AnnuaireUnderTest t;
    t.search("lucie");
    t.h.click("directory.row.0");
    REQUIRE(t.view().hasCard());
    CHECK(t.view().card().place.id == "m1");
    REQUIRE(t.h.has("directory.card.hours.0"));
    CHECK_THAT(t.view().card().hoursLines[0], Catch::Contains("du mardi au samedi"));
    CHECK(t.h.has("directory.card.booking"));
    CHECK_FALSE(t.h.has("directory.card.hours_warning"));

    // Unreadable hours are shown as written, with a warning, never dropped.
    t.search("bonnefoi");
    t.h.click("directory.row.0");
    CHECK(t.view().card().place.id == "c1");
    CHECK(t.h.has("directory.card.hours_warning"));
    REQUIRE(t.h.has("directory.card.hours.0"));
    CHECK_THAT(t.view().card().hoursLines[0], Catch::Contains("sur rendez-vous"));
}

TEST_CASE("« Orienter le bénéficiaire ici » carries the place into the Séance form, and Ctrl+S stores it",
          "[directory_screen]") {
    AnnuaireUnderTest t;
    t.search("bachut");
    t.h.click("directory.row.0");
    REQUIRE(t.view().openId() == "m2");
    t.h.click("directory.orient_here");
    t.h.frame();
    REQUIRE(t.state.screen == "session");
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form);
    CHECK(form->draft().orientationPlaceId == "m2");
    CHECK(form->orientationName() == "Médiathèque du Bachut (Lyon)");
    CHECK(t.h.has("session.orientation_clear"));

    t.h.click("session.learner_query");
    t.h.typeText("Martin");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.theme_email");
    t.h.pressCtrl(mediane::ui::kKeyS);
    REQUIRE(t.state.banner.kind == Banner::Kind::Success);
    auto recent = t.f.notebook->recentSessions(5);
    REQUIRE(recent.size() == 1);
    CHECK(recent[0].orientationPlaceId == "m2");
    CHECK(form->draft().orientationPlaceId.empty());
}

TEST_CASE("« Orienter vers un lieu… » in the Séance form opens the Annuaire", "[directory_screen]") {
    AnnuaireUnderTest t;
    t.state.screen = "session";
    t.h.frame();
    // As in the national form, the place of an orientation is asked once « orienté » is answered yes.
    CHECK_FALSE(t.h.has("session.orientation_pick"));
    t.h.click("session.oriented_yes");
    t.h.click("session.orientation_pick");
    CHECK(t.state.screen == "directory");
    t.h.frame();
    CHECK(t.h.has("directory.search"));
}
