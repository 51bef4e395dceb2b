// SQLite's online backup API: a copy of a live database, consistent while other connections write.
#pragma once

#include <string>

#include "sql/connection.hpp"

namespace mediane::sql {

// Replaces `to`'s content with every page of `from`'s main database, in one step: the copy is one
// snapshot of `from`, committed WAL frames included, taken as a reader (in WAL mode writers go on, and
// their later commits are not in it). `to` is written in one transaction of its own, so a failure leaves
// it as it was. Throws Storage "err.backup.copy" naming both files and SQLite's reason.
void copyDatabase(Connection& from, Connection& to);

// PRAGMA integrity_check: "ok", or SQLite's first complaints joined by "; ".
std::string integrityCheck(Connection& db);

}  // namespace mediane::sql
