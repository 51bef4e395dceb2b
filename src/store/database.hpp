// The notebook's SQLite connection (private files, encryption, pragmas) over the shared sql library.
#pragma once

#include <string>

#include "sql/connection.hpp"
#include "sql/statement.hpp"
#include "sql/transaction.hpp"

namespace mediane::store {

// The statement and scope types are the shared ones: store code and its callers keep their names.
using Statement = sql::Statement;
using Transaction = sql::Transaction;
using Savepoint = sql::Savepoint;

// ReadOnly: a second connection for a reader thread (WAL lets it read while the main one writes); the file must exist.
enum class OpenMode { ReadWrite, ReadOnly };

// exec, prepare (cached statements), scalarInt, changes, lastInsertRowid, handle: see sql::Connection.
class Database : public sql::Connection {
public:
    // Opens (creating if needed) the file with WAL, synchronous=FULL and foreign keys on.
    // Throws mediane::Error (Storage, "err.db_unreadable") when the file is not a usable database.
    explicit Database(const std::string& path, OpenMode mode = OpenMode::ReadWrite);

private:
    struct Opening;
    Database(const std::string& path, OpenMode mode, Opening&& opening);
};

}  // namespace mediane::store
