#include "sql/transaction.hpp"

#include <sqlite3.h>

#include "sql/connection.hpp"

namespace mediane::sql {

Transaction::Transaction(Connection& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    // A failed rollback leaves SQLite to roll back on close; a destructor must not throw.
    if (!m_done) sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

namespace {
std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}
}  // namespace

// Through prepare(): a savepoint per pulled change reuses the same three statements.
Savepoint::Savepoint(Connection& db, std::string_view name) : m_db(db), m_name(quoted(name)) {
    m_db.prepare("SAVEPOINT " + m_name).run();
}

Savepoint::~Savepoint() {
    if (m_done) return;
    try {
        rollback();
    } catch (...) {
        // The enclosing transaction's rollback, or the connection's close, undoes it anyway.
    }
}

void Savepoint::release() {
    m_db.prepare("RELEASE " + m_name).run();
    m_done = true;
}

void Savepoint::rollback() {
    m_done = true;
    m_db.prepare("ROLLBACK TO " + m_name).run();
    m_db.prepare("RELEASE " + m_name).run();
}

}  // namespace mediane::sql
