#include "sql/connection.hpp"

#include <mutex>

#include <sqlite3.h>

#include "sql/handle.hpp"

namespace mediane::sql {

namespace detail {
void fail(const Handle& handle, Stage stage, int rc, std::string_view subject) {
    sqlite3* db = handle.db;
    Failure f{stage, rc, db ? sqlite3_extended_errcode(db) : rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc),
              std::string(subject)};
    throw handle.errors(f);
}
}  // namespace detail

namespace {
// SQLite counts every allocation under one global mutex for sqlite3_memory_used(), which nothing here reads:
// 4 % of the hub's CPU during a large push. Only possible before SQLite initialises, hence before the first
// open; refused (and harmless) if something initialised it earlier.
void skipMemoryStatistics() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

Connection::Connection(const std::string& path, const Options& options)
    : m_handle(std::make_shared<detail::Handle>(options.errors, options.statementCacheSize)), m_path(path) {
    skipMemoryStatistics();
    int flags = options.access == Options::Access::ReadOnly ? SQLITE_OPEN_READONLY
                                                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    flags |= options.threading == Options::Threading::Serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX;
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, options.vfs);
    if (rc != SQLITE_OK) {
        std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw options.errors(Failure{Stage::Open, rc, rc, detail, path});
    }
    m_handle->db = db;
    sqlite3_busy_timeout(db, options.busyTimeoutMs);
}

Connection::~Connection() {
    m_handle->cache.close();
    // _v2: a statement still lent keeps the connection alive until it is given back.
    sqlite3_close_v2(m_handle->db);
}

void Connection::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(m_handle->db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        sqlite3_free(message);
        detail::fail(*m_handle, Stage::Exec, rc, sql);
    }
}

Statement Connection::prepare(std::string_view sql) {
    StatementCache::Loan loan;
    if (int rc = m_handle->cache.borrow(m_handle->db, sql, loan); rc != SQLITE_OK)
        detail::fail(*m_handle, Stage::Prepare, rc, sql);
    return Statement(m_handle, loan);
}

std::int64_t Connection::scalarInt(std::string_view sql) {
    auto st = prepare(sql);
    return st.step() ? st.columnInt(0) : 0;
}

std::int64_t Connection::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_handle->db); }
int Connection::changes() const { return sqlite3_changes(m_handle->db); }
sqlite3* Connection::handle() const { return m_handle->db; }

void Connection::stopWhen(const std::atomic<bool>* stop) {
    // The handler runs on the thread stepping the statement; the flag is the only thing shared.
    auto check = [](void* flag) -> int { return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0; };
    sqlite3_progress_handler(m_handle->db, stop ? 1000 : 0, stop ? +check : nullptr,
                             const_cast<std::atomic<bool>*>(stop));
}
CacheStats Connection::statementCache() const { return m_handle->cache.stats(); }

}  // namespace mediane::sql
