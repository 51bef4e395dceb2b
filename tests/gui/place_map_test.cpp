// The Annuaire's map driven with the mouse and the keyboard: a click on a place opens its card, orientation from
// the map reaches the Séance form, clusters split when clicked, an itinerant place's stops are known.
#include <catch2/catch.hpp>

#include "app/app_state.hpp"
#include "app/directory_service.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "ui/directory_screen.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {

constexpr mediane::core::LocalDateTime kTuesdayEleven{2025, 3, 4, 11, 0};

// Three fixed places a few kilometres apart in the Métropole de Lyon, and a bus with two stops (same SIRET).
const char* const kPlaces =
    "id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,date_maj,typologie,services,"
    "frais_a_charge,horaires,itinerance\n"
    "m1,43493312300029,Médiathèque Lucie-Aubrac,Vénissieux,69200,69259,2 place Henri-Barbusse,45.6975,4.8867,"
    "2024-01-01,BIB,Aide aux démarches administratives,Gratuit,Tu-Sa 10:00-18:00,Fixe\n"
    "m2,43493312300037,Médiathèque du Bachut,Lyon,69008,69388,2 place du 11 Novembre,45.7346,4.8691,2024-01-01,"
    "BIB,Loisirs et créations numériques,Gratuit,Mo-Fr 14:00-18:00,Fixe\n"
    "c1,43493312300045,Centre social de Villeurbanne,Villeurbanne,69100,69266,9 rue Bonnefoi,45.7719,4.8902,"
    "2024-01-01,CS,Aide aux démarches administratives,Payant,Mo-Fr 09:00-17:00,Fixe\n"
    "b1,80000000000011,Bus numérique,Givors,69700,69091,Place de la mairie,45.5906,4.7689,2024-01-01,ASSO,"
    "Aide aux démarches administratives,Gratuit,Tu 09:00-12:00,Itinérant\n"
    "b2,80000000000011,Bus numérique,Irigny,69540,69100,Place de l’église,45.6731,4.8225,2024-01-01,ASSO,"
    "Aide aux démarches administratives,Gratuit,Th 09:00-12:00,Itinérant\n";

struct MapUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h{[this] { shell.draw(state); }};

    MapUnderTest() {
        mediane::app::DirectoryService directory(*f.notebook, mediane::test::assetsDir());
        directory.importText(kPlaces, "places.csv");
        state.refreshStatus();
        screen().setClock([] { return kTuesdayEleven; });
        state.screen = "directory";
        h.frames(2);
    }
    mediane::ui::DirectoryScreen& screen() { return shell.screen<mediane::ui::DirectoryScreen>(); }
    mediane::app::DirectoryView& view() { return *screen().view(); }
    mediane::app::PlaceMap& map() { return *screen().map(); }
    void search(const std::string& typed) {
        h.click("directory.search");
        h.pressKey(ImGuiKey_A, true);
        h.typeText(typed);
        h.frame();
    }
    // Where a place is drawn on the window, as the last frame laid the map out.
    ImVec2 onScreen(const std::string& id) {
        auto i = map().indexOf(id);
        REQUIRE(i);
        auto s = map().viewport().toScreen(map().places()[*i].at);
        auto r = h.rect("directory.map");
        return ImVec2(r.minX + static_cast<float>(s.x), r.minY + static_cast<float>(s.y));
    }
};

}  // namespace

TEST_CASE("the Annuaire opens on the map with every located place in view", "[place_map]") {
    MapUnderTest t;
    REQUIRE(t.screen().showsMap());
    REQUIRE(t.screen().map());
    CHECK(t.map().places().size() == 5);
    CHECK(t.map().unlocated() == 1);  // the fixture's own library has no coordinates
    auto r = t.h.rect("directory.map");
    for (const char* id : {"m1", "m2", "c1", "b1", "b2"}) {
        ImVec2 p = t.onScreen(id);
        CHECK(p.x > r.minX);
        CHECK(p.x < r.maxX);
        CHECK(p.y > r.minY);
        CHECK(p.y < r.maxY);
    }
}

TEST_CASE("clicking a place on the map opens its card", "[place_map]") {
    MapUnderTest t;
    t.h.clickAt(t.onScreen("m1"));
    REQUIRE(t.view().hasCard());
    CHECK(t.view().openId() == "m1");
    CHECK(t.view().card().place.nom == "Médiathèque Lucie-Aubrac");
    // The map stays, with the place's strip under it; « Voir la fiche » shows the whole card.
    CHECK(t.screen().showsMap());
    CHECK(t.h.has("directory.map.strip_name"));
    t.h.click("directory.map.show_card");
    t.h.frame();
    CHECK_FALSE(t.screen().showsMap());
    CHECK(t.h.has("directory.card.hours.0"));
    CHECK_THAT(t.view().card().hoursLines[0], Catch::Contains("du mardi au samedi"));
}

TEST_CASE("« Orienter le bénéficiaire ici » from the map carries the place into the Séance form", "[place_map]") {
    MapUnderTest t;
    t.h.clickAt(t.onScreen("m2"));
    REQUIRE(t.view().openId() == "m2");
    t.h.click("directory.map.orient_here");
    t.h.frame();
    REQUIRE(t.state.screen == "session");
    auto* form = t.shell.screen<mediane::ui::SessionScreen>().form();
    REQUIRE(form);
    CHECK(form->draft().orientationPlaceId == "m2");
    CHECK(form->orientationName() == "Médiathèque du Bachut (Lyon)");
}

TEST_CASE("places close together are one cluster when zoomed out, and clicking it zooms in until they part",
          "[place_map]") {
    MapUnderTest t;
    t.map().viewport().setScale(3000);  // all of France in a few hundred pixels: the Métropole is one disc
    t.map().viewport().setCentre(t.map().places()[*t.map().indexOf("m1")].at);
    t.h.frame();
    REQUIRE(t.map().clusters().size() == 1);
    auto r = t.h.rect("directory.map");
    auto c = t.map().viewport().toScreen(t.map().clusters()[0].centre);
    const double before = t.map().viewport().scale();
    t.h.clickAt(ImVec2(r.minX + static_cast<float>(c.x), r.minY + static_cast<float>(c.y)));
    CHECK(t.map().viewport().scale() > before);
    CHECK(t.map().clusters().size() > 1);
    CHECK_FALSE(t.view().hasCard());  // a cluster click zooms; it opens no card
}

TEST_CASE("the keyboard pans and zooms the map once it has the focus", "[place_map]") {
    MapUnderTest t;
    auto r = t.h.rect("directory.map");
    t.h.clickAt(ImVec2(r.minX + 5, (r.minY + r.maxY) / 2));  // an empty spot at the left edge: focus, no place
    CHECK_FALSE(t.view().hasCard());
    const double scale = t.map().viewport().scale();
    t.h.pressNative('=');
    CHECK(t.map().viewport().scale() == Approx(scale * 1.5));
    t.h.pressNative('-');
    CHECK(t.map().viewport().scale() == Approx(scale));
    const double x = t.map().viewport().centre().x;
    t.h.pressKey(ImGuiKey_RightArrow);
    CHECK(t.map().viewport().centre().x > x);
}

TEST_CASE("dragging the map moves it with the mouse and opens nothing", "[place_map]") {
    MapUnderTest t;
    auto r = t.h.rect("directory.map");
    ImVec2 from(r.minX + 10, r.maxY - 60);
    const auto centre = t.map().viewport().centre();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = from;
    t.h.frame();
    io.MouseDown[0] = true;
    t.h.frame();
    for (int step = 1; step <= 5; ++step) {
        io.MousePos = ImVec2(from.x + 20.0f * step, from.y - 10.0f * step);
        t.h.frame();
    }
    io.MouseDown[0] = false;
    t.h.frame();
    CHECK(t.map().viewport().centre().x < centre.x);  // the map moved right: its centre is now further west
    CHECK(t.map().viewport().centre().y > centre.y);
    CHECK_FALSE(t.view().hasCard());
}

TEST_CASE("an itinerant place's stops are its service's places, in the order of the week", "[place_map]") {
    MapUnderTest t;
    auto bus = t.map().indexOf("b2");
    REQUIRE(bus);
    const auto& place = t.map().places()[*bus];
    CHECK(place.itinerant);
    CHECK(place.days == std::vector<int>{3});
    const auto& tour = t.map().tours()[place.tour];
    REQUIRE(tour.stops.size() == 2);
    CHECK(t.map().places()[tour.stops[0]].id == "b1");  // Tuesday before Thursday
    CHECK(t.map().places()[tour.stops[1]].id == "b2");
    t.h.clickAt(t.onScreen("b2"));
    CHECK(t.view().openId() == "b2");
}

TEST_CASE("a place picked in the list shows its card, and the map centres on its neighbourhood when shown again",
          "[place_map]") {
    MapUnderTest t;
    t.search("Bachut");
    t.h.click("directory.row.0");
    CHECK_FALSE(t.screen().showsMap());
    REQUIRE(t.view().hasCard());
    const std::string id = t.view().openId();
    t.map().viewport().setCentre(*mediane::core::project(48.85, 2.35));  // looking at Paris meanwhile
    t.h.click("directory.view_map");
    t.h.frame();
    CHECK(t.screen().showsMap());
    auto i = t.map().indexOf(id);
    REQUIRE(i);
    auto s = t.map().viewport().toScreen(t.map().places()[*i].at);
    CHECK(s.x == Approx(t.map().viewport().width() / 2));
    CHECK(s.y == Approx(t.map().viewport().height() / 2));
    CHECK(t.map().viewport().scale() >= 40075.0 * 150.0);
}

TEST_CASE("places at the same address are listed when their disc is clicked, and one is opened from the list",
          "[place_map]") {
    MapUnderTest t;
    mediane::app::DirectoryService directory(*t.f.notebook, mediane::test::assetsDir());
    directory.importText(
        "id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,date_maj\n"
        "s1,43493312300052,Maison France Services,Bron,69500,69029,1 place de la Liberté,45.7386,4.9133,2024-01-01\n"
        "s2,43493312300060,Permanence numérique de la mairie,Bron,69500,69029,1 place de la Liberté,45.7386,4.9133,"
        "2024-01-01\n",
        "same-address.csv");
    t.state.refreshStatus();
    t.h.frames(2);
    t.map().viewport().setCentre(t.map().places()[*t.map().indexOf("s1")].at);
    t.map().viewport().setScale(mediane::core::MapViewport::kMaxScale);
    t.h.frame();
    t.h.clickAt(t.onScreen("s1"));
    REQUIRE(t.h.has("directory.map.list.1"));
    CHECK_FALSE(t.view().hasCard());
    t.h.click("directory.map.list.1");
    t.h.frame();
    REQUIRE(t.view().hasCard());
    CHECK(t.view().openId() == "s2");  // listed in the order of the places, s1 then s2
}

TEST_CASE("the places the search finds are marked on the map, and nothing is marked before a search", "[place_map]") {
    MapUnderTest t;
    CHECK(t.screen().mapView().foundMarked() == 0);
    t.search("mediatheque");
    t.h.frame();
    REQUIRE(t.view().results().size() == 2);
    CHECK(t.screen().mapView().foundMarked() == 2);
}
