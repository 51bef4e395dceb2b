// Numbered schema migrations: a data file of any older version is upgraded in place, in one transaction each.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace mediane::store {

class Database;

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// All migrations in order; the schema version is PRAGMA user_version.
const std::vector<Migration>& migrations();
int latestSchemaVersion();
int schemaVersion(Database& db);
// The oldest version whose file holds nothing a later migration exists to remove (the device token, the
// residue of deleted values): a copy of an older file kept before migrating would keep exactly that.
int oldestVersionSafeToKeep();
// Applies every migration above the file's version, up to `target` (default: latest).
// Refuses a file written by a newer Médiane (its version is above ours) rather than damage it.
void migrate(Database& db, int target = -1);

}  // namespace mediane::store
