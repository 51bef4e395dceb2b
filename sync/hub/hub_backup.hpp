// The hub's database file: backups taken while it serves, their restore, and the copy kept before an upgrade.
#pragma once

#include <string>

#include "sql/backup_file.hpp"

namespace mediane::hub {

// The schema version this resin-hub writes: the last step of SqliteHubStore::migrate(). Raise it with each
// new step (a test compares it with a new hub file's), so that an older binary refuses a newer file.
constexpr int kHubSchemaVersion = 10;

// Before SqliteHubStore opens databaseFile: Storage "err.hub.db_too_new" when a newer resin-hub wrote it
// (nothing is touched); an older file is copied to <its folder>/backups/hub-v<N>-<stamp>.sqlite3 first,
// and that path returned; "" when there is nothing to migrate.
std::string checkBeforeUpgrade(const std::string& databaseFile);

// A checked copy of the hub's database to `to` while it serves (sql::writeBackupFile): pushes go on, and
// the copy is the state of one instant, WAL included.
sql::BackupFile backupHub(const std::string& databaseFile, const std::string& to);

struct RestoredHub {
    int backupSchemaVersion = 0;
    std::string previousCopy;  // where the database it replaced was kept; "" when there was none
};

// Replaces the hub's database by the backup `from`, in one transaction, after checking it (integrity_check,
// a hub database, not from a newer resin-hub: Refused "err.hub.backup_too_new"); the database it replaces
// is kept in <its folder>/backups/ first. Stop the service first: a running hub keeps serving its old state.
RestoredHub restoreHub(const std::string& databaseFile, const std::string& from);

}  // namespace mediane::hub
