#include "store/notebook_backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "store/database.hpp"
#include "store/encrypted_vfs.hpp"
#include "store/migrations.hpp"
#include "store/notebook_key.hpp"

namespace mediane::store {

namespace fs = std::filesystem;

std::string backupKeyFile(const std::string& backupFile) { return backupFile + ".key"; }

std::string timestampedName(const std::string& prefix) {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return prefix + "-" + stamp + ".sqlite";
}

sql::BackupFile backupNotebook(Database& db, const std::string& keyFile, const std::string& to) {
    auto key = findNotebookKey(db.path());
    if (key && keyFile.empty())
        throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", db.path()}});
    // The copy is sealed with the notebook's own key, registered for its path while it is written.
    struct KeyForCopy {
        std::string path;
        ~KeyForCopy() { if (!path.empty()) forgetNotebookKey(path); }
    } keyForCopy;
    auto done = sql::writeBackupFile(db, to, [&key, &keyForCopy](const std::string& path) {
        if (!key) return std::make_unique<sql::Connection>(path);
        registerNotebookKey(path, key);
        keyForCopy.path = path;
        sql::Options options;
        options.vfs = encryptedVfsName();
        auto copy = std::make_unique<sql::Connection>(path, options);
        prepareEncryptedConnection(copy->handle(), true);
        return copy;
    });
    if (key) {
        std::error_code ec;
        fs::copy_file(keyFile, backupKeyFile(to), fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw Error(Error::Kind::Io, "err.backup.write", {{"file", backupKeyFile(to)}, {"detail", ec.message()}});
    }
    return done;
}

std::string keepCopyBeforeUpgrade(Database& db, const std::string& keyFile, const std::string& dataDir) {
    const int version = schemaVersion(db);
    if (version <= 0 || version >= latestSchemaVersion()) return {};
    // Older still, the migration removes on purpose what a copy would keep (the token, erased values).
    if (version < oldestVersionSafeToKeep()) return {};
    const fs::path folder = fs::path(dataDir) / "backups";
    core::ensurePrivateDirectory(folder);
    const std::string to = (folder / timestampedName("mediane-v" + std::to_string(version))).string();
    backupNotebook(db, keyFile, to);
    return to;
}

int forgetKeptCopies(Database& db) {
    const char* file = sqlite3_db_filename(db.handle(), "main");
    if (!file || !*file) return 0;
    const fs::path folder = fs::path(file).parent_path() / "backups";
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return 0;
    int removed = 0;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        // Only the names keepCopyBeforeUpgrade and a restore give; anything else in the folder is the adviser's.
        if (name.rfind("mediane-v", 0) != 0 && name.rfind("mediane-before-restore-", 0) != 0) continue;
        if (fs::remove(entry.path(), ec)) ++removed;
    }
    return removed;
}

}  // namespace mediane::store
