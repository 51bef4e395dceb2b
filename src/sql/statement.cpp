#include "sql/statement.hpp"

#include <sqlite3.h>

#include "sql/handle.hpp"

namespace mediane::sql {

Statement::Statement(std::shared_ptr<detail::Handle> handle, StatementCache::Loan loan)
    : m_handle(std::move(handle)), m_loan(loan) {}

Statement::~Statement() {
    if (m_loan.stmt) m_handle->cache.giveBack(m_loan);
}

Statement::Statement(Statement&& other) noexcept : m_handle(std::move(other.m_handle)), m_loan(other.m_loan) {
    other.m_loan = {};
}

void Statement::failBind(int rc) const {
    const char* sql = sqlite3_sql(m_loan.stmt);
    detail::fail(*m_handle, Stage::Bind, rc, sql ? sql : "");
}

Statement& Statement::bind(int i, std::int64_t v) {
    if (int rc = sqlite3_bind_int64(m_loan.stmt, i, v); rc != SQLITE_OK) failBind(rc);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    if (int rc = sqlite3_bind_double(m_loan.stmt, i, v); rc != SQLITE_OK) failBind(rc);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text(m_loan.stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        failBind(rc);
    return *this;
}
Statement& Statement::bindNull(int i) {
    if (int rc = sqlite3_bind_null(m_loan.stmt, i); rc != SQLITE_OK) failBind(rc);
    return *this;
}
Statement& Statement::bindOptional(int i, const std::string& v) { return v.empty() ? bindNull(i) : bind(i, v); }

bool Statement::step() {
    int rc = sqlite3_step(m_loan.stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const char* sql = sqlite3_sql(m_loan.stmt);
    detail::fail(*m_handle, Stage::Step, rc, sql ? sql : "");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_loan.stmt);
    sqlite3_clear_bindings(m_loan.stmt);
}

std::int64_t Statement::columnInt(int i) const { return sqlite3_column_int64(m_loan.stmt, i); }
double Statement::columnDouble(int i) const { return sqlite3_column_double(m_loan.stmt, i); }
std::string Statement::columnText(int i) const {
    const auto* p = sqlite3_column_text(m_loan.stmt, i);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_loan.stmt, i)))
             : std::string();
}
bool Statement::columnIsNull(int i) const { return sqlite3_column_type(m_loan.stmt, i) == SQLITE_NULL; }

}  // namespace mediane::sql
