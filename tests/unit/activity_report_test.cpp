// The activity report and the claim: CSV that round-trips through the CSV reader, a valid XLSX workbook,
// one row per session in the period, and no learner name, phone or e-mail in any export.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/activity_report.hpp"
#include "app/notebook.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/translator.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

struct ReportFixture {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), test::assetsDir());
    core::Place library, franceServices;
    core::Learner zoe, yann, anonymous;

    ReportFixture() {
        library = notebook->addPlace({"", "Médiathèque Lucie-Aubrac", "BIB", "2 place Henri-Barbusse", "69200", "Vénissieux"});
        franceServices = notebook->addPlace({"", "France Services Bron", "FS", "1 rue X", "69500", "Bron"});
        zoe = learner("Bénéficiaire 0001", "Zoé", "Quatremains", "0611223344", "zoe.quatremains@example.org", "soixante_soixante_neuf",
                      "retraite");
        yann = learner("Bénéficiaire 0002", "Yann", "Kerdonval", "0699887766", "yann.k@example.org", "vingt_cinq_trente_neuf",
                       "sans_emploi");
        anonymous = learner("Bénéficiaire 0003", "", "", "", "", "", "");
        notebook->receiveBooklet({"", "Centre social Parilly", 5000, 5009, 1000, "2026-12-31", "2026-01-02", "", 0});
        notebook->giveCheque(5000, zoe.id, "2026-01-10");
        notebook->giveCheque(5001, yann.id, "2026-01-10");

        core::Session workshop;
        workshop.date = "2026-02-03";
        workshop.durationMinutes = 120;
        workshop.kind = core::SessionKind::Workshop;
        workshop.placeId = library.id;
        workshop.learnerIds = {zoe.id, yann.id, anonymous.id};
        workshop.anonymousCount = 4;
        workshop.anonymousByGender = {{"feminin", 3}};
        workshop.anonymousByAge = {{"soixante_dix_plus", 2}};
        workshop.anonymousAlreadyAccompanied = 1;
        workshop.workshopTitle = "Mes démarches en ligne";
        workshop.workshopLevel = "intermediaire";
        workshop.themes = {"email", "aide_aux_demarches_administratives"};
        workshop.procedureName = "Demande de RSA";
        workshop.equipment = {"ordinateur"};
        workshop.competences = {"2.1"};
        workshop.chequesRedeemed = {5000, 5001};
        workshopId = notebook->recordSession(workshop).id;

        core::Session remote;
        remote.date = "2026-03-15";
        remote.durationMinutes = 30;
        remote.kind = core::SessionKind::Individual;
        remote.placeMode = core::PlaceMode::Remote;
        remote.autonomy = "partiellement_autonome";
        remote.oriented = 1;
        remote.redirection = "aide_aux_demarches_administratives";
        remote.orientationPlaceId = franceServices.id;
        remote.communeName = "Lyon 8e Arrondissement";
        remote.communePostalCode = "69008";
        remote.communeInsee = "69388";
        remote.learnerIds = {zoe.id};
        remote.themes = {"securite_numerique"};
        notebook->recordSession(remote);

        core::Session outside = remote;
        outside.date = "2025-11-20";
        notebook->recordSession(outside);
    }

    core::Learner learner(const std::string& pseudonym, const std::string& first, const std::string& last,
                          const std::string& phone, const std::string& email, const std::string& age,
                          const std::string& status) {
        core::Learner l;
        l.pseudonym = pseudonym;
        l.firstName = first;
        l.lastName = last;
        l.phone = phone;
        l.email = email;
        if (!first.empty()) l.consentDate = "2026-01-05";
        l.ageBracket = age;
        l.socialStatus = status;
        return notebook->createLearner(l);
    }

    std::string workshopId;
    const app::DashboardFilter period{"2026-01-01", "2026-06-30", "", "", ""};
};

// Output of a shell command (unzip), and its exit status.
std::pair<int, std::string> run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    int status = pclose(pipe);
    return {status, out};
}

void checkNoIdentity(const std::string& text) {
    for (const char* personal : {"Zoé", "Quatremains", "0611223344", "zoe.quatremains", "Yann", "Kerdonval",
                                 "0699887766", "yann.k@", "Bénéficiaire 000"})
        CHECK(text.find(personal) == std::string::npos);
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
}

}  // namespace

TEST_CASE("the activity report CSV round-trips through the CSV reader, one row per session of the period",
          "[report]") {
    ReportFixture f;
    app::ActivityReport report(*f.notebook);
    std::ostringstream out;
    CHECK(report.writeCsv(f.period, out) == 2);

    auto doc = core::readCsv(out.str());
    REQUIRE(doc.records.size() == 3);
    for (const auto& r : doc.records) CHECK(r.error.empty());
    const auto& header = doc.records[0].fields;
    CHECK(header == report.columns());
    const auto& w = doc.records[1].fields;
    REQUIRE(w.size() == header.size());
    CHECK(w[column(header, "session_id")] == f.workshopId);
    CHECK(w[column(header, "date")] == "2026-02-03");
    CHECK(w[column(header, "kind")] == "collectif");
    CHECK(w[column(header, "duration_minutes")] == "120");
    CHECK(w[column(header, "place_name")] == "Médiathèque Lucie-Aubrac");
    CHECK(w[column(header, "place_commune")] == "Vénissieux");
    CHECK(w[column(header, "place_postal_code")] == "69200");
    CHECK(w[column(header, "place_kind")] == "BIB");
    CHECK(w[column(header, "learners")] == "3");
    CHECK(w[column(header, "anonymous")] == "4");
    CHECK(w[column(header, "participants")] == "7");
    CHECK(w[column(header, "themes")] == "aide_aux_demarches_administratives|email");
    CHECK(w[column(header, "equipment")] == "ordinateur");

    CHECK(w[column(header, "procedure_name")] == "Demande de RSA");
    CHECK(w[column(header, "workshop_title")] == "Mes démarches en ligne");
    CHECK(w[column(header, "workshop_level")] == "intermediaire");
    CHECK(w[column(header, "duration_range")] == "more");
    CHECK(w[column(header, "oriented")] == "0");
    CHECK(w[column(header, "cheques_redeemed")] == "2");
    CHECK(w[column(header, "anonymous_already_accompanied")] == "1");
    // Yann and the third learner come for the first time (Zoé came in November), and 3 of the 4 anonymous.
    CHECK(w[column(header, "first_time")] == "5");
    // Learners by their profile, anonymous participants by the breakdown, everyone else « non communiqué ».
    CHECK(w[column(header, "gender_feminin")] == "3");
    CHECK(w[column(header, "gender_masculin")] == "0");
    CHECK(w[column(header, "gender_non_communique")] == "4");
    CHECK(w[column(header, "age_soixante_dix_plus")] == "2");
    CHECK(w[column(header, "age_soixante_soixante_neuf")] == "1");
    CHECK(w[column(header, "age_vingt_cinq_trente_neuf")] == "1");
    CHECK(w[column(header, "age_non_communique")] == "3");
    CHECK(w[column(header, "status_retraite")] == "1");
    CHECK(w[column(header, "status_sans_emploi")] == "1");
    CHECK(w[column(header, "status_non_communique")] == "5");
    CHECK(w[column(header, "learner_ids")].find(f.zoe.id) != std::string::npos);
    CHECK(w[column(header, "legacy_codes")].empty());
    const auto& r = doc.records[2].fields;
    CHECK(r[column(header, "place_mode")] == "a_distance");
    CHECK(r[column(header, "autonomy")] == "partiellement_autonome");
    CHECK(r[column(header, "oriented")] == "1");
    CHECK(r[column(header, "redirection")] == "aide_aux_demarches_administratives");
    CHECK(r[column(header, "orientation_place")] == "France Services Bron");
    CHECK(r[column(header, "place_name")].empty());
    CHECK(r[column(header, "commune")] == "Lyon 8e Arrondissement");
    CHECK(r[column(header, "commune_insee")] == "69388");
    CHECK(r[column(header, "participants")] == "1");
    CHECK(r[column(header, "first_time")] == "0");
    CHECK(r[column(header, "duration_range")] == "60");
}

TEST_CASE("the XLSX export is a valid workbook with the sessions sheet and the dashboard's tables", "[report]") {
    ReportFixture f;
    auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    std::string file = (f.dir.path() / "rapport.xlsx").string();
    CHECK(app::ActivityReport(*f.notebook).writeXlsx(f.period, "2026-06-30", tr, file) == 2);

    auto [testStatus, testOut] = run("unzip -tq '" + file + "' 2>&1");
    INFO(testOut);
    CHECK(testStatus == 0);
    auto [typesStatus, types] = run("unzip -p '" + file + "' '[[]Content_Types].xml'");
    CHECK(typesStatus == 0);
    CHECK(types.find("spreadsheetml.sheet.main+xml") != std::string::npos);
    CHECK(types.find("/xl/worksheets/sheet10.xml") != std::string::npos);
    auto [bookStatus, workbook] = run("unzip -p '" + file + "' xl/workbook.xml");
    CHECK(workbook.find("name=\"Séances\"") != std::string::npos);
    CHECK(workbook.find("name=\"Demande de remboursement\"") != std::string::npos);
    CHECK(workbook.find("name=\"Pass par commanditaire\"") != std::string::npos);
    auto [sheetStatus, sessions] = run("unzip -p '" + file + "' xl/worksheets/sheet1.xml");
    CHECK(sessions.find(f.workshopId) != std::string::npos);
}

TEST_CASE("no export carries a learner's name, phone, e-mail or pseudonym", "[report][privacy]") {
    ReportFixture f;
    app::ActivityReport report(*f.notebook);
    std::ostringstream csv, claim;
    report.writeCsv({"", "", "", "", ""}, csv);
    report.writeClaimCsv({"", "", "", "", ""}, claim);
    checkNoIdentity(csv.str());
    checkNoIdentity(claim.str());
    CHECK(claim.str().find("5000") != std::string::npos);

    auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    std::string file = (f.dir.path() / "rapport.xlsx").string();
    report.writeXlsx({"", "", "", "", ""}, "2026-06-30", tr, file);
    auto [status, everything] = run("unzip -p '" + file + "'");
    CHECK(status == 0);
    CHECK(everything.find(f.workshopId) != std::string::npos);
    checkNoIdentity(everything);
}

TEST_CASE("a report period that is not two ISO dates in order is refused naming the field", "[report]") {
    ReportFixture f;
    app::ActivityReport report(*f.notebook);
    std::ostringstream out;
    auto fieldOf = [&](const app::DashboardFilter& filter) {
        try {
            report.writeCsv(filter, out);
        } catch (const Error& e) {
            CHECK(e.kind() == Error::Kind::Validation);
            return e.field();
        }
        return std::string("accepted");
    };
    CHECK(fieldOf({"2026-13-01", "2026-06-30", "", "", ""}) == "from");
    CHECK(fieldOf({"2026-01-01", "30/06/2026", "", "", ""}) == "to");
    CHECK(fieldOf({"2026-06-30", "2026-01-01", "", "", ""}) == "to");
    CHECK(out.str().empty());
    CHECK_THROWS_AS(app::reportFormatFrom("pdf"), Error);
}

TEST_CASE("the claim lists the cheques redeemed in the period with their face value", "[report]") {
    ReportFixture f;
    std::ostringstream out;
    CHECK(app::ActivityReport(*f.notebook).writeClaimCsv(f.period, out) == 2);
    auto doc = core::readCsv(out.str());
    REQUIRE(doc.records.size() == 3);
    CHECK(doc.records[1].fields[0] == "5000");
    CHECK(doc.records[1].fields[1] == "Centre social Parilly");
    CHECK(doc.records[1].fields[2] == "10.00");
    CHECK(doc.records[1].fields[4] == "2026-02-03");
    std::ostringstream none;
    CHECK(app::ActivityReport(*f.notebook).writeClaimCsv({"2026-03-01", "2026-06-30", "", "", ""}, none) == 0);
}
