// Exports: RFC 4180 CSV that round-trips what advisers type, valid JSON, and no identity unless asked.
#include "app/exporter.hpp"
#include "app/exporter_csv.hpp"
#include "app/notebook.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace mediane;

namespace {

// A strict RFC 4180 reader, written from the RFC for these tests (quoted fields, doubled quotes, CRLF records).
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, wasQuoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            REQUIRE(field.empty());  // a quote inside an unquoted field is not RFC 4180
            quoted = wasQuoted = true;
        } else if (c == ',') {
            record.push_back(field), field.clear(), wasQuoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(field), field.clear(), wasQuoted = false;
            records.push_back(record), record.clear();
            ++i;
        } else {
            REQUIRE(c != '\n');  // a bare LF outside quotes would split a record in a spreadsheet
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    if (!field.empty() || !record.empty() || wasQuoted) record.push_back(field), records.push_back(record);
    return records;
}

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> nb = app::Notebook::open(dir.str(), test::assetsDir());
    core::Place place;
    core::Learner named, anonymous;

    Fixture() {
        core::Place p;
        p.name = "Médiathèque Lucie-Aubrac";
        p.kind = "BIB";
        p.commune = "Vénissieux";
        place = nb->addPlace(p);
        core::Learner l;
        l.pseudonym = "Mésange 100";
        l.firstName = "Hélène";
        l.lastName = "Lefèvre";
        l.phone = "06 12 34 56 78";
        l.email = "helene.lefevre@exemple.fr";
        l.consentDate = "2025-01-02";
        l.goals = "Parler à Zoé en visio";
        named = nb->createLearner(l);
        core::Learner a;
        a.pseudonym = "Érable 101";
        a.commune = "Bron";
        anonymous = nb->createLearner(a);
    }

    core::Session session(const std::string& notes, const std::string& date = "2025-03-04") {
        core::Session s;
        s.date = date;
        s.placeId = place.id;
        s.learnerIds = {named.id};
        s.themes = {"aide_aux_demarches_administratives", "email"};
        s.equipment = {"telephone"};
        s.autonomy = "partiellement_autonome";
        s.competences = {"2.1"};
        s.notes = notes;
        return nb->recordSession(s);
    }

    std::string exported(app::ExportKind kind, app::ExportFormat format, bool withIdentity = false) {
        std::ostringstream out;
        app::ExportOptions options;
        options.kind = kind;
        options.format = format;
        options.withIdentity = withIdentity;
        options.today = "2025-06-30";
        app::exportRecords(*nb, options, out);
        return out.str();
    }
};

const std::vector<std::string> kTricky = {
    "plain", "a,b", "elle a dit \"oui\"", "ligne 1\nligne 2", "retour\r\nchariot", "« Élodie » à Vénissieux",
    "démarches|courriel", "", " espace autour ", "\"", ",", "fin\r",
};

}  // namespace

TEST_CASE("CSV quoting round-trips commas, quotes, newlines, accents and bars") {
    std::ostringstream out;
    app::CsvWriter csv(out);
    csv.row({"header", "second"});
    for (const auto& value : kTricky) csv.row({value, "x"});
    csv.row(kTricky);

    auto records = parseCsv(out.str());
    REQUIRE(records.size() == kTricky.size() + 2);
    for (std::size_t i = 0; i < kTricky.size(); ++i) CHECK(records[i + 1] == std::vector<std::string>{kTricky[i], "x"});
    CHECK(records.back() == kTricky);
}

TEST_CASE("CSV fields are quoted exactly when RFC 4180 requires it") {
    CHECK(app::csvField("Vénissieux") == "Vénissieux");
    CHECK(app::csvField("a|b") == "a|b");
    CHECK(app::csvField("a,b") == "\"a,b\"");
    CHECK(app::csvField("dit \"oui\"") == "\"dit \"\"oui\"\"\"");
    CHECK(app::csvField("l1\nl2") == "\"l1\nl2\"");
    CHECK(app::joinList({"aide_aux_demarches_administratives", "email"}) == "aide_aux_demarches_administratives|email");
}

TEST_CASE("a session's tricky notes survive the CSV export") {
    Fixture f;
    std::string notes = "Rendez-vous CAF, « attestation » \"urgente\"\nà refaire | lundi";
    f.session(notes);
    auto records = parseCsv(f.exported(app::ExportKind::Sessions, app::ExportFormat::Csv));
    REQUIRE(records.size() == 2);
    const auto& header = records[0];
    auto column = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        REQUIRE(it != header.end());
        return records[1][static_cast<std::size_t>(it - header.begin())];
    };
    CHECK(column("notes") == notes);
    CHECK(column("themes") == "aide_aux_demarches_administratives|email");  // codes come back in stored (code) order
    CHECK(column("date") == "2025-03-04");
    CHECK(column("place_name") == "Médiathèque Lucie-Aubrac");
    CHECK(column("participant_count") == "1");
}

TEST_CASE("JSON exports are valid JSON arrays with one object per record") {
    Fixture f;
    for (int i = 0; i < 5; ++i) f.session("séance " + std::to_string(i) + ", \"notes\"\n", "2025-03-0" + std::to_string(i + 1));
    core::PassBooklet b;
    b.structure = "Association Parlons Numérique";
    b.firstNumber = 100;
    b.lastNumber = 109;
    b.expiry = "2025-05-01";
    b.receivedOn = "2025-01-01";
    f.nb->receiveBooklet(b);
    f.nb->giveCheque(100, f.named.id, "2025-02-01");

    auto sessions = nlohmann::json::parse(f.exported(app::ExportKind::Sessions, app::ExportFormat::Json));
    REQUIRE(sessions.is_array());
    CHECK(sessions.size() == 5);
    CHECK(sessions[0]["themes"] == nlohmann::json({"aide_aux_demarches_administratives", "email"}));
    CHECK(sessions[0]["duration_minutes"].is_number());
    CHECK(sessions[4]["notes"] == "séance 4, \"notes\"\n");

    auto learners = nlohmann::json::parse(f.exported(app::ExportKind::Learners, app::ExportFormat::Json));
    CHECK(learners.size() == 2);
    CHECK(learners[0]["session_count"] == 5);

    auto cheques = nlohmann::json::parse(f.exported(app::ExportKind::Cheques, app::ExportFormat::Json));
    REQUIRE(cheques.size() == 10);
    CHECK(cheques[0]["number"] == 100);
    CHECK(cheques[0]["state"] == "given");
    CHECK(cheques[1]["expired"] == "yes");  // in stock, expired on 2025-05-01
}

TEST_CASE("an empty notebook exports an empty JSON array and a CSV header") {
    test::TempDir dir;
    auto nb = app::Notebook::open(dir.str(), test::assetsDir());
    std::ostringstream json, csv;
    app::exportRecords(*nb, {app::ExportKind::Sessions, app::ExportFormat::Json, false, ""}, json);
    CHECK(nlohmann::json::parse(json.str()) == nlohmann::json::array());
    CHECK(app::exportRecords(*nb, {app::ExportKind::Learners, app::ExportFormat::Csv, false, ""}, csv) == 0);
    CHECK(parseCsv(csv.str()).size() == 1);
}

TEST_CASE("the learners export contains no names or contact without --with-identity") {
    Fixture f;
    for (auto format : {app::ExportFormat::Csv, app::ExportFormat::Json}) {
        auto pseudonymous = f.exported(app::ExportKind::Learners, format);
        CHECK(pseudonymous.find("Mésange 100") != std::string::npos);
        for (const char* secret : {"Hélène", "Lefèvre", "06 12 34 56 78", "helene.lefevre", "Zoé", "first_name", "email"})
            CHECK(pseudonymous.find(secret) == std::string::npos);

        auto identified = f.exported(app::ExportKind::Learners, format, true);
        for (const char* secret : {"Hélène", "Lefèvre", "06 12 34 56 78", "helene.lefevre@exemple.fr"})
            CHECK(identified.find(secret) != std::string::npos);
    }
}

TEST_CASE("an unknown export kind or format is refused naming the value") {
    CHECK(app::exportKindFrom("cheques") == app::ExportKind::Cheques);
    CHECK(app::exportFormatFrom("json") == app::ExportFormat::Json);
    try {
        app::exportKindFrom("beneficiaires");
        FAIL("accepted an unknown kind");
    } catch (const Error& e) {
        CHECK(e.key() == "err.export_kind");
        CHECK(e.params().at("value") == "beneficiaires");
    }
    CHECK_THROWS_AS(app::exportFormatFrom("xml"), Error);
}

TEST_CASE("the sessions and learners exports carry the national report's fields") {
    Fixture f;
    core::Session s;
    s.date = "2025-03-05";
    s.kind = core::SessionKind::Workshop;
    s.placeMode = core::PlaceMode::Other;
    s.communeName = "Vaulx-en-Velin";
    s.communePostalCode = "69120";
    s.communeInsee = "69256";
    s.learnerIds = {f.named.id};
    s.anonymousCount = 3;
    s.anonymousByGender = {{"feminin", 2}};
    s.anonymousAlreadyAccompanied = 1;
    s.workshopTitle = "Déjouer les arnaques";
    s.workshopLevel = "debutant";
    s.themes = {"aide_aux_demarches_administratives", "logement"};
    s.procedureName = "Demande de logement social";
    f.nb->recordSession(s);

    auto sessions = nlohmann::json::parse(f.exported(app::ExportKind::Sessions, app::ExportFormat::Json));
    REQUIRE(sessions.size() == 1);
    const auto& row = sessions[0];
    CHECK(row["commune_insee"] == "69256");
    CHECK(row["anonymous_by_gender"] == nlohmann::json({"feminin:2"}));
    CHECK(row["anonymous_already_accompanied"] == 1);
    CHECK(row["workshop_title"] == "Déjouer les arnaques");
    CHECK(row["workshop_level"] == "debutant");
    CHECK(row["procedure_name"] == "Demande de logement social");
    CHECK(row["oriented"] == 0);
    CHECK(row["legacy_codes"] == "");
    CHECK(row["participant_count"] == 4);

    auto learners = nlohmann::json::parse(f.exported(app::ExportKind::Learners, app::ExportFormat::Json));
    CHECK(learners[1]["commune"] == "Bron");
    CHECK(learners[1].contains("birth_year"));
    CHECK(learners[1].contains("commune_insee"));
}
