// Minimal RAII over SQLite for the hub's store: a connection, prepared statements, a rolling-back transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mediane::hub {

class SqliteStatement;

class SqliteConnection {
public:
    // Opens (creating) the file with WAL and synchronous=FULL: an acknowledged push survives kill -9.
    explicit SqliteConnection(const std::string& path);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    void exec(std::string_view sql);
    SqliteStatement prepare(std::string_view sql);
    std::int64_t lastInsertRowid() const;
    int changes() const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    SqliteStatement& operator=(SqliteStatement&&) = delete;

    // 1-based, chainable.
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, std::string_view value);
    bool step();  // true while a row is available
    void run();   // to completion
    std::int64_t columnInt(int index) const;
    std::string columnText(int index) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Usage: { SqliteTransaction tx(conn); ...; tx.commit(); }  // an exception before commit rolls back
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteConnection& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteConnection& m_db;
    bool m_done = false;
};

}  // namespace mediane::hub
