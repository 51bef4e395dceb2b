// The national activity report's vocabularies and rules, as core applies them.
#include "app/legacy_labels.hpp"
#include "core/error.hpp"
#include "core/legacy_codes.hpp"
#include "core/validation.hpp"
#include "core/vocabulary.hpp"
#include "core/vocabulary_upgrade.hpp"
#include "notebook_fixture.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace mediane;
using mediane::test::NotebookFixture;

namespace {
core::Vocabularies current() { return core::Vocabularies::loadFile(test::assetsDir() + "/vocab/vocabularies.json"); }
core::Vocabularies firstRelease() {
    return core::Vocabularies::loadFile(test::assetsDir() + "/../tests/unit/fixtures/vocabulary-v1/vocabularies.json");
}

std::string refusedField(NotebookFixture& f, const core::Session& s) {
    try {
        f.notebook->recordSession(s);
    } catch (const Error& e) {
        return e.field();
    }
    return "";
}

std::vector<std::string> codesOf(const core::Vocabulary& v) {
    std::vector<std::string> out;
    for (const auto& t : v.terms()) out.push_back(t.code);
    return out;
}
}  // namespace

TEST_CASE("the shipped vocabularies are the national report's: 30 themes in two groups, eight age brackets", "[vocab]") {
    auto vocab = current();
    CHECK(vocab.version() == core::kCurrentVocabularyVersion);
    CHECK(vocab.themes().terms().size() == 30);
    int administrative = 0;
    for (const auto& t : vocab.themes().terms()) administrative += core::isAdministrativeTheme(vocab, t.code);
    CHECK(administrative == 11);
    CHECK_FALSE(core::isAdministrativeTheme(vocab, core::kAdministrativeParentTheme));
    CHECK(vocab.ageBrackets().terms().size() == 8);
    CHECK(codesOf(vocab.sessionKinds()) == std::vector<std::string>{"individuel", "collectif"});
    CHECK(codesOf(vocab.placeModes()) == std::vector<std::string>{"lieu_activite", "autre", "domicile", "a_distance"});
    CHECK(codesOf(vocab.equipment()) == std::vector<std::string>{"ordinateur", "telephone", "tablette", "autre", "aucun"});
    CHECK(vocab.redirections().terms().size() == 7);
    CHECK(vocab.workshopLevels().find("avance")->stars == 3);
    CHECK(vocab.themes().label("email", "fr") == "E-mail");
    // Every term has a French and an English label.
    for (const char* name : {"session_kinds", "place_modes", "themes", "equipment", "autonomy", "redirections",
                             "workshop_levels", "age_brackets", "genders", "social_status", "duration_presets",
                             "duration_ranges"})
        for (const auto& t : vocab.get(name).terms()) {
            CHECK_FALSE(t.labelFr.empty());
            CHECK_FALSE(t.labelEn.empty());
        }
}

TEST_CASE("the age bracket follows the birth year as the Coop derives it, at every bound", "[vocab]") {
    auto vocab = current();
    auto bracket = [&](int age) { return core::ageBracketFor(vocab, 2026 - age, 2026); };
    CHECK(bracket(5) == "moins_de_douze");
    CHECK(bracket(11) == "moins_de_douze");
    CHECK(bracket(12) == "douze_dix_huit");
    CHECK(bracket(17) == "douze_dix_huit");
    CHECK(bracket(18) == "dix_huit_vingt_quatre");
    CHECK(bracket(24) == "dix_huit_vingt_quatre");
    CHECK(bracket(25) == "vingt_cinq_trente_neuf");
    CHECK(bracket(39) == "vingt_cinq_trente_neuf");
    CHECK(bracket(40) == "quarante_cinquante_neuf");
    CHECK(bracket(59) == "quarante_cinquante_neuf");
    CHECK(bracket(60) == "soixante_soixante_neuf");
    CHECK(bracket(69) == "soixante_soixante_neuf");
    CHECK(bracket(70) == "soixante_dix_plus");
    CHECK(bracket(101) == "soixante_dix_plus");
    CHECK(core::ageBracketFor(vocab, 0, 2026).empty());
}

TEST_CASE("durations fall in the Coop's statistics buckets, lower bound included", "[vocab]") {
    auto vocab = current();
    CHECK(core::durationRangeFor(vocab, 1) == "30");
    CHECK(core::durationRangeFor(vocab, 29) == "30");
    CHECK(core::durationRangeFor(vocab, 30) == "60");
    CHECK(core::durationRangeFor(vocab, 60) == "120");
    CHECK(core::durationRangeFor(vocab, 119) == "120");
    CHECK(core::durationRangeFor(vocab, 120) == "more");
    CHECK(core::durationRangeFor(vocab, 1439) == "more");
}

TEST_CASE("a learner's birth year sets the age bracket, and an impossible year is refused", "[vocab]") {
    NotebookFixture f;
    core::Learner l;
    l.pseudonym = "Bénéficiaire 0007";
    l.birthYear = std::stoi(core::today().substr(0, 4)) - 30;
    l.ageBracket = "soixante_dix_plus";  // what the year says wins
    auto saved = f.notebook->createLearner(l);
    CHECK(saved.ageBracket == "vingt_cinq_trente_neuf");
    l.birthYear = 1850;
    CHECK_THROWS_AS(f.notebook->createLearner(l), Error);
    l.birthYear = 0;
    l.communeInsee = "6925";
    try {
        f.notebook->createLearner(l);
        FAIL("a malformed INSEE code was accepted");
    } catch (const Error& e) {
        CHECK(e.field() == "learner.commune");
    }
    l.communeInsee = "2A004";
    CHECK_NOTHROW(f.notebook->createLearner(l));
}

TEST_CASE("administrative sub-themes and the procedure's name need « Aide aux démarches administratives »", "[vocab]") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.themes = {"email", "logement"};
    CHECK(refusedField(f, s) == "session.themes");
    s.themes = {"email"};
    s.procedureName = "Demande de logement social";
    CHECK(refusedField(f, s) == "session.procedure_name");
    s.themes = {"aide_aux_demarches_administratives", "logement"};
    CHECK(refusedField(f, s) == "");
    s.themes = {};
    CHECK(refusedField(f, s) == "session.themes");
}

TEST_CASE("each place type asks for its own place fields", "[vocab]") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.placeId.clear();
    CHECK(refusedField(f, s) == "session.place");
    for (auto mode : {core::PlaceMode::Home, core::PlaceMode::Other}) {
        s.placeMode = mode;
        CHECK(refusedField(f, s) == "session.commune");
        s.communeName = "Vénissieux";
        s.communeInsee = "69259";
        CHECK(refusedField(f, s) == "");
        s.communeName.clear();
        s.communeInsee.clear();
    }
    s.placeMode = core::PlaceMode::Remote;  // the adviser's own structure: no commune asked
    CHECK(refusedField(f, s) == "");
}

TEST_CASE("a custom duration runs from one minute to 23 h 59, as the national form allows", "[vocab]") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.durationMinutes = 23 * 60 + 59;
    CHECK(refusedField(f, s) == "");
    s.durationMinutes = 24 * 60;
    CHECK(refusedField(f, s) == "session.duration");
    s.durationMinutes = 0;
    CHECK(refusedField(f, s) == "session.duration");
}

TEST_CASE("workshop fields belong to workshops, autonomy and orientation to individual sessions", "[vocab]") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.workshopTitle = "Premiers pas sur tablette";
    CHECK(refusedField(f, s) == "session.workshop_title");
    s.workshopTitle.clear();
    s.redirection = "aide_sociale";
    CHECK(refusedField(f, s) == "");  // naming a redirection answers « orienté » with yes
    auto w = f.makeSession();
    w.kind = core::SessionKind::Workshop;
    w.workshopTitle = "Premiers pas sur tablette";
    w.workshopLevel = "debutant";
    w.redirection = "aide_sociale";
    CHECK(refusedField(f, w) == "session.redirection");
    w.redirection.clear();
    w.autonomy = "autonome";
    CHECK(refusedField(f, w) == "session.autonomy");
    w.autonomy.clear();
    CHECK(refusedField(f, w) == "");
}

TEST_CASE("the anonymous breakdown never counts more people than the anonymous participants", "[vocab]") {
    NotebookFixture f;
    auto w = f.makeSession();
    w.kind = core::SessionKind::Workshop;
    w.anonymousCount = 5;
    w.anonymousByGender = {{"feminin", 3}, {"masculin", 2}};
    w.anonymousByAge = {{"soixante_dix_plus", 4}};
    w.anonymousByStatus = {{"retraite", 4}, {"non_communique", 1}};
    w.anonymousAlreadyAccompanied = 2;
    auto saved = f.notebook->recordSession(w);
    auto loaded = f.notebook->session(saved.id);
    REQUIRE(loaded);
    CHECK(loaded->anonymousByGender == w.anonymousByGender);
    CHECK(loaded->anonymousByAge == w.anonymousByAge);
    CHECK(loaded->anonymousAlreadyAccompanied == 2);
    w.anonymousByGender = {{"feminin", 6}};
    CHECK(refusedField(f, w) == "session.anonymous_by_gender");
    w.anonymousByGender = {{"femme", 1}};
    CHECK(refusedField(f, w) == "session.anonymous_by_gender");
    w.anonymousByGender = {};
    w.anonymousAlreadyAccompanied = 6;
    CHECK(refusedField(f, w) == "session.anonymous_already_accompanied");
}

TEST_CASE("every code of the first release maps to a national code or is declared unmappable", "[vocab]") {
    auto old = firstRelease();
    auto now = current();
    for (const char* name : {"session_kinds", "place_modes", "themes", "equipment", "autonomy", "age_brackets",
                             "genders", "social_status"}) {
        for (const auto& t : old.get(name).terms()) {
            INFO(name << " " << t.code);
            CHECK(core::legacyLabel(name, t.code) == t.labelFr);
            bool listed = false;
            for (const auto& m : core::vocabularyMappings())
                listed = listed || (m.vocabulary == name && m.oldCode == t.code);
            CHECK(listed);
            auto mapped = core::upgradeCode(name, t.code);
            if (mapped) {
                CHECK(now.get(name).contains(*mapped));
                CHECK(core::downgradeCode(name, *mapped) == t.code);
            }
        }
    }
    // What the issue names as unmappable stays unmapped rather than guessed.
    CHECK_FALSE(core::upgradeCode("session_kinds", "oneoff"));
    CHECK_FALSE(core::upgradeCode("age_brackets", "18_35"));
    CHECK_FALSE(core::upgradeCode("age_brackets", "35_60"));
    CHECK_FALSE(core::upgradeCode("themes", "smartphone"));
    CHECK_FALSE(core::upgradeCode("themes", "autre"));
    CHECK(core::legacyLabel("session_kinds", "oneoff") == "Aide ponctuelle");
    CHECK(core::legacyLabel("themes", "smartphone") == "Applications sur smartphone");
    // Current codes pass through unchanged.
    for (const auto& t : now.themes().terms()) CHECK(core::upgradeCode("themes", t.code) == t.code);
}

TEST_CASE("a first-release session on the wire moves to national codes and keeps what cannot map", "[vocab]") {
    const auto& kind = *sync::findRecordKind("session");
    nlohmann::json fields = {{"date", "2026-03-02"},          {"duration_minutes", 20},
                             {"kind", "oneoff"},              {"place_mode", "home"},
                             {"learner_ids", {"l-1"}},        {"anonymous_count", 0},
                             {"themes", {"courriel", "smartphone", "autre"}},
                             {"equipment", {"smartphone"}},   {"autonomy", "autonome"}};
    auto kept = sync::upgradeWireFields(kind, fields);
    CHECK(fields["kind"] == "individuel");
    CHECK(fields["place_mode"] == "domicile");
    CHECK(fields["themes"] == nlohmann::json({"email"}));
    CHECK(fields["equipment"] == nlohmann::json({"telephone"}));
    CHECK(kept.size() == 3);
    auto legacy = core::parseLegacyCodes(fields["legacy_codes"].get<std::string>());
    CHECK(legacy == std::vector<core::LegacyCode>{{"kind", "oneoff"}, {"themes", "smartphone"}, {"themes", "autre"}});
    auto again = fields;
    CHECK(sync::upgradeWireFields(kind, again).empty());
    CHECK(again == fields);
}

TEST_CASE("a record downgraded for a first-release laptop reads back unchanged when it returns", "[vocab]") {
    auto vocab = current();
    const auto& kind = *sync::findRecordKind("session");
    nlohmann::json fields = {{"kind", "collectif"},
                             {"place_mode", "a_distance"},
                             {"themes", {"email", "intelligence_artificielle"}},
                             {"anonymous_by_gender", {"feminin:2"}}};
    auto original = fields;
    sync::downgradeWireFields(kind, fields, vocab);
    CHECK(fields["kind"] == "workshop");
    CHECK(fields["place_mode"] == "remote");
    CHECK(fields["themes"] == nlohmann::json({"courriel", "Intelligence artificielle (IA)"}));
    CHECK(fields["anonymous_by_gender"] == nlohmann::json({"femme:2"}));
    sync::upgradeWireFields(kind, fields, &vocab);
    CHECK(fields == original);
}

TEST_CASE("legacy codes keep their field and are listed once", "[vocab]") {
    auto text = core::withLegacyCode("", {"themes", "smartphone"});
    text = core::withLegacyCode(text, {"themes", "smartphone"});
    text = core::withLegacyCode(text, {"age_bracket", "18_35"});
    CHECK(text == "themes:smartphone age_bracket:18_35");
    CHECK(core::parseLegacyCodes(text).size() == 2);
    CHECK(core::parseLegacyCodes("  nonsense :x").empty());
}

TEST_CASE("the mapping table in the docs is the one the migration applies", "[vocab]") {
    std::ifstream doc(test::assetsDir() + "/../docs/vocabulary-migration.md");
    REQUIRE(doc);
    std::vector<std::string> documented;
    std::string line;
    auto unquote = [](std::string cell) {
        cell.erase(0, cell.find_first_not_of(' '));
        cell.erase(cell.find_last_not_of(' ') + 1);
        if (cell == "—") return std::string();
        if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') return cell.substr(1, cell.size() - 2);
        return cell;
    };
    while (std::getline(doc, line)) {
        if (line.rfind("| `", 0) != 0) continue;
        std::vector<std::string> cells;
        std::size_t start = 1;
        for (std::size_t bar = line.find('|', start); bar != std::string::npos; bar = line.find('|', start)) {
            cells.push_back(unquote(line.substr(start, bar - start)));
            start = bar + 1;
        }
        REQUIRE(cells.size() == 5);
        documented.push_back(cells[0] + " " + cells[1] + " " + cells[2] + " " + cells[3] + " " + cells[4]);
    }
    std::vector<std::string> applied;
    for (const auto& m : core::vocabularyMappings())
        applied.push_back(std::string(m.vocabulary) + " " + std::string(m.oldCode) + " " + std::string(m.oldLabel) +
                          " " + std::string(m.newCode) + " " + std::string(m.why));
    CHECK(documented == applied);
}

TEST_CASE("kept legacy codes read as their first-release labels on screen", "[vocab]") {
    CHECK(app::legacyLabels("session", "kind:oneoff themes:smartphone") == "Aide ponctuelle, Applications sur smartphone");
    CHECK(app::legacyLabels("learner", "age_bracket:18_35", "age_bracket") == "18 à 35 ans");
    CHECK(app::legacyLabels("learner", "age_bracket:18_35", "gender").empty());
    CHECK(app::legacyLabels("session", "").empty());
}
