// View-model of the Pass numérique screen: stock, use per month, booklets, a paged cheque list and the cheque commands.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/notebook.hpp"

namespace mediane::app {

// Usage (once per frame, before drawing): desk.notice(state.status()); desk.refresh();
// Figures are read again only after a change to the notebook, never every frame.
class PassDesk {
public:
    static constexpr int kPageSize = 500;
    static constexpr int kMonths = 12;

    // today: the date stock and expiry are judged on (injected so tests do not depend on the clock).
    PassDesk(Notebook& notebook, std::string today);

    void setToday(const std::string& today);
    const std::string& today() const { return m_today; }

    void notice(const NotebookStatus& status);
    void refresh();
    // How many times the figures were read (tests check nothing is re-read without a change).
    int refreshCount() const { return m_refreshCount; }

    const store::ChequeStock& stock() const { return m_stock; }
    // Oldest month first, so the bar chart reads left to right.
    const std::vector<store::MonthlyChequeUse>& monthlyUse() const { return m_monthly; }
    const std::vector<core::PassBooklet>& booklets() const { return m_booklets; }

    // The cheque list: one state ("in_stock", "given", "redeemed", "claimed") or "" for all; loaded page by page.
    void setStateFilter(const std::string& state);
    const std::string& stateFilter() const { return m_filter; }
    const std::vector<core::PassCheque>& cheques() const { return m_cheques; }
    bool hasMoreCheques() const { return m_hasMore; }
    // Appends the next page; the list calls it when the adviser scrolls to the end.
    void loadMoreCheques();

    // Commands: they throw mediane::Error (an expired or already used cheque is refused with its reason).
    core::PassBooklet receiveBooklet(const core::PassBooklet& draft);
    core::PassCheque giveCheque(std::int64_t number, const std::string& learnerId, const std::string& onDate);
    core::PassCheque claimCheque(std::int64_t number, const std::string& onDate);

    // "10,50" or "10.50" or "10" euros → cents; -1 when it is not an amount.
    static int eurosToCents(const std::string& text);
    // 1050 → "10,50 €".
    static std::string formatEuros(std::int64_t cents);

private:
    Notebook& m_notebook;
    std::string m_today;
    bool m_stale = true;
    int m_refreshCount = 0;
    std::string m_fingerprint;

    store::ChequeStock m_stock;
    std::vector<store::MonthlyChequeUse> m_monthly;
    std::vector<core::PassBooklet> m_booklets;

    std::string m_filter;
    std::vector<core::PassCheque> m_cheques;
    bool m_hasMore = false;
};

}  // namespace mediane::app
