// Erasure on one notebook: sessions become head counts, the search forgets the name, the files keep no byte of it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "notebook_fixture.hpp"
#include "store/learner_erasure.hpp"

using namespace mediane;

namespace {
bool anyFileHolds(const test::TempDir& dir, const std::string& needle) {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (bytes.find(needle) != std::string::npos) return true;
    }
    return false;
}

core::Learner named(test::NotebookFixture& f) {
    auto l = test::NotebookFixture::makeLearner("Bénéficiaire 0077");
    l.lastName = "Vandermeulebroucke";
    l.consentDate = "2026-01-05";
    l.gender = "feminin";
    return f.notebook->createLearner(l);
}
}  // namespace

TEST_CASE("an erased learner's sessions keep their head count and the search no longer finds the name") {
    test::NotebookFixture f;
    auto learner = named(f);
    auto s = f.makeSession();
    s.learnerIds = {learner.id};
    f.notebook->recordSession(s);
    REQUIRE(f.notebook->searchLearners("Vandermeule").size() == 1);
    f.notebook->eraseLearner(learner.id);
    CHECK(f.notebook->searchLearners("Vandermeule").empty());
    CHECK_FALSE(f.notebook->learner(learner.id));
    CHECK(f.count("session_learners") == 0);
    CHECK(f.count("sessions") == 1);
    CHECK(test::sqlInt(*f.notebook, "SELECT anonymous_count FROM sessions") == 1);
    CHECK(test::sqlInt(*f.notebook, "SELECT count(*) FROM session_tags WHERE code = 'feminin:1'") == 1);
    // Never sent: the creation leaves the outbox with it, and no tombstone is needed.
    CHECK(test::sqlInt(*f.notebook, "SELECT count(*) FROM outbox WHERE entity = 'learner' AND record_id = '" +
                                        learner.id + "'") == 0);
    CHECK_FALSE(anyFileHolds(f.dir, "Vandermeulebroucke"));
    CHECK_FALSE(anyFileHolds(f.dir, "vandermeulebroucke"));
}

TEST_CASE("a reader holding an old snapshot delays the WAL wipe, which the next try completes") {
    test::NotebookFixture f;
    auto learner = named(f);
    {
        test::NotebookSql reader(*f.notebook);
        reader.exec("BEGIN");
        reader.scalarInt("SELECT count(*) FROM learners");  // a read transaction on the old snapshot
        f.notebook->eraseLearner(learner.id);
        CHECK(test::sqlInt(*f.notebook, "SELECT value = '1' FROM settings WHERE key = 'wipe_pending'") == 1);
        reader.exec("COMMIT");
    }
    test::NotebookSql db(*f.notebook);
    store::LearnerErasure::retryPendingWipe(db);
    CHECK(db.scalarInt("SELECT value = '0' FROM settings WHERE key = 'wipe_pending'") == 1);
    CHECK_FALSE(anyFileHolds(f.dir, "Vandermeulebroucke"));
}
