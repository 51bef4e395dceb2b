#include "app/pass_desk.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/hlc.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/pass_repository.hpp"

namespace mediane::app {

PassDesk::PassDesk(Notebook& notebook, std::string today) : m_notebook(notebook), m_today(std::move(today)) {}

void PassDesk::setToday(const std::string& today) {
    if (today == m_today) return;
    m_today = today;
    m_stale = true;
}

void PassDesk::notice(const NotebookStatus& s) {
    std::string fingerprint = std::to_string(s.cheques) + "/" + std::to_string(s.sessions) + "/" +
                              std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint == m_fingerprint) return;
    m_fingerprint = std::move(fingerprint);
    m_stale = true;
}

void PassDesk::readInBackground(const std::string& databasePath) {
    m_reads = std::make_unique<BackgroundReads>(databasePath);
}

void PassDesk::refresh() {
    if (m_reads) m_reads->poll();
    if (!m_stale) return;
    m_stale = false;
    ++m_refreshCount;
    readFigures();
    m_booklets = m_notebook.booklets();
    m_profile = m_notebook.passProfile();
    m_services = m_notebook.passServices();
    m_graceDays = m_notebook.validityPolicy().graceDays;
    auto scope = m_notebook.enrolledScope();
    m_structure = scope ? scope->structure : m_profile ? m_profile->structure : std::string();
    m_editsSettings = scope && (scope->role == "coordinator" || scope->role == "admin");
    // The list restarts at its first page: states moved, so old pages may hold cheques no longer in this state.
    m_cheques.clear();
    m_hasMore = true;
    loadMoreCheques();
}

void PassDesk::readFigures() {
    if (!m_reads) {
        m_stock = m_notebook.chequeStock(m_today);
        m_monthly = m_notebook.chequeUsePerMonth(kMonths);
        std::reverse(m_monthly.begin(), m_monthly.end());
        m_figuresReady = true;
        return;
    }
    const std::uint64_t asked = ++m_figuresAsked;
    m_reads->post([this, asked, today = m_today, policy = m_notebook.validityPolicy()](store::Database& db) {
        core::HybridClock clock("reader");  // PassRepository wants an outbox; these reads never write to it
        store::Outbox outbox(db, clock);
        store::PassRepository pass(db, outbox);
        auto stock = pass.stock(today, policy);
        auto monthly = pass.monthlyUse(kMonths);
        std::reverse(monthly.begin(), monthly.end());
        return BackgroundReads::Apply([this, asked, stock = std::move(stock), monthly = std::move(monthly)]() mutable {
            if (asked != m_figuresAsked) return;
            m_stock = std::move(stock);
            m_monthly = std::move(monthly);
            m_figuresReady = true;
        });
    });
}

void PassDesk::setStateFilter(const std::string& state) {
    if (state == m_filter) return;
    m_filter = state;
    m_cheques.clear();
    m_hasMore = true;
    loadMoreCheques();
}

void PassDesk::loadMoreCheques() {
    if (!m_hasMore) return;
    auto page = m_notebook.cheques(m_filter, kPageSize, static_cast<int>(m_cheques.size()));
    m_hasMore = static_cast<int>(page.size()) == kPageSize;
    m_cheques.insert(m_cheques.end(), page.begin(), page.end());
}

core::PassBooklet PassDesk::receiveBooklet(const core::PassBooklet& draft) {
    auto booklet = m_notebook.receiveBooklet(draft);
    m_stale = true;
    return booklet;
}

core::PassCheque PassDesk::giveCheque(std::int64_t number, const std::string& learnerId, const std::string& onDate) {
    auto cheque = m_notebook.giveCheque(number, learnerId, onDate);
    m_stale = true;
    return cheque;
}

ChequeVerdict PassDesk::check(std::int64_t number, int validYear) { return m_notebook.checkCheque(number, m_today, validYear); }

std::vector<core::PassCheque> PassDesk::cancelCheques(std::int64_t first, std::int64_t last, const std::string& cause,
                                                      const std::string& reason) {
    auto cancelled = m_notebook.cancelCheques(first, last, cause, reason, m_today);
    m_stale = true;
    return cancelled;
}

void PassDesk::setProfile(int distributor, int qualifiedPlace, int graceDays) {
    m_notebook.setPassProfile(distributor, qualifiedPlace, graceDays);
    m_stale = true;
}

void PassDesk::saveService(const std::string& code, const std::string& label, int cheques, int withdrawn) {
    m_notebook.savePassService(code, label, cheques, withdrawn);
    m_stale = true;
}

int PassDesk::eurosToCents(const std::string& text) {
    std::string t;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '\xe2' && c != '\x82' && c != '\xac') t += c;  // € is E2 82 AC
    if (t.empty()) return -1;
    long euros = 0;
    int cents = 0, decimals = 0;
    bool inDecimals = false;
    for (char c : t) {
        if (c == ',' || c == '.') {
            if (inDecimals) return -1;
            inDecimals = true;
        } else if (c >= '0' && c <= '9') {
            if (inDecimals) {
                if (++decimals > 2) return -1;
                cents = cents * 10 + (c - '0');
            } else {
                euros = euros * 10 + (c - '0');
                if (euros > 1000000) return -1;
            }
        } else {
            return -1;
        }
    }
    if (decimals == 1) cents *= 10;
    return static_cast<int>(euros * 100 + cents);
}

std::string PassDesk::formatEuros(std::int64_t cents) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld,%02lld €", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return buf;
}

}  // namespace mediane::app
