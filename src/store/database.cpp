#include "store/database.hpp"

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "store/encrypted_vfs.hpp"
#include "store/notebook_key.hpp"

#include <sqlite3.h>

namespace mediane::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    std::string key = "err.db_write";
    int primary = rc & 0xFF;
    if (db && primary == SQLITE_IOERR) rc = sqlite3_extended_errcode(db);  // tells a page that failed its tag apart
    if (primary == SQLITE_FULL) key = "err.disk_full";
    else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT || rc == SQLITE_IOERR_DATA) key = "err.db_unreadable";
    else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) key = "err.db_busy";
    else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM) key = "err.db_readonly";
    throw Error(Error::Kind::Storage, key, {{"detail", detail}, {"sql", std::string(what.substr(0, 80))}});
}
}  // namespace

Database::Database(const std::string& path, OpenMode mode) : m_path(path) {
    const int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const bool onDisk = mode == OpenMode::ReadWrite && !path.empty() && path != ":memory:";
    // Learners' data: a file left 0644 by an older Médiane, or copied in, is made 0600 before use.
    if (onDisk) core::tightenDatabaseFiles(path);
    // SQLite creates the file (and later its -wal and -shm, with the file's own mode) itself: only
    // the umask decides their mode, so it is 077 while the connection opens and switches to WAL.
    std::optional<core::PrivateUmask> privateUmask;
    if (onDisk) privateUmask.emplace();
    // An encrypted notebook whose key this process holds goes through the encrypting VFS; a key that
    // does not open its first page is said to be wrong before SQLite reports a "damaged" file.
    auto key = onDisk || mode == OpenMode::ReadOnly ? findNotebookKey(path) : nullptr;
    if (key && !firstPageOpensWith(path, *key))
        throw Error(Error::Kind::Refused, "err.notebook_key_mismatch", {{"file", path}});
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, key ? encryptedVfsName() : nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error(Error::Kind::Storage, "err.db_unreadable", {{"file", path}, {"detail", detail}});
    }
    sqlite3_busy_timeout(m_db, 5000);
    try {
        if (key) prepareEncryptedConnection(m_db, mode == OpenMode::ReadWrite);
        // Reading the schema first makes a file that is not a database fail here, with a clear message.
        scalarInt("SELECT count(*) FROM sqlite_master");
        if (mode == OpenMode::ReadWrite) {
            exec("PRAGMA journal_mode=WAL");
            exec("PRAGMA synchronous=FULL");
        }
        exec("PRAGMA foreign_keys=ON");
        privateUmask.reset();
        if (onDisk) core::tightenDatabaseFiles(path);
    } catch (const Error& e) {
        sqlite3_close(m_db);
        m_db = nullptr;
        auto params = e.params();
        params["file"] = path;
        throw Error(Error::Kind::Storage, "err.db_unreadable", params);
    }
}

Database::~Database() { sqlite3_close_v2(m_db); }

void Database::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        sqlite3_free(message);
        fail(m_db, rc, sql);
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(m_db, sql); }
std::int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

std::int64_t Database::scalarInt(std::string_view sql) {
    Statement st(m_db, sql);
    return st.step() ? st.columnInt(0) : 0;
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, sql);
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }
Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }

Statement& Statement::bind(int i, std::int64_t v) {
    if (int rc = sqlite3_bind_int64(m_stmt, i, v); rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    if (int rc = sqlite3_bind_double(m_stmt, i, v); rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bindNull(int i) {
    if (int rc = sqlite3_bind_null(m_stmt, i); rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bindOptional(int i, const std::string& v) { return v.empty() ? bindNull(i) : bind(i, v); }

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_db, rc, sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt(int i) const { return sqlite3_column_int64(m_stmt, i); }
double Statement::columnDouble(int i) const { return sqlite3_column_double(m_stmt, i); }
std::string Statement::columnText(int i) const {
    const auto* p = sqlite3_column_text(m_stmt, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)))
             : std::string();
}
bool Statement::columnIsNull(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }

Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!m_done) sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace mediane::store
