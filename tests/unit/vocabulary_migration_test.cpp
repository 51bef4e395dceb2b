// Migration 9 on a notebook written by the release before it: every record moves to the national codes, nothing is lost.
#include "app/notebook.hpp"
#include "core/legacy_codes.hpp"
#include "core/vocabulary.hpp"
#include "core/vocabulary_upgrade.hpp"
#include "core/calendar.hpp"
#include "notebook_fixture.hpp"
#include "store/database.hpp"
#include "store/vocabulary_upgrade_report.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

using namespace mediane;

namespace {

std::string fixture() { return test::assetsDir() + "/../tests/unit/fixtures/notebook-v8/mediane.sqlite"; }

// Rows of a two-column query as a multiset of "a|b" strings.
std::multiset<std::string> pairs(store::Database& db, const std::string& sql) {
    std::multiset<std::string> out;
    auto rows = db.prepare(sql);
    while (rows.step()) out.insert(rows.columnText(0) + "|" + rows.columnText(1));
    return out;
}

struct OldNotebook {
    test::TempDir dir;
    std::string file = (dir.path() / app::Notebook::kDatabaseFile).string();
    OldNotebook() { std::filesystem::copy_file(fixture(), file); }
};

}  // namespace

TEST_CASE("a notebook of the previous release moves to the national codes with nothing dropped", "[migration]") {
    OldNotebook old;
    std::int64_t sessions, learners, cheques, outbox, links, tags;
    std::multiset<std::string> tagsBefore, kindsBefore, agesBefore;
    {
        store::Database db(old.file);
        REQUIRE(db.scalarInt("PRAGMA user_version") == 8);
        sessions = db.scalarInt("SELECT count(*) FROM sessions");
        learners = db.scalarInt("SELECT count(*) FROM learners");
        cheques = db.scalarInt("SELECT count(*) FROM pass_cheques");
        outbox = db.scalarInt("SELECT count(*) FROM outbox");
        links = db.scalarInt("SELECT count(*) FROM session_learners");
        tags = db.scalarInt("SELECT count(*) FROM session_tags");
        tagsBefore = pairs(db, "SELECT session_id, facet || ':' || code FROM session_tags");
        kindsBefore = pairs(db, "SELECT id, kind FROM sessions");
        agesBefore = pairs(db, "SELECT id, age_bracket FROM learners");
    }

    auto notebook = app::Notebook::open(old.dir.str(), test::assetsDir());
    test::NotebookSql db(*notebook);
    CHECK(db.scalarInt("PRAGMA user_version") >= 9);
    CHECK(db.scalarInt("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(db.scalarInt("PRAGMA foreign_keys") == 1);
    CHECK(db.scalarInt("SELECT count(*) FROM sessions") == sessions);
    CHECK(db.scalarInt("SELECT count(*) FROM learners") == learners);
    CHECK(db.scalarInt("SELECT count(*) FROM pass_cheques") == cheques);
    CHECK(db.scalarInt("SELECT count(*) FROM outbox") == outbox);
    CHECK(db.scalarInt("SELECT count(*) FROM session_learners") == links);

    const auto& vocab = notebook->vocabularies();
    // Every code now comes from the national vocabularies.
    auto rows = db.prepare("SELECT facet, code FROM session_tags WHERE facet IN ('theme', 'equipment')");
    while (rows.step()) {
        INFO(rows.columnText(0) << " " << rows.columnText(1));
        CHECK(vocab.get(rows.columnText(0) == "theme" ? "themes" : "equipment").contains(rows.columnText(1)));
    }
    auto kinds = db.prepare("SELECT kind, place_mode FROM sessions");
    while (kinds.step()) {
        CHECK(vocab.sessionKinds().contains(kinds.columnText(0)));
        CHECK(vocab.placeModes().contains(kinds.columnText(1)));
    }
    auto people = db.prepare("SELECT age_bracket, gender, social_status FROM learners");
    while (people.step()) {
        if (!people.columnText(0).empty()) CHECK(vocab.ageBrackets().contains(people.columnText(0)));
        if (!people.columnText(1).empty()) CHECK(vocab.genders().contains(people.columnText(1)));
        if (!people.columnText(2).empty()) CHECK(vocab.socialStatus().contains(people.columnText(2)));
    }

    // Nothing dropped: each old theme or equipment is either mapped on its session or kept as a legacy code.
    std::map<std::string, std::string> legacyOf;
    auto legacy = db.prepare("SELECT id, legacy_codes FROM sessions");
    while (legacy.step()) legacyOf[legacy.columnText(0)] = legacy.columnText(1);
    auto tagsAfter = pairs(db, "SELECT session_id, facet || ':' || code FROM session_tags");
    std::int64_t kept = 0;
    for (const auto& entry : tagsBefore) {
        auto bar = entry.find('|');
        std::string session = entry.substr(0, bar), facetCode = entry.substr(bar + 1);
        std::string facet = facetCode.substr(0, facetCode.find(':')), code = facetCode.substr(facetCode.find(':') + 1);
        std::string vocabulary = facet == "theme" ? "themes" : facet == "equipment" ? "equipment" : "";
        INFO(entry);
        if (vocabulary.empty()) {
            CHECK(tagsAfter.count(entry) == 1);  // competences are untouched
        } else if (auto mapped = core::upgradeCode(vocabulary, code)) {
            CHECK(tagsAfter.count(session + "|" + facet + ":" + *mapped) == 1);
        } else {
            auto codes = core::parseLegacyCodes(legacyOf[session]);
            CHECK(std::find(codes.begin(), codes.end(), core::LegacyCode{facet == "theme" ? "themes" : "equipment", code}) !=
                  codes.end());
            ++kept;
        }
    }
    CHECK(kept > 0);
    CHECK(db.scalarInt("SELECT count(*) FROM session_tags") == tags - kept);

    std::int64_t oneOff = 0;
    for (const auto& entry : kindsBefore) {
        if (entry.substr(entry.find('|') + 1) != "oneoff") continue;
        ++oneOff;
        auto codes = core::parseLegacyCodes(legacyOf[entry.substr(0, entry.find('|'))]);
        CHECK(std::find(codes.begin(), codes.end(), core::LegacyCode{"kind", "oneoff"}) != codes.end());
    }
    CHECK(oneOff > 0);

    std::int64_t straddling = 0;
    for (const auto& entry : agesBefore) {
        std::string id = entry.substr(0, entry.find('|')), age = entry.substr(entry.find('|') + 1);
        if (age != "18_35" && age != "35_60") continue;
        ++straddling;
        auto learner = notebook->learner(id);
        REQUIRE(learner);
        CHECK(learner->ageBracket.empty());
        CHECK(learner->legacyCodes == "age_bracket:" + age);
    }
    CHECK(straddling > 0);

    // The report lists every value kept, and only those.
    auto report = store::VocabularyUpgradeReport(db).all();
    CHECK(static_cast<std::int64_t>(report.size()) == kept + oneOff + straddling);
    for (const auto& v : report) CHECK_FALSE(core::upgradeCode(v.field == "kind" ? "session_kinds" : v.field == "age_bracket" ? "age_brackets" : v.field, v.oldCode));
}

TEST_CASE("changes still waiting for the hub leave in the national codes after the migration", "[migration]") {
    OldNotebook old;
    auto notebook = app::Notebook::open(old.dir.str(), test::assetsDir());
    test::NotebookSql db(*notebook);
    const auto& vocab = notebook->vocabularies();
    auto ops = db.prepare("SELECT entity, fields FROM outbox WHERE state <> 'acked' AND entity IN ('learner', 'session')");
    int checked = 0;
    while (ops.step()) {
        auto fields = nlohmann::json::parse(ops.columnText(1));
        INFO(fields.dump());
        if (ops.columnText(0) == "session") {
            CHECK(vocab.sessionKinds().contains(fields.at("kind").get<std::string>()));
            CHECK(vocab.placeModes().contains(fields.at("place_mode").get<std::string>()));
            for (const auto& t : fields.at("themes")) CHECK(vocab.themes().contains(t.get<std::string>()));
            for (const auto& e : fields.at("equipment")) CHECK(vocab.equipment().contains(e.get<std::string>()));
        } else if (fields.contains("gender") && !fields["gender"].get<std::string>().empty()) {
            CHECK(vocab.genders().contains(fields["gender"].get<std::string>()));
        }
        ++checked;
    }
    CHECK(checked > 100);
}

TEST_CASE("a migrated notebook records a national session and reads its old ones", "[migration]") {
    OldNotebook old;
    auto notebook = app::Notebook::open(old.dir.str(), test::assetsDir());
    auto recent = notebook->recentSessions(100);
    CHECK(recent.size() == 32);
    auto learners = notebook->searchLearners("", 1);
    REQUIRE_FALSE(learners.empty());
    auto places = notebook->places();
    REQUIRE_FALSE(places.empty());
    core::Session s;
    s.date = core::today();
    s.durationMinutes = 45;
    s.placeId = places.front().id;
    s.learnerIds = {learners.front().id};
    s.themes = {"aide_aux_demarches_administratives", "logement"};
    s.procedureName = "Demande de logement social";
    auto saved = notebook->recordSession(s);
    CHECK(notebook->session(saved.id)->procedureName == "Demande de logement social");
}
