// CommunePicker: the commune search field's view-state, on a small list and on the shipped one.
#include <catch2/catch.hpp>

#include "app/commune_picker.hpp"
#include "support/temp_dir.hpp"

using mediane::app::CommunePicker;
using mediane::app::PickedCommune;
using mediane::core::CommuneDirectory;

namespace {
const char* kCommunes =
    "code_insee,nom,codes_postaux,departement,population\n"
    "69259,Vénissieux,69200,69,65502\n"
    "59350,Lille,59000|59160|59260|59777|59800,59,238246\n"
    "59346,Lezennes,59260,59,2978\n"
    "42218,Saint-Étienne,42000|42100|42230,42,173136\n"
    "2A004,Ajaccio,20000|20090|20167,2A,71361\n";

struct Counted {
    CommuneDirectory directory = CommuneDirectory::fromCsv(kCommunes, "test.csv");
    int reads = 0;
    CommunePicker picker{[this]() -> const CommuneDirectory& {
        ++reads;
        return directory;
    }};
};
}  // namespace

TEST_CASE("the communes are not read until the adviser types", "[commune_picker]") {
    Counted c;
    CHECK(c.reads == 0);
    c.picker.setQuery("   ");
    CHECK(c.reads == 0);
    CHECK(c.picker.matches().empty());
    c.picker.setQuery("lil");
    CHECK(c.reads == 1);
}

TEST_CASE("a name typed without accents finds the commune, and Enter picks it with its codes", "[commune_picker]") {
    Counted c;
    c.picker.setQuery("venissieux");
    REQUIRE(c.picker.matches().size() == 1);
    CHECK(c.picker.matchLabel(0) == "Vénissieux (69200)");
    auto picked = c.picker.confirm();
    REQUIRE(picked);
    CHECK(*picked == PickedCommune{"Vénissieux", "69200", "69259"});
    CHECK(c.picker.query().empty());  // the search is done
    CHECK(c.picker.matches().empty());
    CHECK_FALSE(c.picker.confirm());  // Enter on nothing picks nothing
}

TEST_CASE("a postal code typed keeps that postal code for a commune that has several", "[commune_picker]") {
    Counted c;
    c.picker.setQuery("59260");
    REQUIRE(c.picker.matches().size() == 2);
    CHECK(c.picker.matchLabel(0) == "Lille (59260)");
    CHECK(c.picker.matchLabel(1) == "Lezennes (59260)");
    CHECK(c.picker.pick(0) == PickedCommune{"Lille", "59260", "59350"});

    // A name search keeps the commune's first postal code.
    c.picker.setQuery("st etienne");
    REQUIRE(c.picker.matches().size() == 1);
    CHECK(c.picker.pick(0) == PickedCommune{"Saint-Étienne", "42000", "42218"});
}

TEST_CASE("the arrows move the highlight within the matches and Enter picks the highlighted one", "[commune_picker]") {
    Counted c;
    c.picker.setQuery("l");  // Lille and Lezennes
    REQUIRE(c.picker.matches().size() >= 2);
    c.picker.moveHighlight(+1);
    c.picker.moveHighlight(+10);
    CHECK(c.picker.highlighted() == static_cast<int>(c.picker.matches().size()) - 1);
    c.picker.moveHighlight(-10);
    CHECK(c.picker.highlighted() == 0);
    c.picker.moveHighlight(+1);
    std::string second = c.picker.matches()[1]->inseeCode;
    auto picked = c.picker.confirm();
    REQUIRE(picked);
    CHECK(picked->inseeCode == second);
    // Typing again starts from the first match.
    c.picker.setQuery("li");
    CHECK(c.picker.highlighted() == 0);
}

TEST_CASE("the shipped list finds a commune by name, postal code and Corsican INSEE code", "[commune_picker]") {
    auto directory = CommuneDirectory::loadFile(mediane::test::assetsDir() + "/communes/communes.csv");
    CommunePicker picker([&]() -> const CommuneDirectory& { return directory; });
    picker.setQuery("VENISSIEUX");
    REQUIRE_FALSE(picker.matches().empty());
    CHECK(picker.pick(0) == PickedCommune{"Vénissieux", "69200", "69259"});
    picker.setQuery("69005");
    REQUIRE_FALSE(picker.matches().empty());
    auto lyon = picker.pick(0);
    CHECK(lyon.postalCode == "69005");
    picker.setQuery("2a004");
    REQUIRE_FALSE(picker.matches().empty());
    CHECK(picker.pick(0).name == "Ajaccio");
    CHECK(picker.matches().size() <= CommunePicker::kLimit);
}

TEST_CASE("a commune label is the name with its postal code, or the name alone", "[commune_picker]") {
    CHECK(mediane::app::communeLabel("Vénissieux", "69200") == "Vénissieux (69200)");
    CHECK(mediane::app::communeLabel("Roubaix", "") == "Roubaix");
    CHECK(mediane::app::communeLabel("", "") == "");
}
