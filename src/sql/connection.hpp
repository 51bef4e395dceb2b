// One RAII SQLite connection for the laptop and the hub: exec, cached prepared statements, error mapping.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sql/failure.hpp"
#include "sql/statement.hpp"
#include "sql/statement_cache.hpp"

struct sqlite3;

namespace mediane::sql {

// ReadOnly: the file must exist. OneThread: the caller keeps the connection to one thread at a time
// (SQLite skips its own locks); Serialized: SQLite locks each call.
struct Options {
    enum class Access { ReadWrite, ReadOnly };
    enum class Threading { OneThread, Serialized };
    Access access = Access::ReadWrite;
    Threading threading = Threading::OneThread;
    const char* vfs = nullptr;  // nullptr: the default VFS
    int busyTimeoutMs = 5000;
    std::size_t statementCacheSize = 64;  // distinct SQL texts kept prepared; 0 keeps none
    ErrorMapper errors = storageError;
};

// Pragmas, file modes and the like are the owner's business (store::Database, hub::HubDatabase).
class Connection {
public:
    // Opens (creating, for ReadWrite) the file. A failure throws what options.errors makes of it.
    explicit Connection(const std::string& path, const Options& options = {});
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one or more statements with nothing bound and no rows read (schema, pragmas, BEGIN...).
    void exec(std::string_view sql);
    // A statement for sql, from the cache when one is free. Keep it to the scope that runs it.
    Statement prepare(std::string_view sql);
    // One value from a one-row query, e.g. scalarInt("SELECT count(*) FROM t"); 0 when no row.
    std::int64_t scalarInt(std::string_view sql);
    std::int64_t lastInsertRowid() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const;
    CacheStats statementCache() const;
    // From now on, a statement running while *stop is true fails (SQLITE_INTERRUPT) within a few thousand
    // steps: how a reader thread's owner stops a long read without waiting for it. *stop must outlive the
    // connection; nullptr removes the check.
    void stopWhen(const std::atomic<bool>* stop);

private:
    std::shared_ptr<detail::Handle> m_handle;
    std::string m_path;
};

}  // namespace mediane::sql
