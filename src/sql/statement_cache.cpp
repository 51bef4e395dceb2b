#include "sql/statement_cache.hpp"

#include <sqlite3.h>

namespace mediane::sql {

StatementCache::~StatementCache() {
    for (auto& slot : m_recent) sqlite3_finalize(slot.stmt);
}

int StatementCache::borrow(sqlite3* db, std::string_view sql, Loan& loan) {
    auto found = m_bySql.find(sql);
    if (found != m_bySql.end() && !found->second->lent) {
        m_recent.splice(m_recent.begin(), m_recent, found->second);
        found->second->lent = true;
        ++m_reused;
        loan = {found->second->stmt, &*found->second};
        return SQLITE_OK;
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return rc;
    }
    ++m_prepared;
    loan = {stmt, nullptr};
    // A text whose statement is on loan keeps that one; a full cache whose every statement is lent keeps none.
    if (m_closed || m_capacity == 0 || found != m_bySql.end() || !makeRoom()) return SQLITE_OK;
    m_recent.push_front(Slot{std::string(sql), stmt, true});
    m_bySql.emplace(std::string_view(m_recent.front().sql), m_recent.begin());
    loan.slot = &m_recent.front();
    return SQLITE_OK;
}

bool StatementCache::makeRoom() {
    if (m_recent.size() < m_capacity) return true;
    for (auto it = m_recent.end(); it != m_recent.begin();) {
        --it;
        if (it->lent) continue;
        m_bySql.erase(std::string_view(it->sql));
        sqlite3_finalize(it->stmt);
        m_recent.erase(it);
        return true;
    }
    return false;
}

void StatementCache::giveBack(const Loan& loan) noexcept {
    if (!loan.slot || m_closed) {
        if (loan.slot) {
            m_bySql.erase(std::string_view(loan.slot->sql));
            m_recent.remove_if([&](const Slot& s) { return &s == loan.slot; });
        }
        sqlite3_finalize(loan.stmt);
        return;
    }
    // The error of a failed step was already thrown; resetting only ends the statement's read.
    sqlite3_reset(loan.stmt);
    sqlite3_clear_bindings(loan.stmt);
    loan.slot->lent = false;
}

void StatementCache::close() noexcept {
    m_closed = true;
    for (auto it = m_recent.begin(); it != m_recent.end();) {
        if (it->lent) {
            ++it;
            continue;
        }
        m_bySql.erase(std::string_view(it->sql));
        sqlite3_finalize(it->stmt);
        it = m_recent.erase(it);
    }
}

CacheStats StatementCache::stats() const { return {m_prepared, m_reused, m_recent.size(), m_capacity}; }

}  // namespace mediane::sql
