#include <catch2/catch.hpp>

#include <algorithm>

#include "core/commune_directory.hpp"
#include "core/coverage.hpp"
#include "core/error.hpp"
#include "core/intercommunalities.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

const core::CommuneDirectory& communes() {
    static const auto directory = core::CommuneDirectory::loadFile(test::assetsDir() + "/communes/communes.csv");
    return directory;
}

const core::Intercommunalities& epcis() {
    static const auto all = core::Intercommunalities::loadFile(test::assetsDir() + "/communes/intercommunalites.csv");
    return all;
}

const core::Intercommunality& lyon() { return *epcis().find("200046977"); }

core::CoveragePlace place(const std::string& id, const std::string& insee, bool itinerant = false,
                          const std::string& hours = {}, std::int64_t sessions = 0) {
    return {id, "Lieu " + id, insee, itinerant, hours, sessions};
}

std::vector<std::string> names(const std::vector<core::CommuneCoverage>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) out.push_back(l.name);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("the Métropole de Lyon is found by name or SIREN with its 58 communes", "[coverage]") {
    REQUIRE(epcis().find("200046977"));
    CHECK(lyon().name == "Métropole de Lyon");
    CHECK(lyon().communes.size() == 58);
    auto found = epcis().search("metropole de lyon");
    REQUIRE_FALSE(found.empty());
    CHECK(found.front()->siren == "200046977");
    CHECK(epcis().search("2000469").front()->siren == "200046977");
    CHECK(epcis().search("  ").empty());
}

TEST_CASE("an arrondissement counts for its city, which is the intercommunality's member", "[coverage]") {
    CHECK(core::municipalityOf("69383") == "69123");
    CHECK(core::municipalityOf("75112") == "75056");
    CHECK(core::municipalityOf("13216") == "13055");
    CHECK(core::municipalityOf("69266") == "69266");
}

TEST_CASE("communes with no place are listed largest population first, with their population", "[coverage]") {
    // Places in Villeurbanne, in Lyon 3e and in Vénissieux: the three largest are covered.
    auto c = core::computeCoverage(lyon(), communes(), {place("a", "69266"), place("b", "69383"), place("c", "69259")}, {});
    CHECK(c.communeCount == 58);
    CHECK(c.withoutPlace.size() == 55);
    auto white = names(c.withoutPlace);
    CHECK_FALSE(has(white, "Lyon"));
    CHECK_FALSE(has(white, "Villeurbanne"));
    CHECK(has(white, "Vaulx-en-Velin"));
    CHECK(c.withoutPlace.front().name == "Vaulx-en-Velin");  // 53,069 inhabitants, the next largest
    for (std::size_t i = 1; i < c.withoutPlace.size(); ++i)
        CHECK(c.withoutPlace[i - 1].population >= c.withoutPlace[i].population);
    std::int64_t sum = 0;
    for (const auto& l : c.withoutPlace) sum += l.population;
    CHECK(c.populationWithoutPlace == sum);
    CHECK(c.placeCount == 3);
}

TEST_CASE("a commune where an itinerant place stops counts as covered on the days it serves it", "[coverage]") {
    auto c = core::computeCoverage(lyon(), communes(),
                                   {place("bus-1", "69091", true, "Tu 09:00-12:00; Th 14:00-17:00"),
                                    place("bus-2", "69096", true, ""),           // hours not given: covered, days unknown
                                    place("bus-3", "69100", true, "PH 10:00-12:00")},  // never on a weekday: not covered
                                   {});
    auto white = names(c.withoutPlace);
    CHECK_FALSE(has(white, "Givors"));
    CHECK_FALSE(has(white, "Grigny-sur-Rhône"));
    CHECK(has(white, "Irigny"));
    REQUIRE(c.itinerantOnly.size() == 2);
    const auto& givors = c.itinerantOnly[0].name == "Givors" ? c.itinerantOnly[0] : c.itinerantOnly[1];
    CHECK(givors.servedDays == std::vector<int>{1, 3});
    CHECK(givors.servedDaysKnown);
    const auto& grigny = c.itinerantOnly[0].name == "Givors" ? c.itinerantOnly[1] : c.itinerantOnly[0];
    CHECK_FALSE(grigny.servedDaysKnown);
}

TEST_CASE("learners and sessions are counted per commune from INSEE codes, and places with no session listed",
          "[coverage]") {
    core::CoverageCounts counts;
    counts.learnersByCommune = {{"69266", 12}, {"69381", 3}, {"69123", 2}, {"38185", 4}, {"", 5}};
    counts.sessionsByCommune = {{"69266", 7}, {"01004", 1}};
    auto c = core::computeCoverage(lyon(), communes(), {place("busy", "69266", false, "", 20), place("idle", "69259")},
                                   counts);
    auto line = [&](const std::string& insee) {
        return *std::find_if(c.communes.begin(), c.communes.end(), [&](const auto& l) { return l.inseeCode == insee; });
    };
    CHECK(line("69266").learners == 12);
    CHECK(line("69266").sessions == 27);  // 20 in its place, 7 at learners' homes
    CHECK(line("69123").learners == 5);   // Lyon 1er's learners count for Lyon
    CHECK(c.learnersOutside == 4);        // Grenoble
    CHECK(c.learnersUnknown == 5);
    REQUIRE(c.idlePlaces.size() == 1);
    CHECK(c.idlePlaces[0].id == "idle");
    CHECK(c.idlePlaces[0].communeName == "Vénissieux");
}

TEST_CASE("a malformed intercommunalities file names its line", "[coverage]") {
    try {
        core::Intercommunalities::fromCsv("code_siren,nom,type,communes\n123,Nulle part,CC,\n", "epci.csv");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.asset_invalid");
        CHECK(e.params().at("line") == "2");
    }
}
