// A backup file of a live database, written so that a file under the chosen name is always whole and checked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sql/connection.hpp"

namespace mediane::sql {

struct BackupFile {
    std::string file;
    int schemaVersion = 0;  // PRAGMA user_version of the copy
    std::uintmax_t bytes = 0;
};

// Opens a new connection on `path` (created): the notebook's goes through its encrypting VFS, so the copy
// keeps the original's protection.
using CopyOpener = std::function<std::unique_ptr<Connection>(const std::string& path)>;

// Usage: auto done = writeBackupFile(db, "/media/usb/mediane.sqlite", [](auto& p) { return std::make_unique<Connection>(p); });
// Copies `from` (copyDatabase: one snapshot, WAL included) into `<to>.partial`, runs PRAGMA integrity_check
// on the copy, closes it (its own WAL folded in), flushes it to disk, then renames it to `to` and flushes
// the folder. A crash or an error leaves `to` as it was (absent, or an older backup) and no partial file.
// Throws Io "err.backup.folder_missing" when `to`'s folder does not exist, Storage "err.backup.damaged"
// when the copy fails the check, Storage "err.backup.copy" or Io "err.backup.write" otherwise.
BackupFile writeBackupFile(Connection& from, const std::string& to, const CopyOpener& openCopy);

// The file and its SQLite companions (-wal, -shm, -journal), removed if present.
void removeDatabaseFiles(const std::string& path);

}  // namespace mediane::sql
