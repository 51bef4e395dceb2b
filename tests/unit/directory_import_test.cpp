#include <catch2/catch.hpp>

#include <algorithm>

#include "core/error.hpp"
#include "directory_fixture.hpp"
#include "store/outbox_operation.hpp"

using namespace mediane;
using mediane::test::DirectoryFixture;
using mediane::test::directoryFixture;

namespace {

bool hasNote(const app::DirectoryImportResult& r, int line, const std::string& field, const std::string& action,
             const std::string& newValue = {}) {
    return std::any_of(r.plan.notes.begin(), r.plan.notes.end(), [&](const core::ImportNote& n) {
        return n.line == line && n.field == field && n.action == action && (newValue.empty() || n.newValue == newValue);
    });
}

std::vector<core::ImportNote> rejections(const app::DirectoryImportResult& r) {
    std::vector<core::ImportNote> out;
    for (const auto& n : r.plan.notes)
        if (n.action == "rejected") out.push_back(n);
    return out;
}

}  // namespace

TEST_CASE("the standard's example file imports cleanly, every field kept", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importFile(test::exampleFile());
    CHECK(r.plan.notes.empty());
    CHECK(r.created == 1);
    CHECK(r.plan.rejectedRows == 0);
    auto p = f.directory.repository().find("structure-1");
    REQUIRE(p);
    CHECK(p->pivot == "43493312300029");
    CHECK(p->nom == "Anonymal");
    CHECK(p->codeInsee == "51454");
    CHECK(p->latitude == Approx(43.52609));
    CHECK(p->typologie == std::vector<std::string>{"TIERS_LIEUX", "ASSO"});
    CHECK(p->courriels.size() == 2);
    CHECK(p->horaires == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
    CHECK(p->itinerance == std::vector<std::string>{"Itinérant"});
    CHECK(p->formationsLabels == std::vector<std::string>{"Formé à « Mon Espace Santé »",
                                                          "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"});
    CHECK(p->modalitesAccompagnement.size() == 4);
    CHECK(p->priseRdv == "https://www.rdv-solidarites.fr/");
    CHECK(f.placeOutboxRows() == 1);
}

TEST_CASE("a spreadsheet's Windows-1252, BOM, semicolons and CRLF import with every change listed", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importFile(directoryFixture("spreadsheet_cp1252_bom_crlf.csv"));
    CHECK(r.plan.encoding == "windows-1252");
    CHECK(r.plan.delimiter == ';');
    CHECK(r.plan.hadBom);
    CHECK(r.plan.crlf);
    CHECK(r.created == 2);
    CHECK(r.plan.rejectedRows == 0);
    CHECK(hasNote(r, 1, "nom", "renamed"));
    CHECK(hasNote(r, 1, "itinerance", "renamed"));
    CHECK(hasNote(r, 1, "telephone", "renamed"));
    CHECK(hasNote(r, 2, "telephone", "normalised", "+33472214554"));
    CHECK(hasNote(r, 3, "telephone", "normalised", "+33478000000"));
    CHECK(hasNote(r, 3, "itinerance", "normalised", "Itinérant"));
    CHECK(hasNote(r, 3, "date_maj", "normalised", "2024-05-02"));
    CHECK(hasNote(r, 3, "services", "normalised",
                  "Accès internet et matériel informatique|Loisirs et créations numériques"));
    auto a = f.directory.repository().find("lieu-a");
    REQUIRE(a);
    CHECK(a->nom == "Médiathèque Lucie-Aubrac");  // converted to UTF-8
    CHECK(a->services == std::vector<std::string>{"Aide aux démarches administratives",
                                                  "Maîtrise des outils numériques du quotidien"});
    CHECK(f.directory.repository().find("lieu-b")->horaires == "Tu-Sa 10:00-18:00; PH off");
}

TEST_CASE("renamed columns and lower-case vocabulary values are recognised and reported", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importFile(directoryFixture("renamed_columns.csv"));
    CHECK(r.created == 1);
    CHECK(hasNote(r, 1, "date_maj", "renamed"));   // by the schema's title "Date de mise à jour"
    CHECK(hasNote(r, 1, "publics_specifiquement_adresses", "renamed"));
    CHECK(hasNote(r, 2, "publics_specifiquement_adresses", "normalised", "Seniors"));
    CHECK(hasNote(r, 2, "telephone", "normalised", "+33472000000"));
    CHECK(f.directory.repository().find("lieu-c")->dateMaj == "2024-03-01");
}

TEST_CASE("old list separators (semicolon, comma and space) become `|` with a warning", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importFile(directoryFixture("old_separators.csv"));
    CHECK(r.created == 2);
    CHECK(hasNote(r, 2, "publics_specifiquement_adresses", "normalised", "Jeunes|Familles et/ou enfants"));
    CHECK(hasNote(r, 2, "modalites_acces", "normalised", "Se présenter|Téléphoner"));
    CHECK(hasNote(r, 2, "courriels", "normalised", "accueil@mjc.example.org|direction@mjc.example.org"));
    // "Comprehension" (the description's spelling) is brought to the pattern's "Compréhension".
    CHECK(f.directory.repository().find("lieu-e")->services ==
          std::vector<std::string>{"Compréhension du monde numérique", "Accès internet et matériel informatique"});
}

TEST_CASE("malformed rows are rejected naming line and field, and the others are imported", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importFile(directoryFixture("malformed_rows.csv"));
    CHECK(r.plan.rows == 6);
    CHECK(r.created == 2);
    CHECK(r.plan.rejectedRows == 4);
    auto rejected = rejections(r);
    REQUIRE(rejected.size() == 4);
    CHECK((rejected[0].line == 3 && rejected[0].field == "code_postal"));
    CHECK((rejected[1].line == 4 && rejected[1].field == "services" &&
           rejected[1].key == "directory.violation.unknown_value" && rejected[1].params.at("item") == "Cours de cuisine"));
    CHECK((rejected[2].line == 5 && rejected[2].field == "commune" && rejected[2].key == "csv.quote_unexpected"));
    CHECK((rejected[3].line == 6 && rejected[3].field == "nom" && rejected[3].key == "directory.violation.invalid_utf8"));
    CHECK(f.directory.repository().find("ok-1"));
    CHECK(f.directory.repository().find("ok-2"));
    CHECK_FALSE(f.directory.repository().find("bad-cp"));
    // The report the CLI prints is valid JSON even though a row held invalid UTF-8.
    auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    auto json = app::importReportJson(r, tr);
    CHECK_NOTHROW(json.dump());
    CHECK(json["notes"][3]["message"].get<std::string>().find("« nom »") != std::string::npos);
}

TEST_CASE("re-importing the same files updates by id: same count, same content, no new outbox rows", "[directory][import]") {
    DirectoryFixture f;
    f.directory.importFile(test::exampleFile());
    f.directory.importFile(directoryFixture("spreadsheet_cp1252_bom_crlf.csv"));
    auto before = f.directory.repository().all();
    auto outboxBefore = f.placeOutboxRows();
    auto again = f.directory.importFile(directoryFixture("spreadsheet_cp1252_bom_crlf.csv"));
    auto example = f.directory.importFile(test::exampleFile());
    CHECK(again.unchanged == 2);
    CHECK(again.created == 0);
    CHECK(example.unchanged == 1);
    CHECK(f.directory.repository().all() == before);
    CHECK(f.directory.repository().count() == 3);
    CHECK(f.placeOutboxRows() == outboxBefore);
}

TEST_CASE("a changed place is updated in place with an outbox row of only the changed fields", "[directory][import]") {
    DirectoryFixture f;
    f.directory.importFile(test::exampleFile());
    auto text = core::readTextFile(test::exampleFile());
    text.replace(text.find("\"Anonymal\""), 10, "\"Anonymal 2\"");
    auto r = f.directory.importText(text, "edited.csv");
    CHECK(r.updated == 1);
    CHECK(f.directory.repository().count() == 1);
    auto ops = f.notebook->outbox().forRecord("structure-1");
    REQUIRE(ops.size() == 2);
    CHECK(ops[1].op == "update");
    CHECK(ops[1].fields == nlohmann::json{{"nom", "Anonymal 2"}});
}

TEST_CASE("a file missing a required column is refused whole and stores nothing", "[directory][import]") {
    DirectoryFixture f;
    try {
        f.directory.importText("id,nom,commune\nx,Lieu,Lyon\n", "partial.csv");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.key() == "directory.err.missing_column");
        CHECK(e.field() == "pivot");
    }
    CHECK(f.directory.repository().count() == 0);
    CHECK(f.placeOutboxRows() == 0);
}

TEST_CASE("an import is atomic: a storage failure leaves no place and no outbox row", "[directory][import]") {
    DirectoryFixture f;
    // A trigger makes the second insert fail, as a full disk would, after the first has been written.
    test::NotebookSql(*f.notebook).exec(
        "CREATE TRIGGER fail_second BEFORE INSERT ON places WHEN (SELECT count(*) FROM places) >= 1 "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    CHECK_THROWS(f.directory.importFile(directoryFixture("spreadsheet_cp1252_bom_crlf.csv")));
    CHECK(f.count("SELECT count(*) FROM places") == 0);
    CHECK(f.placeOutboxRows() == 0);
}

TEST_CASE("duplicate ids in one file keep the first and reject the others", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importText(
        "id,pivot,nom,commune,code_postal,adresse,date_maj\n"
        "d1,43493312300029,Premier,Lyon,69001,1 rue A,2024-01-01\n"
        "d1,43493312300029,Second,Lyon,69001,1 rue A,2024-01-01\n",
        "dup.csv");
    CHECK(r.created == 1);
    CHECK(hasNote(r, 3, "id", "rejected"));
    CHECK(f.directory.repository().find("d1")->nom == "Premier");
}

TEST_CASE("unparsable hours are imported as written with a warning, and a bad optional phone is dropped", "[directory][import]") {
    DirectoryFixture f;
    auto r = f.directory.importText(
        "id,pivot,nom,commune,code_postal,adresse,date_maj,horaires,telephone\n"
        "h1,43493312300029,Lieu,Lyon,69001,1 rue A,2024-01-01,sur rendez-vous,12\n",
        "hours.csv");
    CHECK(r.created == 1);
    CHECK(hasNote(r, 2, "horaires", "kept"));
    CHECK(hasNote(r, 2, "telephone", "dropped"));
    auto p = f.directory.repository().find("h1");
    CHECK(p->horaires == "sur rendez-vous");
    CHECK(p->telephone.empty());
}
