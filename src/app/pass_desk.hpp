// View-model of the Pass numérique screen: stock, use per month, booklets, a paged cheque list and the cheque commands.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/background_reads.hpp"
#include "app/notebook.hpp"

namespace mediane::app {

// Usage (once per frame, before drawing): desk.notice(state.status()); desk.refresh();
// Figures are read again only after a change to the notebook, never every frame.
// The screen calls readInBackground first: the stock and the use per month (the two slow reads of a large
// notebook) then come from a reader thread and land in a later frame, the previous ones staying drawn meanwhile.
class PassDesk {
public:
    // About three screens of rows at 1366x768: a page of 500 took 3 ms to read, in the screen's first frame.
    static constexpr int kPageSize = 100;
    static constexpr int kMonths = 12;

    // today: the date stock and expiry are judged on (injected so tests do not depend on the clock).
    PassDesk(Notebook& notebook, std::string today);

    void setToday(const std::string& today);
    const std::string& today() const { return m_today; }

    void notice(const NotebookStatus& status);
    // Reads what changed; in the background mode, also takes in the reader's answers (its errors are thrown here).
    void refresh();
    // From now on the stock and the use per month are read by a thread with its own connection to this file.
    void readInBackground(const std::string& databasePath);
    // False until the stock and the use per month were read once (at once without the background mode).
    bool figuresReady() const { return m_figuresReady; }
    // A read of the stock and the use per month is posted or running, or its answer not taken in yet.
    bool readingFigures() const { return m_reads && m_reads->busy(); }
    // How many times the figures were read (tests check nothing is re-read without a change).
    int refreshCount() const { return m_refreshCount; }

    const store::ChequeStock& stock() const { return m_stock; }
    // Oldest month first, so the bar chart reads left to right.
    const std::vector<store::MonthlyChequeUse>& monthlyUse() const { return m_monthly; }
    const std::vector<core::PassBooklet>& booklets() const { return m_booklets; }

    // The cheque list: one state ("in_stock", "given", "redeemed", "paid") or "" for all; loaded page by page.
    void setStateFilter(const std::string& state);
    const std::string& stateFilter() const { return m_filter; }
    const std::vector<core::PassCheque>& cheques() const { return m_cheques; }
    bool hasMoreCheques() const { return m_hasMore; }
    // Appends the next page; the list calls it when the adviser scrolls to the end.
    void loadMoreCheques();

    // Commands: they throw mediane::Error (an expired or already used cheque is refused with its reason).
    core::PassBooklet receiveBooklet(const core::PassBooklet& draft);
    core::PassCheque giveCheque(std::int64_t number, const std::string& learnerId, const std::string& onDate);

    // The structure's roles and catalogue (pulled from the hub), read with the figures. No profile: both roles.
    const std::optional<core::PassProfile>& profile() const { return m_profile; }
    const std::vector<core::PassService>& services() const { return m_services; }
    bool distributes() const { return !m_profile || m_profile->distributor == 1; }
    bool redeems() const { return !m_profile || m_profile->qualifiedPlace == 1; }
    int graceDays() const { return m_graceDays; }
    // This laptop's structure: another one's name on a cheque says it was given or redeemed elsewhere.
    bool elsewhere(const std::string& structure) const { return !structure.empty() && structure != m_structure; }
    // A coordinator's or an admin's laptop changes the profile and the catalogue (synced like any record).
    bool editsSettings() const { return m_editsSettings; }
    void setProfile(int distributor, int qualifiedPlace, int graceDays);
    void saveService(const std::string& code, const std::string& label, int cheques, int withdrawn);
    // Whether a cheque can be redeemed here today and why not: what a qualified place sees as it types or scans.
    ChequeVerdict check(std::int64_t number, int validYear);
    // Lost, stolen or damaged: the whole range or nothing (mediane::Error naming the cheque that stops it).
    std::vector<core::PassCheque> cancelCheques(std::int64_t first, std::int64_t last, const std::string& cause,
                                                const std::string& reason);

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

    std::optional<core::PassProfile> m_profile;
    std::vector<core::PassService> m_services;
    int m_graceDays = 0;
    std::string m_structure;
    bool m_editsSettings = false;

    std::string m_filter;
    std::vector<core::PassCheque> m_cheques;
    bool m_hasMore = false;

    void readFigures();
    bool m_figuresReady = false;
    std::uint64_t m_figuresAsked = 0;  // the latest read posted: an older answer is dropped, a newer one is coming
    std::unique_ptr<BackgroundReads> m_reads;  // last: stopped and joined before the members its answers fill
};

}  // namespace mediane::app
