// Correcting and deleting a recorded session (Notebook::updateSession, deleteSession) and its local history.
#include "notebook_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app/session_input.hpp"
#include "core/error.hpp"
#include "store/outbox_operation.hpp"

using namespace mediane;
using test::NotebookFixture;
using test::sqlInt;

namespace {
std::vector<store::OutboxOperation> opsOf(app::Notebook& nb, const std::string& id) { return nb.outbox().forRecord(id); }
}  // namespace

TEST_CASE("a corrected session keeps its id and shows every corrected field, its learners included") {
    NotebookFixture f;
    auto other = f.notebook->createLearner(NotebookFixture::makeLearner("Bénéficiaire 0002"));
    auto saved = f.notebook->recordSession(f.makeSession());
    auto edited = saved;
    edited.durationMinutes = 90;
    edited.learnerIds = {other.id};
    edited.themes = {"prendre_en_main_du_materiel"};
    edited.notes = "Revenir pour le courriel";
    auto corrected = f.notebook->updateSession(edited);
    CHECK(corrected.id == saved.id);
    CHECK(corrected.durationMinutes == 90);
    CHECK(corrected.learnerIds == std::vector<std::string>{other.id});
    CHECK(corrected.themes == std::vector<std::string>{"prendre_en_main_du_materiel"});
    CHECK(corrected.notes == "Revenir pour le courriel");
    CHECK(f.notebook->learnerHistory(f.learner.id).empty());
    CHECK(f.notebook->learnerHistory(other.id).size() == 1);
    CHECK(f.count("sessions") == 1);
}

TEST_CASE("a session correction queues one update with only the changed fields, on the session's version") {
    NotebookFixture f;
    auto saved = f.notebook->recordSession(f.makeSession());
    auto edited = saved;
    edited.durationMinutes = 30;
    f.notebook->updateSession(edited);
    auto ops = opsOf(*f.notebook, saved.id);
    REQUIRE(ops.size() == 2);
    CHECK(ops[1].op == "update");
    CHECK(ops[1].baseVersion == 0);
    auto fields = ops[1].fields;
    CHECK(fields == nlohmann::json{{"duration_minutes", 30}});
    CHECK(sqlInt(*f.notebook, "SELECT count(*) FROM sessions WHERE sync_state = 'pending'") == 1);
}

TEST_CASE("an unchanged session correction writes nothing") {
    NotebookFixture f;
    auto saved = f.notebook->recordSession(f.makeSession());
    f.notebook->updateSession(saved);
    CHECK(opsOf(*f.notebook, saved.id).size() == 1);
    CHECK(f.notebook->sessionHistory(saved.id).size() == 1);  // its creation only
}

TEST_CASE("a session correction is validated like a new session and stores nothing when invalid") {
    NotebookFixture f;
    auto saved = f.notebook->recordSession(f.makeSession());
    auto edited = saved;
    edited.durationMinutes = 0;
    CHECK_THROWS_AS(f.notebook->updateSession(edited), Error);
    edited = saved;
    edited.learnerIds = {"01900000-0000-7000-8000-000000000000"};
    CHECK_THROWS_AS(f.notebook->updateSession(edited), Error);
    CHECK(f.notebook->session(saved.id)->durationMinutes == 45);
    CHECK(f.notebook->session(saved.id)->learnerIds == saved.learnerIds);
    CHECK(opsOf(*f.notebook, saved.id).size() == 1);
}

TEST_CASE("a correction leaves the session's cheques, structure and adviser as recorded") {
    NotebookFixture f;
    f.notebook->giveCheque(1003, f.learner.id, core::today());
    auto draft = f.makeSession();
    draft.chequesRedeemed = {1003};
    auto saved = f.notebook->recordSession(draft);
    auto edited = saved;
    edited.chequesRedeemed = {};
    edited.structure = "Autre structure";
    edited.adviser = "quelqu.un";
    edited.notes = "corrigée";
    auto corrected = f.notebook->updateSession(edited);
    CHECK(corrected.chequesRedeemed == std::vector<std::int64_t>{1003});
    CHECK(corrected.structure == saved.structure);
    CHECK(corrected.adviser == saved.adviser);
    auto fields = opsOf(*f.notebook, saved.id).back().fields;
    CHECK(fields == nlohmann::json{{"notes", "corrigée"}});
}

TEST_CASE("deleting a session queues a tombstone and keeps the assessments made in it") {
    NotebookFixture f;
    core::Assessment a;
    a.learnerId = f.learner.id;
    a.competenceCode = "4.2";
    a.score = 2;
    auto saved = f.notebook->recordSession(f.makeSession(), {a});
    f.notebook->deleteSession(saved.id);
    CHECK_FALSE(f.notebook->session(saved.id));
    CHECK(f.count("sessions") == 0);
    CHECK(f.count("session_learners") == 0);
    CHECK(f.count("session_tags") == 0);
    CHECK(f.notebook->learnerAssessments(f.learner.id).size() == 1);
    auto ops = opsOf(*f.notebook, saved.id);
    REQUIRE(ops.size() == 2);
    CHECK(ops[1].op == "delete");
    CHECK(ops[1].fields.empty());
}

TEST_CASE("a session with redeemed cheques cannot be deleted, only corrected") {
    NotebookFixture f;
    f.notebook->giveCheque(1004, f.learner.id, core::today());
    auto draft = f.makeSession();
    draft.chequesRedeemed = {1004};
    auto saved = f.notebook->recordSession(draft);
    try {
        f.notebook->deleteSession(saved.id);
        FAIL("the deletion was accepted");
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::Refused);
        CHECK(e.key() == "corrections.err.session_has_cheques");
        CHECK(e.params().at("numbers") == "1004");
    }
    CHECK(f.notebook->session(saved.id));
    CHECK(opsOf(*f.notebook, saved.id).size() == 1);
}

TEST_CASE("an unknown session can be neither corrected nor deleted") {
    NotebookFixture f;
    core::Session ghost = f.makeSession();
    ghost.id = "01900000-0000-7000-8000-000000000001";
    auto pending = f.notebook->outbox().pendingCount();
    CHECK_THROWS_AS(f.notebook->updateSession(ghost), Error);
    CHECK_THROWS_AS(f.notebook->deleteSession(ghost.id), Error);
    CHECK(f.notebook->outbox().pendingCount() == pending);
}

TEST_CASE("a session's history names the fields changed and who changed them, never the values") {
    NotebookFixture f;
    auto saved = f.notebook->recordSession(f.makeSession());
    auto edited = saved;
    edited.notes = "Téléphone de sa fille : 06 12 34 56 78";
    edited.durationMinutes = 50;
    f.notebook->updateSession(edited);
    auto history = f.notebook->sessionHistory(saved.id);
    REQUIRE(history.size() == 2);
    CHECK(history[0].op == "create");
    CHECK(history[1].op == "update");
    CHECK(history[1].fields == std::vector<std::string>{"duration_minutes", "notes"});
    CHECK(sqlInt(*f.notebook, "SELECT count(*) FROM record_history WHERE fields LIKE '%06 12%' OR login LIKE '%06 12%'") == 0);
}

TEST_CASE("a session typed as JSON takes the export's shape and refuses unknown, mistyped and locked fields") {
    core::Session base;
    base.id = "s1";
    base.date = "2026-11-02";
    base.chequesRedeemed = {12};
    auto edited = app::sessionFromInput(
        nlohmann::json{{"id", "ignored"}, {"duration_minutes", 20}, {"themes", {"a", "b"}}, {"place_name", "x"},
                       {"cheques_redeemed", {12}}},
        base, app::SessionInput::Edit);
    CHECK(edited.id == "s1");
    CHECK(edited.durationMinutes == 20);
    CHECK(edited.themes == std::vector<std::string>{"a", "b"});
    CHECK(edited.date == "2026-11-02");
    auto keyOf = [&](const nlohmann::json& input) {
        try {
            app::sessionFromInput(input, base, app::SessionInput::Edit);
        } catch (const Error& e) {
            CHECK(e.kind() == Error::Kind::Validation);
            return e.key();
        }
        return std::string("accepted");
    };
    CHECK(keyOf({{"duree", 20}}) == "corrections.err.field_unknown");
    CHECK(keyOf({{"duration_minutes", "20"}}) == "corrections.err.field_type_integer");
    CHECK(keyOf({{"themes", {1, 2}}}) == "corrections.err.field_type_text_list");
    CHECK(keyOf({{"cheques_redeemed", {13}}}) == "corrections.err.field_locked");
    CHECK(keyOf({{"adviser", "autre"}}) == "corrections.err.field_locked");
    CHECK_THROWS_AS(app::parseInputObject("{\"date\": "), Error);
    CHECK_THROWS_AS(app::parseInputObject("[1]"), Error);
}
