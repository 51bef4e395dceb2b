// A prepared statement lent by a Connection: bind by 1-based index, step, read columns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sql/statement_cache.hpp"

struct sqlite3_stmt;

namespace mediane::sql {

namespace detail {
struct Handle;
}

// Usage: db.prepare("UPDATE t SET a = ? WHERE id = ?").bind(1, a).bind(2, id).run();
// Going out of scope gives the statement back to its connection's cache, reset and with no bindings,
// so nothing bound for one use is seen by the next.
class Statement {
public:
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
    // Back to before the first step, bindings cleared: the statement can run again.
    void reset();

    std::int64_t columnInt(int index) const;
    double columnDouble(int index) const;
    std::string columnText(int index) const;
    bool columnIsNull(int index) const;

private:
    friend class Connection;
    Statement(std::shared_ptr<detail::Handle> handle, StatementCache::Loan loan);
    [[noreturn]] void failBind(int rc) const;

    std::shared_ptr<detail::Handle> m_handle;
    StatementCache::Loan m_loan;
};

}  // namespace mediane::sql
