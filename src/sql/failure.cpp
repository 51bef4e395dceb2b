#include "sql/failure.hpp"

#include <sqlite3.h>

namespace mediane::sql {

Error storageError(const Failure& f) {
    if (f.stage == Stage::Open)
        return Error(Error::Kind::Storage, "err.db_unreadable", {{"file", f.subject}, {"detail", f.detail}});
    const int primary = f.code & 0xFF;
    std::string key = "err.db_write";
    if (primary == SQLITE_FULL) key = "err.disk_full";
    else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT || f.extendedCode == SQLITE_IOERR_DATA)
        key = "err.db_unreadable";
    else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) key = "err.db_busy";
    else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM) key = "err.db_readonly";
    std::string what = f.stage == Stage::Bind ? "bind" : f.subject.substr(0, 80);
    return Error(Error::Kind::Storage, key, {{"detail", f.detail}, {"sql", what}});
}

}  // namespace mediane::sql
