// Backups of the adviser's notebook file: a checked copy taken while Médiane runs, with the notebook's own
// protection, and the copy kept before a newer Médiane migrates it.
#pragma once

#include <string>

#include "sql/backup_file.hpp"

namespace mediane::store {

class Database;

// An encrypted notebook's backup is sealed with the notebook's key; the passphrase-wrapped key file is
// copied beside it under this name, without which nobody (the adviser included) could read it back.
std::string backupKeyFile(const std::string& backupFile);

// A file name that sorts by time: "<prefix>-20261202T143000Z.sqlite" (UTC).
std::string timestampedName(const std::string& prefix);

// Writes a checked backup of the notebook open in `db` to `to` (sql::writeBackupFile). When the notebook
// is encrypted (its key registered in this process), the copy is sealed with the same key and keyFile is
// copied to backupKeyFile(to); keyFile is "" for a plain notebook.
sql::BackupFile backupNotebook(Database& db, const std::string& keyFile, const std::string& to);

// Before migrate(): a notebook of an older schema is copied to <dataDir>/backups/ (private folder) as
// "mediane-v<N>-<stamp>.sqlite", and that path returned; "" when there is nothing to migrate (a new
// file, or one at the latest version, or one older than oldestVersionSafeToKeep(): its migration erases the
// device token and deleted values left in it, which a kept copy would preserve). A newer file is left to
// migrate(), which refuses it.
std::string keepCopyBeforeUpgrade(Database& db, const std::string& keyFile, const std::string& dataDir);

// After an erasure (a learner erased here or on the hub, identities past the retention period): the copies
// Médiane itself kept in the notebook's backups/ folder (before a migration, before a restore) still hold
// what was erased, so they go, with their key files. Returns how many files were removed. Backups the
// adviser wrote elsewhere (« Sauvegarder ») are out of reach (docs/privacy.md).
int forgetKeptCopies(Database& db);

}  // namespace mediane::store
