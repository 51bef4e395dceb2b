// The statements a connection keeps prepared, one per SQL text, reused by later prepare() calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace mediane::sql {

struct CacheStats {
    std::int64_t prepared = 0;  // statements compiled by prepare() (cache misses and second copies)
    std::int64_t reused = 0;    // prepare() calls answered by a cached statement
    std::size_t cached = 0;     // SQL texts held now
    std::size_t capacity = 0;
};

// Not thread-safe, like the connection it belongs to (one thread at a time).
// A cached statement is lent to one user at a time; asking for the same SQL while it is lent (a nested
// loop over one query) compiles a second copy that is finalized when given back, so two users never share
// a cursor. At most `capacity` SQL texts are held; the least recently used free one makes room.
class StatementCache {
public:
    struct Slot {
        std::string sql;
        sqlite3_stmt* stmt = nullptr;
        bool lent = false;
    };
    // A statement on loan: slot is null for a copy that is not kept.
    struct Loan {
        sqlite3_stmt* stmt = nullptr;
        Slot* slot = nullptr;
    };

    explicit StatementCache(std::size_t capacity) : m_capacity(capacity) {}
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // Returns SQLite's result code; on SQLITE_OK, loan holds a statement ready to bind.
    int borrow(sqlite3* db, std::string_view sql, Loan& loan);
    // Resets the statement and clears its bindings (a kept one), or finalizes it.
    void giveBack(const Loan& loan) noexcept;
    // Finalizes every statement not on loan, and from now on those given back too: the connection closes.
    void close() noexcept;

    CacheStats stats() const;

private:
    bool makeRoom();

    std::size_t m_capacity;
    bool m_closed = false;
    std::list<Slot> m_recent;  // most recently borrowed first
    // Keys view the slot's own sql string, which a list node never moves.
    std::unordered_map<std::string_view, std::list<Slot>::iterator> m_bySql;
    std::int64_t m_prepared = 0;
    std::int64_t m_reused = 0;
};

}  // namespace mediane::sql
