#include "app/notebook_backup.hpp"

#include <filesystem>

#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/private_files.hpp"
#include "sql/online_backup.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/notebook_backup.hpp"
#include "store/notebook_key.hpp"

namespace mediane::app {

namespace fs = std::filesystem;

namespace {

std::string notebookFile(const std::string& dataDir) { return (fs::path(dataDir) / Notebook::kDatabaseFile).string(); }
std::string keyFile(const std::string& dataDir) { return (fs::path(dataDir) / Notebook::kKeyFile).string(); }

bool hasNotebook(const std::string& dataDir) {
    std::error_code ec;
    const auto file = notebookFile(dataDir);
    return fs::exists(file, ec) && fs::file_size(file, ec) > 0;
}

}  // namespace

sql::BackupFile backupNotebook(const std::string& dataDir, const std::string& to) {
    // A backup holds learners' names: readable by the adviser's account only, like the notebook.
    core::keepNewFilesPrivate();
    if (!hasNotebook(dataDir)) throw Error(Error::Kind::NotFound, "err.backup.no_notebook", {{"folder", dataDir}});
    const bool encrypted = Notebook::isEncrypted(dataDir);
    if (encrypted && !store::findNotebookKey(notebookFile(dataDir)))
        throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", notebookFile(dataDir)}});
    // Read-write only so that a WAL left by a crash is recovered into the snapshot; nothing is written.
    store::Database db(notebookFile(dataDir));
    return store::backupNotebook(db, encrypted ? keyFile(dataDir) : std::string(), to);
}

sql::BackupFile backupNotebookToFolder(const std::string& dataDir, const std::string& folder) {
    return backupNotebook(dataDir, (fs::path(folder) / store::timestampedName("mediane")).string());
}

RestoredNotebook restoreNotebook(const std::string& dataDir, const std::string& from,
                                 const std::optional<std::string>& passphrase) {
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) throw Error(Error::Kind::NotFound, "err.backup.missing", {{"file", from}});
    const std::string fromKey = store::backupKeyFile(from);
    const bool encryptedBackup = fs::exists(fromKey, ec);
    const bool notebookThere = hasNotebook(dataDir);
    if (notebookThere && Notebook::isEncrypted(dataDir) != encryptedBackup)
        throw Error(Error::Kind::Refused, "err.backup.protection_differs", {{"file", from}, {"folder", dataDir}});
    if (encryptedBackup) {
        if (!passphrase) throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", from}});
        store::registerNotebookKey(from, store::readKeyFile(fromKey, *passphrase));
    }
    struct KeyForBackup {
        std::string path;
        ~KeyForBackup() { if (!path.empty()) store::forgetNotebookKey(path); }
    } keyForBackup{encryptedBackup ? from : std::string()};

    RestoredNotebook restored;
    restored.file = notebookFile(dataDir);
    store::Database source(from);
    if (auto check = sql::integrityCheck(source); check != "ok")
        throw Error(Error::Kind::Storage, "err.backup.damaged", {{"file", from}, {"detail", check}});
    restored.backupSchemaVersion = store::schemaVersion(source);
    if (restored.backupSchemaVersion > store::latestSchemaVersion())
        throw Error(Error::Kind::Refused, "err.backup.too_new",
                    {{"file", from}, {"version", std::to_string(restored.backupSchemaVersion)}});
    if (restored.backupSchemaVersion < 1 ||
        source.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'device'") == 0)
        throw Error(Error::Kind::Refused, "err.backup.not_a_notebook", {{"file", from}});

    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);
    if (notebookThere) {
        if (encryptedBackup) Notebook::unlock(dataDir, *passphrase);
        store::Database current(restored.file);
        const fs::path folder = fs::path(dataDir) / "backups";
        core::ensurePrivateDirectory(folder);
        restored.previousCopy = (folder / store::timestampedName("mediane-before-restore")).string();
        store::backupNotebook(current, encryptedBackup ? keyFile(dataDir) : std::string(), restored.previousCopy);
    } else {
        sql::removeDatabaseFiles(restored.file);  // an empty file, or companions left without their notebook
        if (encryptedBackup) {
            // The restored notebook is sealed with the backup's key, wrapped by the same passphrase as before.
            fs::copy_file(fromKey, keyFile(dataDir), fs::copy_options::overwrite_existing, ec);
            if (ec) throw Error(Error::Kind::Io, "err.backup.write", {{"file", keyFile(dataDir)}, {"detail", ec.message()}});
            Notebook::unlock(dataDir, *passphrase);
        }
    }
    store::Database target(restored.file);
    sql::copyDatabase(source, target);
    if (auto check = sql::integrityCheck(target); check != "ok")
        throw Error(Error::Kind::Storage, "err.backup.damaged", {{"file", restored.file}, {"detail", check}});
    return restored;
}

}  // namespace mediane::app
