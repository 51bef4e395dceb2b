#include "sql/online_backup.hpp"

#include <sqlite3.h>

#include "core/error.hpp"

namespace mediane::sql {

void copyDatabase(Connection& from, Connection& to) {
    auto fail = [&](const std::string& detail) {
        return Error(Error::Kind::Storage, "err.backup.copy",
                     {{"from", from.path()}, {"to", to.path()}, {"detail", detail}});
    };
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) throw fail(sqlite3_errmsg(to.handle()));
    // -1: every page in one step, so the source is read under one read transaction (one snapshot). Steps
    // of a few pages would let another connection's commit restart the copy, possibly forever on a busy hub.
    int rc = sqlite3_backup_step(backup, -1);
    for (int tries = 0; (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 50; ++tries) {
        sqlite3_sleep(100);
        rc = sqlite3_backup_step(backup, -1);
    }
    int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw fail(sqlite3_errstr(rc));
    if (finished != SQLITE_OK) throw fail(sqlite3_errmsg(to.handle()));
}

std::string integrityCheck(Connection& db) {
    auto st = db.prepare("PRAGMA integrity_check(20)");
    std::string result;
    while (st.step()) {
        if (!result.empty()) result += "; ";
        result += st.columnText(0);
    }
    return result;
}

}  // namespace mediane::sql
