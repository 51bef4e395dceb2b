// Backups of the notebook (app/notebook_backup): taken while it is open, restored whole, refused when too new,
// encrypted like the notebook, and the copy a newer Médiane keeps before migrating.
#include "notebook_fixture.hpp"
#include "support/notebook_sql.hpp"

#include "app/notebook_backup.hpp"
#include "core/error.hpp"
#include "core/translator.hpp"
#include "store/encrypted_vfs.hpp"
#include "store/migrations.hpp"
#include "store/notebook_backup.hpp"
#include "store/notebook_key.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace mediane;
namespace fs = std::filesystem;

namespace {

const std::string kPassphrase = "quatre mots faciles à retenir";

std::string dataDir(const test::TempDir& dir) { return dir.str(); }
std::string notebookFile(const test::TempDir& dir) { return (dir.path() / app::Notebook::kDatabaseFile).string(); }

// What survives must be the records themselves: ids and fields, compared through the app's own reads.
std::string records(app::Notebook& notebook) {
    std::string out;
    for (const auto& l : notebook.searchLearners("", 10000)) out += l.id + "|" + l.pseudonym + "|" + l.commune + "\n";
    for (const auto& s : notebook.recentSessions(10000)) out += s.id + "|" + s.date + "|" + std::to_string(s.durationMinutes) + "\n";
    for (const auto& c : notebook.cheques("", 10000)) out += std::to_string(c.number) + "|" + c.givenOn + "|" + c.learnerId + "\n";
    return out;
}

// The backups in a folder (SQLite adds -wal and -shm beside one while it is open).
std::vector<fs::path> filesIn(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(folder, ec))
        for (const auto& e : fs::directory_iterator(folder))
            if (e.path().extension() == ".sqlite") files.push_back(e.path());
    return files;
}

}  // namespace

TEST_CASE("a backup taken while the notebook is open restores every record") {
    test::NotebookFixture f;
    for (int i = 0; i < 20; ++i) f.notebook->recordSession(f.makeSession());
    test::TempDir out;
    const auto backupFile = (out.path() / "copie.sqlite").string();
    // The notebook stays open, its last writes still in its WAL: the backup must hold them.
    auto done = app::backupNotebook(dataDir(f.dir), backupFile);
    CHECK(done.file == backupFile);
    CHECK(done.schemaVersion == store::latestSchemaVersion());
    CHECK(fs::exists(backupFile));
    CHECK_FALSE(fs::exists(backupFile + ".partial"));
    CHECK_FALSE(fs::exists(backupFile + "-wal"));

    test::TempDir restoredDir;
    auto restored = app::restoreNotebook(restoredDir.str(), backupFile, std::nullopt);
    CHECK(restored.previousCopy.empty());
    auto reopened = app::Notebook::open(restoredDir.str(), test::assetsDir());
    CHECK(records(*reopened) == records(*f.notebook));
    CHECK(reopened->status().sessions == 20);
}

TEST_CASE("restoring over a notebook keeps the one it replaces") {
    test::NotebookFixture f;
    f.notebook->recordSession(f.makeSession());
    test::TempDir out;
    const auto backupFile = (out.path() / "copie.sqlite").string();
    app::backupNotebook(dataDir(f.dir), backupFile);
    f.notebook->recordSession(f.makeSession());  // after the backup: gone once restored, but kept aside
    const auto before = records(*f.notebook);
    f.notebook.reset();

    auto restored = app::restoreNotebook(dataDir(f.dir), backupFile, std::nullopt);
    REQUIRE_FALSE(restored.previousCopy.empty());
    auto reopened = app::Notebook::open(dataDir(f.dir), test::assetsDir());
    CHECK(reopened->status().sessions == 1);

    test::TempDir asBefore;
    app::restoreNotebook(asBefore.str(), restored.previousCopy, std::nullopt);
    CHECK(records(*app::Notebook::open(asBefore.str(), test::assetsDir())) == before);
}

TEST_CASE("restore refuses a backup from a newer Médiane and changes nothing") {
    test::NotebookFixture f;
    f.notebook->recordSession(f.makeSession());
    test::TempDir out;
    const auto backupFile = (out.path() / "future.sqlite").string();
    app::backupNotebook(dataDir(f.dir), backupFile);
    {
        store::Database future(backupFile);
        future.exec("PRAGMA user_version = " + std::to_string(store::latestSchemaVersion() + 1));
    }
    const auto before = records(*f.notebook);
    try {
        app::restoreNotebook(dataDir(f.dir), backupFile, std::nullopt);
        FAIL("a newer backup was restored");
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::Refused);
        CHECK(e.key() == "err.backup.too_new");
        auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
        CHECK(tr.message(e).find("mettez Médiane à jour") != std::string::npos);
    }
    CHECK(records(*f.notebook) == before);
    CHECK(filesIn(f.dir.path() / "backups").empty());
}

TEST_CASE("restore refuses a file that is not a notebook") {
    test::TempDir out, target;
    const auto other = (out.path() / "autre.sqlite").string();
    { store::Database db(other); db.exec("CREATE TABLE t(x)"); db.exec("PRAGMA user_version = 3"); }
    try {
        app::restoreNotebook(target.str(), other, std::nullopt);
        FAIL("a foreign database was restored");
    } catch (const Error& e) {
        CHECK(e.key() == "err.backup.not_a_notebook");
    }
    CHECK_FALSE(fs::exists(target.path() / app::Notebook::kDatabaseFile));
}

TEST_CASE("a backup into a folder that does not exist says so and writes nothing") {
    test::NotebookFixture f;
    test::TempDir out;
    const auto missing = out.path() / "clé-usb-débranchée";
    try {
        app::backupNotebook(dataDir(f.dir), (missing / "copie.sqlite").string());
        FAIL("backup into a missing folder");
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::Io);
        CHECK(e.key() == "err.backup.folder_missing");
    }
    CHECK_FALSE(fs::exists(missing));
}

TEST_CASE("the button's backup goes into the chosen folder under a dated name") {
    test::NotebookFixture f;
    test::TempDir usb;
    auto done = app::backupNotebookToFolder(dataDir(f.dir), usb.str());
    CHECK(fs::path(done.file).parent_path() == usb.path());
    CHECK(fs::path(done.file).filename().string().rfind("mediane-", 0) == 0);
    CHECK(fs::path(done.file).extension() == ".sqlite");
}

TEST_CASE("an encrypted notebook's backup stays encrypted and restores with its passphrase") {
    test::TempDir dir;
    app::Notebook::encrypt(dir.str(), kPassphrase);
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    auto learner = notebook->createLearner(test::NotebookFixture::makeLearner("Bénéficiaire secrète"));
    test::TempDir out;
    const auto backupFile = (out.path() / "copie.sqlite").string();
    auto done = app::backupNotebook(dir.str(), backupFile);
    CHECK_FALSE(store::isPlainDatabaseFile(backupFile));
    CHECK(fs::exists(store::backupKeyFile(backupFile)));

    test::TempDir restoredDir;
    CHECK_THROWS_WITH(app::restoreNotebook(restoredDir.str(), backupFile, std::nullopt),
                      Catch::Contains("passphrase_needed"));
    app::restoreNotebook(restoredDir.str(), backupFile, kPassphrase);
    CHECK(app::Notebook::isEncrypted(restoredDir.str()));
    store::forgetNotebookKey((restoredDir.path() / app::Notebook::kDatabaseFile).string());
    app::Notebook::unlock(restoredDir.str(), kPassphrase);
    auto reopened = app::Notebook::open(restoredDir.str(), test::assetsDir());
    REQUIRE(reopened->learner(learner.id));
    CHECK(reopened->learner(learner.id)->pseudonym == "Bénéficiaire secrète");
}

TEST_CASE("a plain backup is not restored over an encrypted notebook") {
    test::NotebookFixture plain;
    test::TempDir out;
    const auto backupFile = (out.path() / "copie.sqlite").string();
    app::backupNotebook(dataDir(plain.dir), backupFile);
    test::TempDir encryptedDir;
    app::Notebook::encrypt(encryptedDir.str(), kPassphrase);
    app::Notebook::open(encryptedDir.str(), test::assetsDir());
    CHECK_THROWS_WITH(app::restoreNotebook(encryptedDir.str(), backupFile, kPassphrase),
                      Catch::Contains("protection_differs"));
}

TEST_CASE("a newer Médiane keeps the notebook as it was before migrating it") {
    test::TempDir dir;
    const int older = store::latestSchemaVersion() - 1;
    {
        store::Database db(notebookFile(dir));
        store::migrate(db, older);
        db.exec("INSERT INTO settings(key, value) VALUES ('marker', 'avant la mise à jour')");
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql sql(*notebook);
    CHECK(store::schemaVersion(sql) == store::latestSchemaVersion());
    auto kept = filesIn(dir.path() / "backups");
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].filename().string().rfind("mediane-v" + std::to_string(older) + "-", 0) == 0);
    store::Database copy(kept[0].string());
    CHECK(store::schemaVersion(copy) == older);
    CHECK(copy.scalarInt("SELECT count(*) FROM settings WHERE key = 'marker'") == 1);

    notebook.reset();
    app::Notebook::open(dir.str(), test::assetsDir());  // already current: no second copy
    CHECK(filesIn(dir.path() / "backups").size() == 1);
}

TEST_CASE("a notebook from a newer Médiane is refused with a message to update") {
    test::TempDir dir;
    {
        store::Database db(notebookFile(dir));
        store::migrate(db);
        db.exec("PRAGMA user_version = " + std::to_string(store::latestSchemaVersion() + 1));
    }
    try {
        app::Notebook::open(dir.str(), test::assetsDir());
        FAIL("a newer notebook was opened");
    } catch (const Error& e) {
        CHECK(e.key() == "err.db_too_new");
        auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
        CHECK(tr.message(e).find("mettez Médiane à jour") != std::string::npos);
    }
    CHECK(filesIn(dir.path() / "backups").empty());
}
