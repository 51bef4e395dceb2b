// Erasure on one notebook: sessions become head counts, the search forgets the name, the files keep no byte of it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "notebook_fixture.hpp"
#include "store/database.hpp"
#include "store/learner_erasure.hpp"
#include "store/migrations.hpp"
#include "store/notebook_backup.hpp"

using namespace mediane;

namespace {
bool anyFileHolds(const std::filesystem::path& folder, const std::string& needle) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
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
    CHECK_FALSE(anyFileHolds(f.dir.path(), "Vandermeulebroucke"));
    CHECK_FALSE(anyFileHolds(f.dir.path(), "vandermeulebroucke"));
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
    CHECK_FALSE(anyFileHolds(f.dir.path(), "Vandermeulebroucke"));
}

TEST_CASE("a notebook of a release before secure_delete loses the values it had deleted when it is migrated") {
    test::TempDir dir;
    auto path = (dir.path() / app::Notebook::kDatabaseFile).string();
    {
        // What an earlier release left: a learner deleted without zeroing, its bytes still in a free page.
        store::Database db(path);
        db.exec("PRAGMA secure_delete = OFF");
        store::migrate(db, 9);
        db.exec("INSERT INTO learners (id, pseudonym, last_name, created_at, updated_at) VALUES "
                "('0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a78', 'B-1', 'Vandermeulebroucke', '2024-01-01T00:00:00Z', "
                "'2024-01-01T00:00:00Z')");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        db.exec("DELETE FROM learners");
        db.exec("INSERT INTO learners_fts(learners_fts) VALUES ('rebuild')");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    REQUIRE(anyFileHolds(dir.path(), "Vandermeulebroucke"));
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK_FALSE(anyFileHolds(dir.path(), "Vandermeulebroucke"));
}

TEST_CASE("an erasure removes the copies the notebook kept before a migration or a restore, which still hold the name") {
    test::NotebookFixture f;
    auto learner = named(f);
    const auto folder = f.dir.path() / "backups";
    std::filesystem::create_directories(folder);
    {
        store::Database db((f.dir.path() / "mediane.sqlite").string());
        store::backupNotebook(db, "", (folder / store::timestampedName("mediane-v12")).string());
        store::backupNotebook(db, "", (folder / store::timestampedName("mediane-before-restore")).string());
    }
    std::ofstream((folder / "notes-de-l-adviser.txt").string()) << "not Médiane's to remove";
    REQUIRE(anyFileHolds(folder, "Vandermeulebroucke"));
    f.notebook->eraseLearner(learner.id);
    CHECK_FALSE(anyFileHolds(folder, "Vandermeulebroucke"));
    std::vector<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) left.push_back(entry.path().filename().string());
    CHECK(left == std::vector<std::string>{"notes-de-l-adviser.txt"});
}
