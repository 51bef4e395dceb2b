// The coverage computed from a notebook: places found by INSEE code or by postal code and commune, the period's
// sessions and learners counted per commune, and the coverage sheets in the activity report's workbook.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

#include "app/activity_report.hpp"
#include "app/directory_service.hpp"
#include "app/notebook.hpp"
#include "app/territory_coverage.hpp"
#include "core/translator.hpp"
#include "store/territory_queries.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

struct CoverageFixture {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), test::assetsDir());
    core::CommuneDirectory communes = core::CommuneDirectory::loadFile(test::assetsDir() + "/communes/communes.csv");
    core::Intercommunalities epcis =
        core::Intercommunalities::loadFile(test::assetsDir() + "/communes/intercommunalites.csv");
    core::Learner fromBron, fromGrenoble;

    CoverageFixture() {
        app::DirectoryService directory(*notebook, test::assetsDir());
        // One place with its INSEE code, one without (Bron, found by postal code and name), one idle in Vénissieux.
        directory.importText(
            "id,pivot,nom,commune,code_postal,code_insee,adresse,date_maj\n"
            "v1,43493312300011,Espace numérique Villeurbanne,Villeurbanne,69100,69266,1 rue X,2024-01-01\n"
            "b1,43493312300029,France Services Bron,Bron,69500,,2 rue Y,2024-01-01\n"
            "idle,43493312300037,Médiathèque Lucie-Aubrac,Vénissieux,69200,69259,3 rue Z,2024-01-01\n",
            "places.csv");
        fromBron = learner("Bénéficiaire A", "Bron", "69500", "69029");
        fromGrenoble = learner("Bénéficiaire B", "Grenoble", "38000", "38185");
        session("2026-03-02", "v1", {fromBron.id, fromGrenoble.id});
        session("2026-03-09", "b1", {fromBron.id});
        session("2025-01-05", "idle", {fromBron.id});  // before the period
        core::Session home;  // at the learner's home in Bron: counts where it happened
        home.date = "2026-04-01";
        home.placeMode = core::PlaceMode::Home;
        home.communeName = "Bron";
        home.communePostalCode = "69500";
        home.communeInsee = "69029";
        home.learnerIds = {fromBron.id};
        home.themes = {"email"};
        notebook->recordSession(home);
    }

    core::Learner learner(const std::string& pseudonym, const std::string& commune, const std::string& postal,
                          const std::string& insee) {
        core::Learner l;
        l.pseudonym = pseudonym;
        l.commune = commune;
        l.communePostalCode = postal;
        l.communeInsee = insee;
        return notebook->createLearner(l);
    }
    void session(const std::string& date, const std::string& placeId, std::vector<std::string> learners) {
        core::Session s;
        s.date = date;
        s.placeId = placeId;
        s.kind = learners.size() > 1 ? core::SessionKind::Workshop : core::SessionKind::Individual;
        s.learnerIds = std::move(learners);
        s.themes = {"email"};
        notebook->recordSession(s);
    }
    core::TerritoryCoverage coverage(const app::DashboardFilter& filter) {
        auto queries = store::TerritoryQueries::openReadOnly(notebook->dataFile());
        return app::computeTerritoryCoverage(*queries, communes, *epcis.find("200046977"), filter);
    }
    const app::DashboardFilter period{"2026-01-01", "2026-06-30", "", "", ""};
};

const core::CommuneCoverage& line(const core::TerritoryCoverage& c, const std::string& insee) {
    auto it = std::find_if(c.communes.begin(), c.communes.end(), [&](const auto& l) { return l.inseeCode == insee; });
    REQUIRE(it != c.communes.end());
    return *it;
}

std::pair<int, std::string> run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    return {pclose(pipe), out};
}

}  // namespace

TEST_CASE("a place without an INSEE code covers the commune its postal code and name designate", "[coverage]") {
    CoverageFixture f;
    auto c = f.coverage(f.period);
    CHECK(line(c, "69029").fixedPlaces == 1);  // Bron, from 69500 + « Bron »
    CHECK(line(c, "69266").fixedPlaces == 1);
    CHECK(c.placeCount == 3);
    CHECK(c.withoutPlace.size() == 55);
}

TEST_CASE("the period's learners count where they live and its sessions where they happen", "[coverage]") {
    CoverageFixture f;
    auto c = f.coverage(f.period);
    CHECK(line(c, "69029").learners == 1);  // counted once although in two sessions
    CHECK(line(c, "69266").sessions == 1);
    CHECK(line(c, "69029").sessions == 2);  // one in its France Services, one at the learner's home
    CHECK(line(c, "69259").sessions == 0);  // its session is before the period
    CHECK(c.learnersOutside == 1);          // Grenoble
    REQUIRE(c.idlePlaces.size() == 1);
    CHECK(c.idlePlaces[0].id == "idle");

    auto all = f.coverage({"", "", "", "", ""});
    CHECK(line(all, "69259").sessions == 1);
    CHECK(all.idlePlaces.empty());
}

TEST_CASE("the activity report's workbook carries the coverage sheets when a territory is chosen", "[coverage][report]") {
    CoverageFixture f;
    auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    std::string file = (f.dir.path() / "rapport.xlsx").string();
    app::ActivityReport report(*f.notebook, &f.communes);
    report.includeCoverage(f.coverage(f.period));
    report.writeXlsx(f.period, "2026-06-30", tr, file);
    auto [status, workbook] = run("unzip -p '" + file + "' xl/workbook.xml");
    CHECK(status == 0);
    CHECK(workbook.find("name=\"Communes sans lieu\"") != std::string::npos);
    CHECK(workbook.find("name=\"Communes du territoire\"") != std::string::npos);
    CHECK(workbook.find("name=\"Lieux sans séance\"") != std::string::npos);
    auto [all, everything] = run("unzip -p '" + file + "'");
    CHECK(everything.find("Sainte-Foy-lès-Lyon") != std::string::npos);
    CHECK(everything.find("Bénéficiaire A") == std::string::npos);  // counts, never names
}
