// What went wrong in a SQLite call, and how a connection turns it into a mediane::Error.
#pragma once

#include <string>

#include "core/error.hpp"

namespace mediane::sql {

// The call that failed: the hub names it in its messages, the laptop names the SQL.
enum class Stage { Open, Prepare, Bind, Step, Exec };

struct Failure {
    Stage stage;
    int code;             // the result code SQLite returned
    int extendedCode;     // the connection's extended code: tells a page that failed its tag apart
    std::string detail;   // SQLite's message
    std::string subject;  // the SQL text, or the file for Stage::Open
};

// Builds the error a failure is thrown as. A connection is given one when it opens (the hub keeps its own).
using ErrorMapper = Error (*)(const Failure&);

// The default mapping, by result code: err.disk_full, err.db_unreadable, err.db_busy, err.db_readonly,
// else err.db_write (Storage), with the detail and the start of the SQL. A failed open is err.db_unreadable.
Error storageError(const Failure& failure);

}  // namespace mediane::sql
