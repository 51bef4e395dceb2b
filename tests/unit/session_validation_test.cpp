#include "core/error.hpp"
#include "core/validation.hpp"
#include "notebook_fixture.hpp"
#include "store/outbox_operation.hpp"

#include <catch2/catch.hpp>

using namespace mediane;
using mediane::test::NotebookFixture;

namespace {
// The field an invalid session is refused for; "" when it is accepted.
std::string refusedField(NotebookFixture& f, const core::Session& s) {
    try {
        f.notebook->recordSession(s);
    } catch (const Error& e) {
        return e.field();
    }
    return "";
}
}  // namespace

TEST_CASE("a valid session is stored with its learners, themes and competences") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.equipment = {"telephone"};
    s.autonomy = "partiellement_autonome";
    s.notes = "Création du compte Ameli, « mot de passe » noté sur papier.";
    auto saved = f.notebook->recordSession(s);
    auto loaded = f.notebook->session(saved.id);
    REQUIRE(loaded);
    CHECK(loaded->learnerIds == s.learnerIds);
    CHECK(loaded->themes == s.themes);
    CHECK(loaded->competences == s.competences);
    CHECK(loaded->equipment == s.equipment);
    CHECK(loaded->notes == s.notes);
    CHECK(loaded->durationMinutes == 45);
    CHECK(f.notebook->learnerHistory(f.learner.id).size() == 1);
}

TEST_CASE("saving a session remembers its place and duration for the next one") {
    NotebookFixture f;
    f.notebook->recordSession(f.makeSession());
    CHECK(f.notebook->settings().get("last_place_id") == f.place.id);
    CHECK(f.notebook->settings().get("last_duration") == "45");
}

TEST_CASE("an invalid session is refused naming the field, and nothing is stored") {
    NotebookFixture f;
    auto before = f.count("sessions");
    auto outboxBefore = f.count("outbox");

    auto noTheme = f.makeSession();
    noTheme.themes.clear();
    CHECK(refusedField(f, noTheme) == "session.themes");

    auto badDate = f.makeSession();
    badDate.date = "2026-02-30";
    CHECK(refusedField(f, badDate) == "session.date");

    auto future = f.makeSession();
    future.date = core::addDays(core::today(), 30);
    CHECK(refusedField(f, future) == "session.date");

    auto nobody = f.makeSession();
    nobody.learnerIds.clear();
    CHECK(refusedField(f, nobody) == "session.learners");

    auto noPlace = f.makeSession();
    noPlace.placeId.clear();
    CHECK(refusedField(f, noPlace) == "session.place");

    auto unknownTheme = f.makeSession();
    unknownTheme.themes = {"astrologie"};
    CHECK(refusedField(f, unknownTheme) == "session.themes");

    auto unknownCompetence = f.makeSession();
    unknownCompetence.competences = {"9.9"};
    CHECK(refusedField(f, unknownCompetence) == "session.competences");

    auto tooLong = f.makeSession();
    tooLong.durationMinutes = 0;
    CHECK(refusedField(f, tooLong) == "session.duration");

    auto huge = f.makeSession();
    huge.notes = std::string(core::kMaxNotes + 1, 'x');
    CHECK(refusedField(f, huge) == "session.notes");

    auto badUtf8 = f.makeSession();
    badUtf8.notes = "caf\xC3";
    CHECK(refusedField(f, badUtf8) == "session.notes");

    auto ghost = f.makeSession();
    ghost.learnerIds = {"0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a77"};
    CHECK(refusedField(f, ghost) == "session.learners");

    CHECK(f.count("sessions") == before);
    CHECK(f.count("outbox") == outboxBefore);
}

TEST_CASE("a workshop counts anonymous participants, an individual session has one person, named or anonymous") {
    NotebookFixture f;
    auto workshop = f.makeSession();
    workshop.kind = core::SessionKind::Workshop;
    workshop.learnerIds.clear();
    workshop.anonymousCount = 8;
    CHECK(refusedField(f, workshop) == "");

    auto individual = f.makeSession();
    individual.anonymousCount = 3;
    CHECK(refusedField(f, individual) == "session.learners");
    individual.learnerIds.clear();
    individual.anonymousCount = 1;
    CHECK(refusedField(f, individual) == "");
}

TEST_CASE("identity and contact are refused without recorded consent") {
    NotebookFixture f;
    auto l = NotebookFixture::makeLearner("Mme D.");
    l.lastName = "Dupont";
    try {
        f.notebook->createLearner(l);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.identity_without_consent");
    }
    l.consentDate = core::today();
    auto saved = f.notebook->createLearner(l);
    CHECK(saved.displayName() == "Dupont");
}

TEST_CASE("a learner without a pseudonym is refused") {
    NotebookFixture f;
    auto l = NotebookFixture::makeLearner("   ");
    CHECK_THROWS_AS(f.notebook->createLearner(l), Error);
    CHECK(f.count("learners") == 1);
}

TEST_CASE("a learner update records only the changed fields against its base version") {
    NotebookFixture f;
    auto edited = f.learner;
    edited.commune = "Saint-Fons";
    edited.goals = "Prendre rendez-vous chez le médecin en ligne";
    f.notebook->updateLearner(edited);
    auto ops = f.notebook->outbox().forRecord(f.learner.id);
    REQUIRE(ops.size() == 2);
    CHECK(ops[1].op == "update");
    CHECK(ops[1].baseVersion == 0);
    CHECK(ops[1].fields.size() == 2);
    CHECK(ops[1].fields.at("commune") == "Saint-Fons");
}

TEST_CASE("an update that changes nothing writes no outbox row") {
    NotebookFixture f;
    auto before = f.count("outbox");
    f.notebook->updateLearner(f.learner);
    CHECK(f.count("outbox") == before);
}

TEST_CASE("learner search finds by a few letters, accents folded") {
    NotebookFixture f;
    auto l = NotebookFixture::makeLearner("Mme H.");
    l.firstName = "Hélène";
    l.lastName = "Bérard";
    l.consentDate = core::today();
    f.notebook->createLearner(l);
    CHECK(f.notebook->searchLearners("hel").size() == 1);
    CHECK(f.notebook->searchLearners("bér").size() == 1);
    CHECK(f.notebook->searchLearners("ber hel").size() == 1);
    CHECK(f.notebook->searchLearners("zzz").empty());
    CHECK(f.notebook->searchLearners("\"OR(").empty());  // stray operators are harmless
    CHECK(f.notebook->searchLearners("").size() == 2);
}

TEST_CASE("assessments use small steps within a level") {
    NotebookFixture f;
    core::Assessment a;
    a.learnerId = f.learner.id;
    a.competenceCode = "1.1";
    a.score = 1;  // level 1, second step
    a.date = core::today();
    auto saved = f.notebook->recordAssessment(a);
    CHECK(saved.level() == 1);
    CHECK(saved.step() == 1);
    CHECK(saved.fractionalLevel() == Approx(1.25));
    a.score = 40;
    CHECK_THROWS_AS(f.notebook->recordAssessment(a), Error);
}
