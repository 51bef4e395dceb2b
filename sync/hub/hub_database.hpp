// The hub's SQLite connection: the shared sql library with the hub's pragmas and its own error messages.
#pragma once

#include <string>

#include "sql/connection.hpp"
#include "sql/statement.hpp"
#include "sql/transaction.hpp"

namespace mediane::hub {

// Serialized: the server's threads take turns on it (the store is called under the server's lock).
// Every failure is Storage "err.hub.storage" naming the call ("open <file>", "prepare <sql>", "exec", "bind",
// "step") and SQLite's message, as the hub's translations expect.
class HubDatabase : public sql::Connection {
public:
    // Opens (creating) the file with WAL and synchronous=FULL: an acknowledged push survives kill -9.
    explicit HubDatabase(const std::string& path);
};

}  // namespace mediane::hub
