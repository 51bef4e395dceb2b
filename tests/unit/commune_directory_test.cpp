#include <catch2/catch.hpp>

#include "core/commune_directory.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <fstream>

using namespace mediane;
using core::Commune;
using core::CommuneDirectory;

namespace {

// The shipped asset, read once: the tests search what advisers will search.
const CommuneDirectory& communes() {
    static const CommuneDirectory directory = CommuneDirectory::loadFile(test::assetsDir() + "/communes/communes.csv");
    return directory;
}

std::vector<std::string> codesOf(const std::vector<const Commune*>& found) {
    std::vector<std::string> codes;
    for (const Commune* c : found) codes.push_back(c->inseeCode);
    return codes;
}

bool contains(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::ptrdiff_t rank(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) - codes.begin();
}

}  // namespace

TEST_CASE("the shipped reference holds every current commune and arrondissement", "[communes]") {
    CHECK(communes().size() > 34000);
    CHECK(communes().size() < 36000);  // delegated and associated communes are left out
    REQUIRE(communes().findByInsee("75056") != nullptr);
    CHECK(communes().findByInsee("75056")->name == "Paris");
    CHECK(communes().findByInsee("75115") != nullptr);  // Paris 15e Arrondissement
}

TEST_CASE("a name typed without accents, capitals or hyphens finds the commune", "[communes]") {
    CHECK(contains(codesOf(communes().search("etienne")), "42218"));
    CHECK(codesOf(communes().search("saint etienne")).front() == "42218");
    CHECK(codesOf(communes().search("SAINT-ÉTIENNE")).front() == "42218");
    CHECK(codesOf(communes().search("l hay les roses")).front() == "94038");  // L'Haÿ-les-Roses
}

TEST_CASE("St and Ste stand for Saint and Sainte once the word is typed", "[communes]") {
    CHECK(codesOf(communes().search("st etienne")).front() == "42218");
    CHECK(codesOf(communes().search("ste foy les lyon")).front() == "69202");
    // Still being typed, "st" is the start of a name: Strasbourg, not a Saint.
    CHECK(contains(codesOf(communes().search("st")), "67482"));
}

TEST_CASE("a postal code finds the communes it serves, arrondissements included", "[communes]") {
    auto codes = codesOf(communes().search("69003"));
    CHECK(contains(codes, "69383"));  // Lyon 3e Arrondissement
    CHECK(contains(codes, "69123"));  // Lyon, which lists every arrondissement's code
    CHECK(contains(codesOf(communes().search("42 100")), "42218"));
}

TEST_CASE("the first digits of a postal code find the largest communes first", "[communes]") {
    auto found = communes().search("130", 5);
    REQUIRE(found.size() == 5);
    CHECK(found.front()->inseeCode == "13055");  // Marseille
    for (std::size_t i = 1; i < found.size(); ++i) CHECK(found[i - 1]->population >= found[i]->population);
}

TEST_CASE("an INSEE code finds its commune, Corsica's included", "[communes]") {
    const Commune* ajaccio = communes().findByInsee("2A004");
    REQUIRE(ajaccio != nullptr);
    CHECK(ajaccio->name == "Ajaccio");
    CHECK(ajaccio->department == "2A");
    CHECK(communes().findByInsee("2a004") == ajaccio);
    CHECK(communes().findByInsee("99999") == nullptr);
    CHECK(codesOf(communes().search("2A004")).front() == "2A004");
    CHECK(codesOf(communes().search("2b03")).front().starts_with("2B03"));
    CHECK(codesOf(communes().search("ajaccio")).front() == "2A004");
}

TEST_CASE("the whole name comes before a name starting with the query, before a word, before anywhere", "[communes]") {
    auto lyon = codesOf(communes().search("lyon"));
    REQUIRE(lyon.size() >= 12);
    CHECK(lyon[0] == "69123");  // Lyon
    CHECK(lyon[1] == "69383");  // the most populous arrondissement
    CHECK(rank(lyon, "27377") < rank(lyon, "69202"));  // Lyons-la-Forêt (756) before Sainte-Foy-lès-Lyon (21,692)

    auto pont = codesOf(communes().search("pont"));
    CHECK(pont[0] == "21495");  // Pont, 157 inhabitants, before Pontoise

    auto brest = codesOf(communes().search("brest"));
    CHECK(brest[0] == "29019");
    CHECK(rank(brest, "70216") < rank(brest, "03001"));  // Esboz-Brest (a word) before Abrest (inside a word)
}

TEST_CASE("a search returns no more than the limit", "[communes]") {
    CHECK(communes().search("saint", 7).size() == 7);
    CHECK(communes().search("saint", 0).empty());
}

TEST_CASE("a blank query finds nothing", "[communes]") {
    CHECK(communes().search("").empty());
    CHECK(communes().search("   ").empty());
    CHECK(communes().search(" - ").empty());
    CHECK(communes().search("zzzzqx").empty());
}

TEST_CASE("the label shows the name and the first postal code", "[communes]") {
    CHECK(core::displayLabel(*communes().findByInsee("69383")) == "Lyon 3e Arrondissement (69003)");
    CHECK(core::displayLabel(Commune{"98412", "Archipel des Kerguelen", {}, "984", 0}) == "Archipel des Kerguelen");
}

TEST_CASE("a malformed line is named in the error with its file", "[communes]") {
    test::TempDir dir;
    const std::string file = (dir.path() / "communes.csv").string();
    std::ofstream(file) << "code_insee,nom,codes_postaux,departement,population\n"
                           "01001,L'Abergement-Clémenciat,01400,01,860\n"
                           "01002,L'Abergement-de-Varey,01640,01,beaucoup\n";
    try {
        CommuneDirectory::loadFile(file);
        FAIL("a population that is not a number was accepted");
    } catch (const Error& e) {
        CHECK(e.key() == "err.asset_invalid");
        CHECK(e.params().at("file") == file);
        CHECK(e.params().at("line") == "3");
        CHECK(e.params().at("detail").find("line 3") != std::string::npos);
    }

    std::ofstream(file) << "code_insee,nom,codes_postaux,departement,population\n"
                           "01001,L'Abergement-Clémenciat,01400\n";
    try {
        CommuneDirectory::loadFile(file);
        FAIL("a short row was accepted");
    } catch (const Error& e) {
        CHECK(e.params().at("line") == "2");
    }
}

TEST_CASE("a quoted name with a comma is read whole", "[communes]") {
    auto directory = CommuneDirectory::fromCsv("code_insee,nom,codes_postaux,departement,population\n"
                                               "99001,\"Virgule, la \"\"Grande\"\"\",99100|99200,99,\n",
                                               "test.csv");
    REQUIRE(directory.size() == 1);
    const Commune* c = directory.findByInsee("99001");
    REQUIRE(c != nullptr);
    CHECK(c->name == "Virgule, la \"Grande\"");
    CHECK(c->postalCodes == std::vector<std::string>{"99100", "99200"});
    CHECK(c->population == 0);
    CHECK(codesOf(directory.search("virgule la grande")) == std::vector<std::string>{"99001"});
}
