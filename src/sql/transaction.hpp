// Scoped writes on a Connection: a Transaction that rolls back unless committed, a named Savepoint inside one.
#pragma once

#include <string>
#include <string_view>

namespace mediane::sql {

class Connection;

// Usage: { Transaction tx(db); ...writes...; tx.commit(); }  // an exception before commit rolls back
class Transaction {
public:
    // BEGIN IMMEDIATE: the write lock is taken now, so a busy file fails here rather than mid-way.
    explicit Transaction(Connection& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_db;
    bool m_done = false;
};

// Usage: { Savepoint sp(db, "remote_change"); ...; sp.release(); }  // else rolled back to, then released
// Undoes part of a transaction and keeps the rest, e.g. one pulled change that the schema refuses.
class Savepoint {
public:
    Savepoint(Connection& db, std::string_view name);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    // Keeps what was written since the savepoint.
    void release();
    // Undoes what was written since the savepoint, and ends it.
    void rollback();

private:
    Connection& m_db;
    std::string m_name;  // quoted
    bool m_done = false;
};

}  // namespace mediane::sql
