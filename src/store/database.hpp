// RAII handles over SQLite: a Database, prepared Statements and a Transaction that rolls back unless committed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mediane::store {

class Statement;

// ReadOnly: a second connection for a reader thread (WAL lets it read while the main one writes); the file must exist.
enum class OpenMode { ReadWrite, ReadOnly };

class Database {
public:
    // Opens (creating if needed) the file with WAL, synchronous=FULL and foreign keys on.
    // Throws mediane::Error (Storage, "err.db_unreadable") when the file is not a usable database.
    explicit Database(const std::string& path, OpenMode mode = OpenMode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t lastInsertRowid() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    // One value from a one-row query, e.g. scalarInt("SELECT count(*) FROM learners").
    std::int64_t scalarInt(std::string_view sql);

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    // Binding by 1-based index; returns *this to chain.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    // Empty string binds NULL: optional references (place, session) are NULL, not "".
    Statement& bindOptional(int index, const std::string& value);

    // Steps once; true while a row is available.
    bool step();
    // Steps to completion (for INSERT/UPDATE/DELETE).
    void run();
    void reset();

    std::int64_t columnInt(int index) const;
    double columnDouble(int index) const;
    std::string columnText(int index) const;
    bool columnIsNull(int index) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Usage: { Transaction tx(db); ...writes...; tx.commit(); }  // an exception before commit rolls back
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace mediane::store
