#include <catch2/catch.hpp>

#include "app/directory_demo.hpp"
#include "core/error.hpp"
#include "directory_fixture.hpp"
#include "store/migrations.hpp"

using namespace mediane;
using mediane::test::DirectoryFixture;

namespace {

struct SearchableDirectory : DirectoryFixture {
    SearchableDirectory() {
        directory.importText(
            "id,pivot,nom,commune,code_postal,adresse,date_maj,services,publics_specifiquement_adresses,"
            "frais_a_charge,horaires\n"
            "m1,43493312300029,Médiathèque Lucie-Aubrac,Vénissieux,69200,2 place Henri-Barbusse,2024-01-01,"
            "Aide aux démarches administratives|Loisirs et créations numériques,Seniors,Gratuit,Tu-Sa 10:00-18:00\n"
            "m2,43493312300037,Médiathèque du Bachut,Lyon,69008,2 place du 11 Novembre,2024-01-01,"
            "Loisirs et créations numériques,Jeunes,Gratuit sous condition,Mo-Fr 14:00-18:00\n"
            "c1,43493312300045,Centre social Bonnefoi,Lyon,69003,9 rue Bonnefoi,2024-01-01,"
            "Aide aux démarches administratives,,Payant,sur rendez-vous\n",
            "places.csv");
    }
    std::vector<std::string> ids(const app::DirectoryQuery& q) {
        std::vector<std::string> out;
        for (const auto& s : directory.search(q)) out.push_back(s.id);
        std::sort(out.begin(), out.end());
        return out;
    }
};

using Ids = std::vector<std::string>;

app::DirectoryQuery query(std::string text, std::string service = {}, std::string publicType = {}, bool freeOnly = false) {
    app::DirectoryQuery q;
    q.text = std::move(text);
    q.service = std::move(service);
    q.publicType = std::move(publicType);
    q.freeOnly = freeOnly;
    return q;
}
app::DirectoryQuery openAt(core::LocalDateTime when) {
    app::DirectoryQuery q;
    q.openAt = when;
    return q;
}

}  // namespace

TEST_CASE("search finds places by name, commune, service and public prefixes, accents ignored", "[directory][search]") {
    SearchableDirectory f;
    CHECK(f.ids(query("mediat")) == Ids{"m1", "m2"});
    CHECK(f.ids(query("venis")) == Ids{"m1"});
    CHECK(f.ids(query("médiathèque lyon")) == Ids{"m2"});
    CHECK(f.ids(query("demarch")) == Ids{"c1", "m1"});
    CHECK(f.ids(query("senior")) == Ids{"m1"});
    CHECK(f.ids(query("\"quoted\" OR *")).empty());  // typed syntax never reaches FTS5 as an operator
    CHECK(f.ids(query("")) == Ids{"c1", "m1", "m2"});
}

TEST_CASE("search filters by service, public and free of charge", "[directory][search]") {
    SearchableDirectory f;
    CHECK(f.ids(query("", "Loisirs et créations numériques")) == Ids{"m1", "m2"});
    CHECK(f.ids(query("", "", "Jeunes")) == Ids{"m2"});
    // "Gratuit" is not "Gratuit sous condition".
    CHECK(f.ids(query("", "", "", true)) == Ids{"m1"});
    CHECK(f.ids(query("mediat", "Aide aux démarches administratives")) == Ids{"m1"});
}

TEST_CASE("open-at filter keeps places known to be open then", "[directory][search]") {
    SearchableDirectory f;
    // Tuesday 2025-03-04 at 11:00: m1 open, m2 opens at 14:00, c1's hours are unknown.
    CHECK(f.ids(openAt(core::LocalDateTime{2025, 3, 4, 11, 0})) == Ids{"m1"});
    CHECK(f.ids(openAt(core::LocalDateTime{2025, 3, 4, 15, 0})) == Ids{"m1", "m2"});
    CHECK(f.ids(openAt(core::LocalDateTime{2025, 3, 9, 15, 0})).empty());  // Sunday
}

TEST_CASE("the place card describes hours, says open now, and shows unparsable hours as written", "[directory][card]") {
    SearchableDirectory f;
    auto fr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    auto card = f.directory.card("m1", fr, {2025, 3, 4, 11, 0});
    CHECK(card.place.nom == "Médiathèque Lucie-Aubrac");
    CHECK(card.hoursLines == std::vector<std::string>{"du mardi au samedi : 10 h 00 – 18 h 00"});
    CHECK(card.openNow == true);
    auto unknown = f.directory.card("c1", fr, {2025, 3, 4, 11, 0});
    CHECK(unknown.hoursUnparsed);
    CHECK_FALSE(unknown.openNow.has_value());
    CHECK(unknown.hoursLines == std::vector<std::string>{"horaires (tels qu’indiqués) : sur rendez-vous"});
    CHECK(unknown.hoursWarning.find("sur rendez-vous") != std::string::npos);
    CHECK_THROWS_AS(f.directory.card("nope", fr, {}), Error);
}

TEST_CASE("orienting a learner sets the session's orientation place, which then saves", "[directory][orient]") {
    SearchableDirectory f;
    auto learner = f.notebook->createLearner([] {
        core::Learner l;
        l.pseudonym = "Bénéficiaire 0001";
        l.ageBracket = "soixante_soixante_neuf";
        return l;
    }());
    core::Session s;
    s.date = "2025-03-04";
    s.durationMinutes = 30;
    s.placeMode = core::PlaceMode::Remote;
    s.learnerIds = {learner.id};
    s.themes = {"aide_aux_demarches_administratives"};
    f.directory.orientTo(s, "m2");
    CHECK(s.orientationPlaceId == "m2");
    auto saved = f.notebook->recordSession(s);
    CHECK(f.notebook->session(saved.id)->orientationPlaceId == "m2");
    core::Session other;
    CHECK_THROWS_AS(f.directory.orientTo(other, "missing"), Error);
    CHECK(other.orientationPlaceId.empty());
}

TEST_CASE("migration 3 keeps existing places, their ids and the sessions pointing to them", "[directory][migration]") {
    test::TempDir dir;
    std::string placeId;
    {
        store::Database db(dir.str() + "/mediane.sqlite");
        store::migrate(db, 2);
        db.exec("INSERT INTO places (id, name, kind, address, postal_code, commune) "
                "VALUES ('p-old', 'Médiathèque', 'BIB', '1 rue', '69200', 'Vénissieux')");
        db.exec("INSERT INTO sessions (id, date, duration_minutes, kind, place_mode, place_id, orientation_place_id, created_at) "
                "VALUES ('s1', '2025-01-01', 30, 'oneoff', 'place', 'p-old', 'p-old', '2025-01-01T00:00:00Z')");
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql sql(*notebook);
    CHECK(store::schemaVersion(sql) == store::latestSchemaVersion());
    auto places = notebook->places();
    REQUIRE(places.size() == 1);
    CHECK(places[0].id == "p-old");
    CHECK(notebook->session("s1")->placeId == "p-old");
    CHECK(sql.scalarInt("PRAGMA foreign_key_check") == 0);
    // Old places are searchable, but stay out of the directory until the directory knows them.
    app::DirectoryService directory(*notebook, test::assetsDir());
    CHECK(directory.repository().count() == 0);
    CHECK(sql.scalarInt("SELECT count(*) FROM places_fts WHERE places_fts MATCH 'venissieux'") == 1);
    // PlaceRepository still adds local places next to the directory.
    auto added = notebook->addPlace({"", "Espace numérique", "ASSO", "2 rue", "69003", "Lyon"});
    CHECK(notebook->places().size() == 2);
    CHECK(directory.repository().find(added.id)->nom == "Espace numérique");
}

TEST_CASE("demo places are valid, searchable and written with their outbox rows", "[directory][demo]") {
    DirectoryFixture f;
    std::mt19937_64 rng(7);
    CHECK(app::generateDemoDirectory(*f.notebook, rng, 1200, test::assetsDir()) == 1200);
    CHECK(f.directory.repository().count() == 1200);
    CHECK(f.placeOutboxRows() == 1200);
    CHECK(f.directory.exportable().skipped.empty());
    CHECK_FALSE(f.directory.search(query("mediatheque villeurb")).empty());
}
