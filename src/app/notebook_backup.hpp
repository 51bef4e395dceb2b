// Backing up and restoring a notebook: `mediane backup`, `mediane restore` and the « Sauvegarder » button.
#pragma once

#include <optional>
#include <string>

#include "sql/backup_file.hpp"

namespace mediane::app {

// A checked copy of the notebook in dataDir written to `to`, while the app, a sync or the dashboard may
// be using it (a second connection takes one snapshot, WAL included). An encrypted notebook's copy stays
// sealed with its key, and its key file goes beside it (store::backupKeyFile); its key must be unlocked.
sql::BackupFile backupNotebook(const std::string& dataDir, const std::string& to);

// The button's backup: "mediane-<UTC stamp>.sqlite" in `folder` (a USB stick, any folder).
sql::BackupFile backupNotebookToFolder(const std::string& dataDir, const std::string& folder);

struct RestoredNotebook {
    std::string file;          // the notebook file, restored
    int backupSchemaVersion = 0;
    std::string previousCopy;  // where the notebook it replaced was kept; "" when there was none
};

// Replaces the notebook in dataDir by the backup `from`, in one transaction, after checking the backup
// (integrity_check, a notebook, not from a newer Médiane: Refused "err.backup.too_new"). The notebook it
// replaces is first kept in <dataDir>/backups/. An encrypted backup needs its passphrase (the one it had
// when it was taken) and restores encrypted; a backup and a notebook protected differently are refused
// (Refused "err.backup.protection_differs") unless the folder holds no notebook yet. Close the app first:
// the restore does not tell a window that has the notebook open. The next open migrates an older backup.
RestoredNotebook restoreNotebook(const std::string& dataDir, const std::string& from,
                                 const std::optional<std::string>& passphrase);

}  // namespace mediane::app
