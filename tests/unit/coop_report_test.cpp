// The activity report in La Coop de la médiation numérique's shape: its header row is the reference's,
// one row per beneficiary per activity, its labels and formats, and no learner's identity anywhere.
// The reference is tests/unit/fixtures/coop-cra/vocabularies.json, copied from the Coop's source (see its README).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <sys/wait.h>

#include "app/activity_report.hpp"
#include "app/activity_report_coop.hpp"
#include "app/demo_generator.hpp"
#include "app/notebook.hpp"
#include "core/commune_directory.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "support/file_text.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

const nlohmann::json& reference() {
    static const nlohmann::json doc = nlohmann::json::parse(
        test::slurp(test::assetsDir() + "/../tests/unit/fixtures/coop-cra/vocabularies.json"));
    return doc;
}

// The reference's header list with the columns the Coop leaves out for this kind of export.
std::vector<std::string> referenceColumns(app::CoopScope scope) {
    const auto& exportColumns = reference()["export_columns"];
    std::vector<std::string> out;
    for (const auto& column : exportColumns["columns"]) {
        std::string name = column.get<std::string>();
        if (exportColumns["conditional_columns"].contains(name)) {
            std::string condition = exportColumns["conditional_columns"][name].get<std::string>();
            // « only if isSelfExport », « only if not isSelfExport », « only if hasCraV1 » (a coordinator: always;
            // an adviser's Médiane notebook has no CRA of the Coop's first version).
            bool self = condition.rfind("only if isSelfExport", 0) == 0;
            bool notSelf = condition.rfind("only if not isSelfExport", 0) == 0;
            bool craV1 = condition.rfind("only if hasCraV1", 0) == 0;
            REQUIRE((self || notSelf || craV1));
            bool keep = scope == app::CoopScope::Self ? self : (notSelf || craV1);
            if (!keep) continue;
        }
        out.push_back(name);
    }
    return out;
}

// Every French label of a reference vocabulary.
std::set<std::string> labels(const std::string& vocabulary) {
    std::set<std::string> out;
    for (const auto& value : reference()["vocabularies"][vocabulary]["values"])
        out.insert(value["label_fr"].get<std::string>());
    REQUIRE_FALSE(out.empty());
    return out;
}

const core::CommuneDirectory& communes() {
    static const core::CommuneDirectory directory =
        core::CommuneDirectory::loadFile(test::assetsDir() + "/communes/communes.csv");
    return directory;
}

std::pair<int, std::string> run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    int status = pclose(pipe);
    return {status, out};
}

std::vector<std::string> lines(const std::string& cell) {
    std::vector<std::string> out;
    std::stringstream in(cell);
    for (std::string line; std::getline(in, line, '\n');) out.push_back(line);
    return out;
}

// A CSV the Coop way (BOM, `;`) read back: header, then rows as column → value.
struct CoopCsv {
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
};

CoopCsv readCoopCsv(const std::string& bytes) {
    REQUIRE(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
    auto doc = core::readCsv(bytes);
    CHECK(doc.delimiter == ';');
    CHECK(doc.hadBom);
    CHECK(doc.crlf);
    REQUIRE_FALSE(doc.records.empty());
    CoopCsv csv;
    csv.header = doc.records[0].fields;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        REQUIRE(doc.records[r].error.empty());
        REQUIRE(doc.records[r].fields.size() == csv.header.size());
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < csv.header.size(); ++c) row[csv.header[c]] = doc.records[r].fields[c];
        csv.rows.push_back(std::move(row));
    }
    return csv;
}

// A small notebook: a workshop with three learners and four anonymous participants in a place, an
// individual session at home with an administrative procedure and an orientation, one remote.
struct CoopFixture {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), test::assetsDir());
    core::Place library;
    core::Learner zoe, yann, third;
    std::string workshopId, homeId, remoteId;
    const app::DashboardFilter period{"2026-01-01", "2026-06-30", "", "", ""};

    CoopFixture() {
        library = notebook->addPlace({"", "Médiathèque Lucie-Aubrac", "BIB", "2 avenue Marcel-Houël", "69200", "Vénissieux"});
        zoe = learner("Bénéficiaire 0001", "Zoé", "Quatremains", "0611223344", "zoe.quatremains@example.org", "feminin",
                      "soixante_soixante_neuf", "retraite", {"Bron", "69500", "69029"});
        yann = learner("Bénéficiaire 0002", "Yann", "Kerdonval", "0699887766", "yann.k@example.org", "masculin",
                       "vingt_cinq_trente_neuf", "sans_emploi");
        third = learner("Bénéficiaire 0003", "", "", "", "", "", "", "");

        core::Session workshop;
        workshop.date = "2026-02-03";
        workshop.durationMinutes = 120;
        workshop.kind = core::SessionKind::Workshop;
        workshop.placeId = library.id;
        workshop.learnerIds = {zoe.id, yann.id, third.id};
        workshop.anonymousCount = 4;
        workshop.anonymousByGender = {{"feminin", 2}, {"masculin", 1}};
        workshop.anonymousByAge = {{"soixante_dix_plus", 1}};
        workshop.anonymousByStatus = {{"retraite", 3}};
        workshop.anonymousAlreadyAccompanied = 1;
        workshop.workshopTitle = "Mes premiers pas sur la tablette";
        workshop.workshopLevel = "debutant";
        workshop.themes = {"prendre_en_main_du_materiel", "email"};
        workshop.equipment = {"tablette", "ordinateur"};
        workshopId = notebook->recordSession(workshop).id;

        core::Session home;
        home.date = "2026-03-10";
        home.durationMinutes = 45;
        home.placeMode = core::PlaceMode::Home;
        home.communeName = "Vaulx-en-Velin";
        home.communePostalCode = "69120";
        home.communeInsee = "69256";
        home.learnerIds = {zoe.id};
        home.themes = {"argent_impots", "aide_aux_demarches_administratives"};
        home.procedureName = "Déclaration de revenus";
        home.equipment = {"aucun"};
        home.autonomy = "partiellement_autonome";
        home.oriented = 1;
        home.redirection = "aide_sociale";
        homeId = notebook->recordSession(home).id;

        core::Session remote;
        remote.date = "2026-03-15";
        remote.durationMinutes = 30;
        remote.placeMode = core::PlaceMode::Remote;
        remote.anonymousCount = 1;
        remote.themes = {"securite_numerique"};
        remoteId = notebook->recordSession(remote).id;
    }

    core::Learner learner(const std::string& pseudonym, const std::string& first, const std::string& last,
                          const std::string& phone, const std::string& email, const std::string& gender,
                          const std::string& age, const std::string& status,
                          const std::array<std::string, 3>& commune = {}) {
        core::Learner l;
        l.commune = commune[0];
        l.communePostalCode = commune[1];
        l.communeInsee = commune[2];
        l.pseudonym = pseudonym;
        l.firstName = first;
        l.lastName = last;
        l.phone = phone;
        l.email = email;
        if (!first.empty()) l.consentDate = "2026-01-05";
        l.gender = gender;
        l.ageBracket = age;
        l.socialStatus = status;
        return notebook->createLearner(l);
    }

    CoopCsv csv(app::CoopScope scope) {
        std::ostringstream out;
        app::CoopReport(*notebook, &communes(), scope).writeCsv(period, out);
        return readCoopCsv(out.str());
    }
};

std::vector<std::map<std::string, std::string>> rowsOf(const CoopCsv& csv, const std::string& sessionId) {
    std::vector<std::map<std::string, std::string>> out;
    for (const auto& row : csv.rows)
        if (row.at("ID CRA") == sessionId) out.push_back(row);
    return out;
}

void checkNoIdentity(const std::string& text) {
    for (const char* personal : {"Zoé", "Quatremains", "0611223344", "zoe.quatremains", "Yann", "Kerdonval",
                                 "0699887766", "yann.k@", "Bénéficiaire 000"})
        CHECK(text.find(personal) == std::string::npos);
}

}  // namespace

TEST_CASE("the Coop export's header row is the reference's list, less the columns the Coop leaves out for the scope",
          "[coop]") {
    const auto self = referenceColumns(app::CoopScope::Self);
    const auto territory = referenceColumns(app::CoopScope::Territory);
    CHECK(reference()["export_columns"]["columns"].size() == 34);
    CHECK(app::coopColumns(app::CoopScope::Self) == self);
    CHECK(app::coopColumns(app::CoopScope::Territory) == territory);
    CHECK(self.size() == 29);
    CHECK(territory.size() == 32);
    CHECK(std::find(self.begin(), self.end(), "Bénéficiaire") != self.end());
    CHECK(std::find(territory.begin(), territory.end(), "Nom du médiateur") != territory.end());

    // The files themselves carry that row: the CSV's first record, the XLSX table's header.
    CoopFixture f;
    CHECK(f.csv(app::CoopScope::Self).header == self);
    CHECK(f.csv(app::CoopScope::Territory).header == territory);
    std::string file = (f.dir.path() / "cra.xlsx").string();
    app::CoopReport(*f.notebook, &communes(), app::CoopScope::Self).writeXlsx(f.period, "2026-06-30T14:05:00Z", file);
    auto [status, workbook] = run("unzip -p '" + file + "' xl/workbook.xml");
    CHECK(status == 0);
    CHECK(workbook.find("name=\"Activités\"") != std::string::npos);
    auto [sheetStatus, sheet] = run("unzip -p '" + file + "' xl/worksheets/sheet1.xml");
    REQUIRE(sheetStatus == 0);
    std::size_t at = sheet.find("<t>Date</t>");
    REQUIRE(at != std::string::npos);
    for (const auto& header : self) {
        // Headers in order, each after the one before it, in the same row as « Date ».
        auto next = sheet.find("<t>" + header + "</t>", at);
        INFO(header);
        REQUIRE(next != std::string::npos);
        at = next;
    }
}

TEST_CASE("the Coop export writes one row per beneficiary per activity, anonymous participants by the breakdown",
          "[coop]") {
    CoopFixture f;
    auto csv = f.csv(app::CoopScope::Self);
    CHECK(csv.rows.size() == 3 + 4 + 1 + 1);

    auto workshop = rowsOf(csv, f.workshopId);
    REQUIRE(workshop.size() == 7);
    std::multiset<std::string> beneficiaries, genders, ages, statuses;
    for (std::size_t i = 0; i < workshop.size(); ++i) {
        const auto& row = workshop[i];
        CHECK(row.at("Participants") == std::to_string(i + 1) + "/7");
        CHECK(row.at("Date") == "03/02/2026");
        CHECK(std::regex_match(row.at("Enregistré le"), std::regex(R"(\d\d/\d\d/\d{4} à \d\d:\d\d)")));
        CHECK(row.at("Dernière modification le").empty());
        CHECK(row.at("Type") == "Atelier collectif");
        CHECK(row.at("Canaux d’accompagnement") == "Lieu d’activité");
        CHECK(row.at("Nom du lieu") == "Médiathèque Lucie-Aubrac");
        CHECK(row.at("Adresse") == "2 avenue Marcel-Houël");
        CHECK(row.at("Commune") == "Vénissieux");
        CHECK(row.at("Code postal") == "69200");
        CHECK(row.at("Code Insee") == "69259");  // from the national list: the place has none
        CHECK(row.at("Durée (min)") == "120");
        CHECK(row.at("Nom de l’atelier") == "Mes premiers pas sur la tablette");
        CHECK(row.at("Matériel numérique utilisé") == "Ordinateur\nTablette");
        CHECK(row.at("Thématique(s) d’accompagnement") == "Prendre en main du matériel\nE-mail");
        CHECK(row.at("Tags").empty());
        CHECK(row.at("Niveau d’autonomie (ou de l’atelier)") == "1/3");
        CHECK(row.at("Bénéficiaire réorienté").empty());
        CHECK(row.at("Notes supplémentaires").empty());
        beneficiaries.insert(row.at("Bénéficiaire"));
        genders.insert(row.at("Genre du bénéficiaire"));
        ages.insert(row.at("Tranche d’âge du bénéficiaire"));
        statuses.insert(row.at("Statut du bénéficiaire"));
    }
    CHECK(beneficiaries.count(f.zoe.id) == 1);
    CHECK(beneficiaries.count(f.yann.id) == 1);
    CHECK(beneficiaries.count("Bénéficiaire anonyme") == 4);
    // Learners: Féminin, Masculin, nothing; anonymous: two Féminin, one Masculin, one not given.
    CHECK(genders == std::multiset<std::string>{"Féminin", "Féminin", "Féminin", "Masculin", "Masculin",
                                                "Non communiqué", "Non communiqué"});
    CHECK(ages.count("70 ans et plus") == 1);
    CHECK(ages.count("60 - 69 ans") == 1);
    CHECK(ages.count("Non communiqué") == 4);
    CHECK(statuses.count("Retraité") == 4);
    CHECK(statuses.count("Non communiqué ou hétérogène") == 2);  // the Coop's label for a status not given
    // The learner's own commune, never an anonymous participant's.
    CHECK(workshop[0].at("Bénéficiaire") == std::min(f.zoe.id, std::min(f.yann.id, f.third.id)));
    for (const auto& row : workshop)
        if (row.at("Bénéficiaire") == f.zoe.id) {
            CHECK(row.at("Commune du bénéficiaire") == "Bron");
            CHECK(row.at("Code postal du bénéficiaire") == "69500");
            CHECK(row.at("Code Insee du bénéficiaire") == "69029");
        } else if (row.at("Bénéficiaire") == "Bénéficiaire anonyme") {
            CHECK(row.at("Commune du bénéficiaire").empty());
        }

    auto home = rowsOf(csv, f.homeId);
    REQUIRE(home.size() == 1);
    CHECK(home[0].at("Participants") == "1");
    CHECK(home[0].at("Type") == "Accompagnement individuel");
    CHECK(home[0].at("Canaux d’accompagnement") == "À domicile");
    CHECK(home[0].at("Nom du lieu").empty());
    CHECK(home[0].at("Commune") == "Vaulx-en-Velin");
    CHECK(home[0].at("Code postal") == "69120");
    CHECK(home[0].at("Code Insee") == "69256");
    CHECK(home[0].at("Thématique(s) d’accompagnement") == "Aide aux démarches administratives\nArgent - Impôts");
    CHECK(home[0].at("Nom de la démarche administrative") == "Déclaration de revenus");
    CHECK(home[0].at("Matériel numérique utilisé") == "Pas de matériel");
    CHECK(home[0].at("Niveau d’autonomie (ou de l’atelier)") == "2/3");
    CHECK(home[0].at("Bénéficiaire réorienté") == "Oui");
    CHECK(home[0].at("Structure de redirection") ==
          "Structure d’aide sociale (maison des solidarités, centre social…)");
    CHECK(home[0].at("Genre du bénéficiaire") == "Féminin");

    auto remote = rowsOf(csv, f.remoteId);
    REQUIRE(remote.size() == 1);
    CHECK(remote[0].at("Canaux d’accompagnement") == "À distance");
    CHECK(remote[0].at("Bénéficiaire") == "Bénéficiaire anonyme");
    CHECK(remote[0].at("Bénéficiaire réorienté") == "Non");
    CHECK(remote[0].at("Genre du bénéficiaire") == "Non communiqué");
    CHECK(remote[0].at("Tranche d’âge du bénéficiaire") == "Non communiqué");
    CHECK(remote[0].at("Statut du bénéficiaire") == "Non communiqué ou hétérogène");

    // A coordinator's export: the adviser columns and the source, no beneficiary column.
    auto territory = f.csv(app::CoopScope::Territory);
    REQUIRE(territory.rows.size() == csv.rows.size());
    CHECK(territory.rows[0].at("Source de la donnée") == "Médiane");
    CHECK(territory.rows[0].count("Bénéficiaire") == 0);
}

TEST_CASE("the Coop workbook starts with the export's information and filters, then the table", "[coop]") {
    CoopFixture f;
    std::string file = (f.dir.path() / "cra.xlsx").string();
    app::DashboardFilter filter = f.period;
    filter.placeId = f.library.id;
    CHECK(app::CoopReport(*f.notebook, &communes(), app::CoopScope::Self)
              .writeXlsx(filter, "2026-06-30T14:05:00Z", file) == 7);
    auto [testStatus, testOut] = run("unzip -tq '" + file + "' 2>&1");
    INFO(testOut);
    CHECK(testStatus == 0);
    auto [status, sheet] = run("unzip -p '" + file + "' xl/worksheets/sheet1.xml");
    REQUIRE(status == 0);
    // A1 « Informations export », A9 « Filtres », A13 « Communes »: the rows of the Coop's own export.
    CHECK(sheet.find("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>Informations export</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A2\" t=\"inlineStr\"><is><t>Nom</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A5\" t=\"inlineStr\"><is><t>Total</t></is></c><c r=\"B5\"><v>7</v>") != std::string::npos);
    CHECK(sheet.find("<c r=\"B6\" t=\"inlineStr\"><is><t>30/06/2026</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"B7\" t=\"inlineStr\"><is><t>14:05</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A9\" s=\"1\" t=\"inlineStr\"><is><t>Filtres</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"B10\" t=\"inlineStr\"><is><t>01.01.2026 - 30.06.2026</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"B12\" t=\"inlineStr\"><is><t>Médiathèque Lucie-Aubrac</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A13\" t=\"inlineStr\"><is><t>Communes</t>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A22\" s=\"1\" t=\"inlineStr\"><is><t>Date</t>") != std::string::npos);
    CHECK(sheet.find("<autoFilter ref=\"A22:AC29\"") != std::string::npos);
    // The date is a date cell (a number shown dd/mm/yyyy), the duration a number.
    CHECK(std::regex_search(sheet, std::regex(R"(<c r="A23" s="\d+"><v>46056</v>)")));
    CHECK(sheet.find("<c r=\"M23\"><v>120</v>") != std::string::npos);
    auto [stylesStatus, styles] = run("unzip -p '" + file + "' xl/styles.xml");
    CHECK(styles.find("formatCode=\"dd/mm/yyyy\"") != std::string::npos);
}

TEST_CASE("no Coop export carries a learner's name, phone, e-mail or pseudonym", "[coop][privacy]") {
    CoopFixture f;
    for (auto scope : {app::CoopScope::Self, app::CoopScope::Territory}) {
        std::ostringstream csv;
        app::CoopReport report(*f.notebook, &communes(), scope);
        report.writeCsv({"", "", "", "", ""}, csv);
        CHECK(csv.str().find(f.workshopId) != std::string::npos);
        checkNoIdentity(csv.str());
        std::string file = (f.dir.path() / "cra.xlsx").string();
        report.writeXlsx({"", "", "", "", ""}, "2026-06-30T14:05:00Z", file);
        auto [status, everything] = run("unzip -p '" + file + "'");
        CHECK(status == 0);
        CHECK(everything.find(f.workshopId) != std::string::npos);
        checkNoIdentity(everything);
    }
}

TEST_CASE("the Coop export's scope follows the hub role, and an unknown scope is refused naming it", "[coop]") {
    CHECK(app::coopScopeForRole("") == app::CoopScope::Self);
    CHECK(app::coopScopeForRole("adviser") == app::CoopScope::Self);
    CHECK(app::coopScopeForRole("coordinator") == app::CoopScope::Territory);
    CHECK(app::coopScopeForRole("admin") == app::CoopScope::Territory);
    CHECK(app::coopScopeFrom("territory") == app::CoopScope::Territory);
    try {
        app::coopScopeFrom("moi");
        FAIL("accepted an unknown scope");
    } catch (const Error& e) {
        CHECK(e.key() == "coop_export.err.scope");
        CHECK(e.params().at("value") == "moi");
    }
    CHECK(app::reportFormatFrom("coop-xlsx") == app::ReportFormat::CoopXlsx);
    CHECK(app::reportFormatFrom("coop-csv") == app::ReportFormat::CoopCsv);
    CHECK(app::coopDateTime("2026-02-03T09:30:00Z") == "03/02/2026 à 09:30");
}

TEST_CASE("the command line refuses an unknown scope or a Coop workbook without a file, and writes nothing", "[coop]") {
    CoopFixture f;
    auto file = f.dir.path() / "cra.csv";
    auto mediane = [&](const std::string& args) {
        std::string command = test::quoted(MEDIANE_BINARY) + " --lang en --data " + test::quoted(f.dir.str()) +
                              " export activity-report --from 2026-01-01 --to 2026-06-30 " + args + " 2> " +
                              test::quoted((f.dir.path() / "stderr.txt").string());
        int status = std::system(command.c_str());
        return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::slurp(f.dir.path() / "stderr.txt"));
    };
    auto [scopeStatus, scopeError] = mediane("--format coop-csv --scope moi --output " + test::quoted(file.string()));
    CHECK(scopeStatus == 2);
    CHECK(scopeError.find("moi") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file));
    auto [outputStatus, outputError] = mediane("--format coop-xlsx");
    CHECK(outputStatus == 2);
    CHECK(outputError.find("--output") != std::string::npos);
    // A coordinator's export on request: the territory's columns.
    auto [status, error] = mediane("--format coop-csv --scope territory --output " + test::quoted(file.string()));
    INFO(error);
    REQUIRE(status == 0);
    CHECK(readCoopCsv(test::slurp(file)).header == referenceColumns(app::CoopScope::Territory));
}

// The issue's « done when »: a large demo exported through the command line, every code and label of
// every coded column checked against the reference, one row per beneficiary per activity.
TEST_CASE("a large demo's Coop export uses only the reference's labels, one row per beneficiary per activity",
          "[coop][large]") {
    test::TempDir dir;
    auto data = dir.path() / "data";
    auto notebook = app::Notebook::open(data.string(), test::assetsDir());
    app::generateDemo(*notebook, {.seed = 5, .scale = app::DemoScale::Large, .endDate = "2026-06-30"});

    auto file = dir.path() / "cra.csv";
    std::string command = test::quoted(MEDIANE_BINARY) + " --data " + test::quoted(data.string()) +
                          " export activity-report --from 2000-01-01 --to 2100-12-31 --format coop-csv --output " +
                          test::quoted(file.string());
    REQUIRE(std::system(command.c_str()) == 0);
    auto csv = readCoopCsv(test::slurp(file));
    CHECK(csv.header == referenceColumns(app::CoopScope::Self));

    // Row granularity: as many rows as participants, numbered 1/n … n/n within each activity.
    test::NotebookSql sql(*notebook);
    const auto participants = sql.scalarInt(
        "SELECT sum(anonymous_count + (SELECT count(*) FROM session_learners sl WHERE sl.session_id = s.id)) FROM sessions s");
    CHECK(static_cast<std::int64_t>(csv.rows.size()) == participants);
    std::map<std::string, std::int64_t> expectedRows;
    auto perSession = sql.prepare(
        "SELECT id, anonymous_count + (SELECT count(*) FROM session_learners sl WHERE sl.session_id = s.id) FROM sessions s");
    while (perSession.step()) expectedRows[perSession.columnText(0)] = perSession.columnInt(1);
    CHECK(expectedRows.size() == 100000);

    const std::map<std::string, std::set<std::string>> coded = {
        {"Type", labels("type_activite")},
        {"Canaux d’accompagnement", labels("type_lieu")},
        {"Matériel numérique utilisé", labels("materiel")},
        {"Thématique(s) d’accompagnement", labels("thematiques")},
        {"Structure de redirection", labels("structures_redirection")},
        {"Genre du bénéficiaire", labels("genre")},
        {"Tranche d’âge du bénéficiaire", labels("tranche_age")},
        {"Statut du bénéficiaire", labels("statut_social")},
        {"Bénéficiaire réorienté", labels("oui_non")},
    };
    std::map<std::string, std::set<std::string>> seen;
    std::set<std::string> levels;
    std::map<std::string, std::int64_t> rowsPerSession;
    std::string previousId;
    std::int64_t index = 0;
    const std::regex date(R"(\d\d/\d\d/\d{4})"), insee(R"((\d{5}|2[AB]\d{3})?)");
    std::int64_t procedures = 0, workshopTitles = 0, anonymousRows = 0, beneficiaryCommunes = 0, placeInsee = 0;
    for (const auto& row : csv.rows) {
        const std::string& id = row.at("ID CRA");
        ++rowsPerSession[id];
        index = id == previousId ? index + 1 : 1;
        previousId = id;
        const auto total = expectedRows[id];
        CHECK(row.at("Participants") == (total == 1 ? std::string("1") : std::to_string(index) + "/" + std::to_string(total)));
        for (const auto& [column, allowed] : coded) {
            const std::string& cell = row.at(column);
            for (const auto& value : lines(cell)) {
                if (!allowed.count(value)) FAIL_CHECK(column << ": « " << value << " » is not a label of the reference");
                seen[column].insert(value);
            }
        }
        // Every beneficiary has a gender, an age bracket and a status label (« Non communiqué » at least).
        CHECK_FALSE(row.at("Genre du bénéficiaire").empty());
        CHECK_FALSE(row.at("Tranche d’âge du bénéficiaire").empty());
        CHECK_FALSE(row.at("Statut du bénéficiaire").empty());
        levels.insert(row.at("Niveau d’autonomie (ou de l’atelier)"));
        if (!std::regex_match(row.at("Date"), date)) FAIL_CHECK("date " << row.at("Date"));
        if (!std::regex_match(row.at("Code Insee"), insee)) FAIL_CHECK("INSEE " << row.at("Code Insee"));
        if (!std::regex_match(row.at("Code Insee du bénéficiaire"), insee))
            FAIL_CHECK("INSEE " << row.at("Code Insee du bénéficiaire"));
        procedures += !row.at("Nom de la démarche administrative").empty();
        workshopTitles += !row.at("Nom de l’atelier").empty();
        anonymousRows += row.at("Bénéficiaire") == "Bénéficiaire anonyme";
        beneficiaryCommunes += !row.at("Code Insee du bénéficiaire").empty();
        placeInsee += row.at("Canaux d’accompagnement") == "Lieu d’activité" && !row.at("Code Insee").empty();
        CHECK(row.at("Tags").empty());
    }
    CHECK(rowsPerSession == expectedRows);
    // A large demo uses every value of these vocabularies: all 30 themes, every lieu type, « Pas de matériel »…
    for (const char* column : {"Type", "Canaux d’accompagnement", "Matériel numérique utilisé",
                               "Thématique(s) d’accompagnement", "Structure de redirection", "Genre du bénéficiaire",
                               "Tranche d’âge du bénéficiaire", "Statut du bénéficiaire", "Bénéficiaire réorienté"}) {
        INFO(column);
        CHECK(seen[column] == coded.at(column));
    }
    CHECK(levels == std::set<std::string>{"", "1/3", "2/3", "3/3"});
    CHECK(procedures > 1000);
    CHECK(workshopTitles > 10000);
    CHECK(anonymousRows > 10000);
    CHECK(beneficiaryCommunes > participants / 2);
    CHECK(placeInsee > 10000);

    // The per-session report of the same notebook: gender, age and status counts sum to the participants.
    app::ActivityReport report(*notebook);
    std::int64_t sessions = 0;
    report.forEachRow({"", "", "", "", ""}, [&](const app::ActivityRow& row) {
        ++sessions;
        const int people = row.learners + row.anonymous;
        int genders = 0, ages = 0, statuses = 0;
        for (int n : row.genderCounts) genders += n;
        for (int n : row.ageCounts) ages += n;
        for (int n : row.statusCounts) statuses += n;
        if (genders != people || ages != people || statuses != people) FAIL_CHECK("session " << row.sessionId);
        if (row.firstTime > people) FAIL_CHECK("first time " << row.sessionId);
    });
    CHECK(sessions == 100000);
}
