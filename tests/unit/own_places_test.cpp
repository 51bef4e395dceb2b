// « Mes lieux » and the place search: own places added and corrected as proposals, found by name, commune or postal code.
#include <catch2/catch.hpp>

#include "app/own_places.hpp"
#include "app/place_picker.hpp"
#include "app/session_form.hpp"
#include "notebook_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {
core::Place place(const std::string& id, const std::string& name, const std::string& commune, const std::string& postal) {
    core::Place p;
    p.id = id;
    p.name = name;
    p.commune = commune;
    p.postalCode = postal;
    return p;
}

std::vector<core::Place> sample() {
    return {place("1", "Médiathèque Lucie-Aubrac", "Vénissieux", "69200"),
            place("2", "Espace numérique Croix-Rousse", "Lyon", "69004"),
            place("3", "Maison France services", "Saint-Étienne", "42000"),
            place("4", "Bibliothèque Élise-Rivet", "Lyon", "69008")};
}
}  // namespace

TEST_CASE("the place search finds by name, commune or postal code with accents and case ignored") {
    app::PlacePicker picker;
    picker.setPlaces(sample());
    picker.setQuery("mediatheque");
    REQUIRE(picker.matches().size() == 1);
    CHECK(picker.matches()[0]->id == "1");
    picker.setQuery("SAINT ETIENNE");
    REQUIRE(picker.matches().size() == 1);
    CHECK(picker.matches()[0]->id == "3");
    picker.setQuery("69008");
    REQUIRE(picker.matches().size() == 1);
    CHECK(picker.matches()[0]->id == "4");
    picker.setQuery("lyon elise");  // every word must match, in any field
    REQUIRE(picker.matches().size() == 1);
    CHECK(picker.matches()[0]->id == "4");
    picker.setQuery("nulle part");
    CHECK(picker.matches().empty());
    CHECK_FALSE(picker.confirm().has_value());
}

TEST_CASE("Enter picks the first match unless the arrows moved, and an empty search lists the first places") {
    app::PlacePicker picker;
    picker.setPlaces(sample());
    picker.setQuery("lyon");
    REQUIRE(picker.matches().size() == 2);
    CHECK(picker.confirm() == std::optional<std::string>("2"));
    picker.moveHighlight(+1);
    CHECK(picker.confirm() == std::optional<std::string>("4"));
    picker.moveHighlight(+5);  // stays on the last match
    CHECK(picker.confirm() == std::optional<std::string>("4"));
    picker.setQuery("");
    CHECK(picker.matches().size() == 4);
    CHECK(app::placeLabel(*picker.matches()[0]) == "Médiathèque Lucie-Aubrac (Vénissieux 69200)");
}

TEST_CASE("a search among ten thousand places keeps the first matches and counts the rest") {
    std::vector<core::Place> many;
    for (int i = 0; i < 10000; ++i)
        many.push_back(place(std::to_string(i), "Lieu numéro " + std::to_string(i), i % 2 ? "Lyon" : "Bron", "69000"));
    app::PlacePicker picker;
    picker.setPlaces(many);
    picker.setQuery("bron");
    CHECK(picker.matches().size() == app::PlacePicker::kLimit);
    CHECK(picker.matchCount() == 5000);
}

TEST_CASE("own places and the last place used come first in an empty search") {
    auto places = sample();
    auto ordered = app::orderForPicking(places, {places[2]}, "4");
    REQUIRE(ordered.size() == 4);
    CHECK(ordered[0].id == "4");
    CHECK(ordered[1].id == "3");
}

TEST_CASE("a new notebook saves a session at a place once the adviser added their own place") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::SessionForm form(*notebook);
    CHECK(form.places().empty());
    CHECK(form.draft().placeId.empty());

    app::OwnPlaces mine(*notebook);
    mine.startNew();
    mine.draft().name = "  Salle des fêtes de Bron  ";
    mine.draft().commune = "Bron";
    mine.draft().postalCode = "69500";
    auto saved = mine.save();
    CHECK(saved.name == "Salle des fêtes de Bron");
    REQUIRE(mine.places().size() == 1);

    form.reloadPlaces();
    form.draft().placeId = saved.id;
    form.draft().themes = {"email"};
    form.draft().placeMode = core::PlaceMode::Place;
    auto session = form.save();
    CHECK(session.placeId == saved.id);
    // The next form starts on the last place used.
    app::SessionForm next(*notebook);
    CHECK(next.draft().placeId == saved.id);
    // It leaves as a place creation, which the hub turns into a directory proposal.
    CHECK(test::sqlInt(*notebook, "SELECT count(*) FROM outbox WHERE entity = 'place' AND op = 'create'") == 1);
}

TEST_CASE("correcting an own place sends only the changed fields, and a bad postal code names the field and stores nothing") {
    test::NotebookFixture f;
    app::OwnPlaces mine(*f.notebook);
    REQUIRE(mine.places().size() == 1);
    mine.startEdit(f.place.id);
    mine.draft().commune = "Vénissieux Centre";
    mine.save();
    CHECK(f.notebook->placeStore().find(f.place.id)->commune == "Vénissieux Centre");
    CHECK(test::sqlInt(*f.notebook, "SELECT count(*) FROM outbox WHERE entity = 'place' AND op = 'update' "
                                    "AND json_extract(fields, '$.commune') = 'Vénissieux Centre' "
                                    "AND json_extract(fields, '$.name') IS NULL") == 1);

    mine.startEdit(f.place.id);
    mine.draft().postalCode = "692";
    try {
        mine.save();
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.field() == "place.postal_code");
    }
    CHECK(f.notebook->placeStore().find(f.place.id)->postalCode == "69200");
    CHECK(mine.editing());  // the form stays open with what was typed
}

TEST_CASE("a directory place is not edited as one's own") {
    test::NotebookFixture f;
    {
        test::NotebookSql sql(*f.notebook);
        sql.exec("UPDATE places SET in_directory = 1");
    }
    CHECK(f.notebook->ownPlaces().empty());
    auto p = *f.notebook->placeStore().find(f.place.id);
    p.name = "Autre nom";
    try {
        f.notebook->updatePlace(p);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "first_day.err.place_not_own");
    }
}
