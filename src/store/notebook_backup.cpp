#include "store/notebook_backup.hpp"

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

}  // namespace mediane::store
