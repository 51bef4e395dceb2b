// What a connection and the statements it lent share: the SQLite handle, the error mapping, the cache.
#pragma once

#include "sql/failure.hpp"
#include "sql/statement_cache.hpp"

struct sqlite3;

namespace mediane::sql::detail {

// Held by shared_ptr: a statement that outlives its connection still gives itself back safely (it is
// finalized, and SQLite frees the closed connection with the last one).
struct Handle {
    Handle(ErrorMapper mapper, std::size_t cacheSize) : errors(mapper), cache(cacheSize) {}
    sqlite3* db = nullptr;
    ErrorMapper errors;
    StatementCache cache;
};

// Throws the error the connection's mapping builds for a failed call on db.
[[noreturn]] void fail(const Handle& handle, Stage stage, int rc, std::string_view subject);

}  // namespace mediane::sql::detail
