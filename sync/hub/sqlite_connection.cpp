#include "sync/hub/sqlite_connection.hpp"

#include <sqlite3.h>

#include "core/error.hpp"

namespace mediane::hub {

namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw Error(Error::Kind::Storage, "err.hub.storage", {{"what", what}, {"detail", db ? sqlite3_errmsg(db) : ""}});
}
}  // namespace

SqliteConnection::SqliteConnection(const std::string& path) : m_path(path) {
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string detail = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error(Error::Kind::Storage, "err.hub.storage", {{"what", "open " + path}, {"detail", detail}});
    }
    sqlite3_busy_timeout(m_db, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
}

SqliteConnection::~SqliteConnection() { sqlite3_close(m_db); }

void SqliteConnection::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string detail = message ? message : "";
        sqlite3_free(message);
        throw Error(Error::Kind::Storage, "err.hub.storage", {{"what", "exec"}, {"detail", detail}});
    }
}

SqliteStatement SqliteConnection::prepare(std::string_view sql) { return SqliteStatement(m_db, sql); }
std::int64_t SqliteConnection::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }
int SqliteConnection::changes() const { return sqlite3_changes(m_db); }

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK)
        fail(db, "prepare " + std::string(sql));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_stmt); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(m_db, "bind");
    return *this;
}

bool SqliteStatement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_db, "step");
}

void SqliteStatement::run() {
    while (step()) {
    }
}

std::int64_t SqliteStatement::columnInt(int index) const { return sqlite3_column_int64(m_stmt, index); }

std::string SqliteStatement::columnText(int index) const {
    const auto* text = sqlite3_column_text(m_stmt, index);
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

SqliteTransaction::SqliteTransaction(SqliteConnection& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
    if (m_done) return;
    try {
        m_db.exec("ROLLBACK");
    } catch (...) {
        // A failed rollback leaves SQLite to roll back on close; a destructor must not throw.
    }
}

void SqliteTransaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace mediane::hub
