#include "sync/hub/hub_backup.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "sql/online_backup.hpp"
#include "sync/hub/hub_database.hpp"

namespace mediane::hub {

namespace fs = std::filesystem;

namespace {

std::string keptCopyPath(const std::string& databaseFile, const std::string& what) {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    const fs::path folder = fs::path(databaseFile).parent_path() / "backups";
    core::ensurePrivateDirectory(folder);
    return (folder / ("hub-" + what + "-" + stamp + ".sqlite3")).string();
}

sql::BackupFile copyTo(sql::Connection& from, const std::string& to) {
    return sql::writeBackupFile(from, to, [](const std::string& path) { return std::make_unique<sql::Connection>(path); });
}

bool hasHub(const std::string& databaseFile) {
    std::error_code ec;
    return fs::exists(databaseFile, ec) && fs::file_size(databaseFile, ec) > 0;
}

}  // namespace

std::string checkBeforeUpgrade(const std::string& databaseFile) {
    if (!hasHub(databaseFile)) return {};
    HubDatabase db(databaseFile);
    const int version = static_cast<int>(db.scalarInt("PRAGMA user_version"));
    if (version > kHubSchemaVersion)
        throw Error(Error::Kind::Storage, "err.hub.db_too_new", {{"file", databaseFile}, {"version", std::to_string(version)}});
    if (version <= 0 || version == kHubSchemaVersion) return {};
    auto to = keptCopyPath(databaseFile, "v" + std::to_string(version));
    copyTo(db, to);
    return to;
}

sql::BackupFile backupHub(const std::string& databaseFile, const std::string& to) {
    if (!hasHub(databaseFile)) throw Error(Error::Kind::NotFound, "err.hub.backup_no_database", {{"file", databaseFile}});
    HubDatabase db(databaseFile);
    return copyTo(db, to);
}

RestoredHub restoreHub(const std::string& databaseFile, const std::string& from) {
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) throw Error(Error::Kind::NotFound, "err.backup.missing", {{"file", from}});
    RestoredHub restored;
    HubDatabase source(from);
    if (auto check = sql::integrityCheck(source); check != "ok")
        throw Error(Error::Kind::Storage, "err.backup.damaged", {{"file", from}, {"detail", check}});
    restored.backupSchemaVersion = static_cast<int>(source.scalarInt("PRAGMA user_version"));
    if (restored.backupSchemaVersion > kHubSchemaVersion)
        throw Error(Error::Kind::Refused, "err.hub.backup_too_new",
                    {{"file", from}, {"version", std::to_string(restored.backupSchemaVersion)}});
    if (restored.backupSchemaVersion < 1 ||
        source.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'changes'") == 0)
        throw Error(Error::Kind::Refused, "err.hub.backup_not_a_hub", {{"file", from}});
    std::int64_t lastSeq = 0;
    if (hasHub(databaseFile)) {
        HubDatabase current(databaseFile);
        restored.previousCopy = keptCopyPath(databaseFile, "before-restore");
        copyTo(current, restored.previousCopy);
        lastSeq = current.scalarInt("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'changes'");
    }
    HubDatabase target(databaseFile);
    sql::copyDatabase(source, target);
    // Laptops' pull cursors may be past the backup's last change: new changes must be numbered after every
    // number the replaced database gave, or a laptop would never pull them.
    if (lastSeq > 0)
        target.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'changes' AND seq < ?")
            .bind(1, lastSeq).bind(2, lastSeq).run();
    if (auto check = sql::integrityCheck(target); check != "ok")
        throw Error(Error::Kind::Storage, "err.backup.damaged", {{"file", databaseFile}, {"detail", check}});
    return restored;
}

}  // namespace mediane::hub
