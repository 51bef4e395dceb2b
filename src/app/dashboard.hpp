// View-model of the coordinator dashboard: the filter, and its figures cached until the filter or the data change.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/dashboard_figures.hpp"
#include "app/dashboard_worker.hpp"
#include "app/learner_directory.hpp"
#include "app/notebook.hpp"

namespace mediane::app {

// The label of a breakdown code in the language: vocabulary label, "mode:home" → the place mode's label,
// "" → unrecorded (the caller's translated word). Used by the screen and the XLSX sheets alike.
std::string codeLabel(const core::Vocabularies& vocabularies, const std::string& vocabulary, const std::string& code,
                      const std::string& language, const std::string& unrecorded);
// Sessions per duration grouped into the national statistics' ranges (vocabulary "duration_ranges",
// core::durationRangeFor), in the vocabulary's order, every range present (0 when none).
std::vector<CodeCount> durationRangeCounts(const core::Vocabularies& vocabularies,
                                           const std::vector<CodeCount>& byDurationMinutes);
// The counts in the vocabulary's order (age brackets oldest first, as the national forms list them);
// codes it does not know follow, as they came.
std::vector<CodeCount> inVocabularyOrder(const core::Vocabularies& vocabularies, const std::string& vocabulary,
                                         const std::vector<CodeCount>& counts);
// The competence domain's label ("Information et données"), or the code when the framework lacks it.
std::string domainLabel(const core::CompetenceFramework& framework, const std::string& domainCode);

// Usage (once per frame, before drawing): dashboard.notice(state.status()); dashboard.refreshInBackground();
// CLI, exports and tests may call refresh(), which computes on the calling thread.
// Why cached: the figures cost tens of milliseconds on a territory's database; a frame has 16.
// Why a worker: on a large territory one filter change costs hundreds of milliseconds, a dozen dropped frames.
class Dashboard {
public:
    static constexpr int kTopMovers = 20;

    // today: the date stock and the default period are judged on (injected so tests do not depend on the clock).
    Dashboard(Notebook& notebook, std::string today);

    // The twelve months up to today's month, the coordinator's usual view.
    static DashboardFilter lastTwelveMonths(const std::string& today);

    const DashboardFilter& filter() const { return m_filter; }
    // Marks the figures stale only when the filter really changed.
    void setFilter(const DashboardFilter& filter);
    void notice(const NotebookStatus& status);
    // Which tab is shown; a tab left stale by a filter change is computed when it is shown again.
    void show(DashboardSection section) { m_section = section; }
    DashboardSection shown() const { return m_section; }
    void refresh();
    // The GUI's refresh: collects finished figures and posts the stale tab to the worker thread; never waits.
    // Until the new figures arrive the previous ones stay shown; figures of a superseded filter are dropped.
    void refreshInBackground();
    // True while figures for the current filter are being computed (the screen shows « Calcul… »).
    bool computing() const { return m_awaiting; }
    // Results dropped because the filter or the data changed while they were computed.
    int discardedCount() const { return m_discarded; }
    // How many times the figures were computed (tests check a frame without change computes nothing).
    int refreshCount() const { return m_refreshCount; }
    // Wall time of the last computation, in milliseconds (shown to the coordinator, measured by the bench).
    double lastRefreshMs() const { return m_lastRefreshMs; }

    const std::string& today() const { return m_today; }
    const FilterChoices& choices() const { return m_choices; }
    const ActivityFigures& activity() const { return m_activity; }
    const PassFigures& pass() const { return m_pass; }
    const std::vector<DomainMoves>& progress() const { return m_progress; }
    const std::vector<LearnerMove>& topMovers() const { return m_topMovers; }

    // A learner's progress timeline (pseudonymous: the dashboard shows no names).
    void selectLearner(const std::string& learnerId);
    const std::string& selectedLearner() const { return m_selectedLearner; }
    const std::vector<DomainProgress>& timeline() const { return m_timeline; }

    Notebook& notebook() { return m_notebook; }

private:
    void install(DashboardResult& result);

    Notebook& m_notebook;
    store::DashboardQueries& m_queries;
    std::string m_today;
    DashboardFilter m_filter;
    void markStale();

    DashboardSection m_section = DashboardSection::Activity;
    bool m_sectionStale[3] = {true, true, true};
    bool m_choicesStale = true;
    int m_refreshCount = 0;
    double m_lastRefreshMs = 0;
    std::string m_fingerprint;
    // Bumped by every filter or data change: a result computed for an older generation is stale.
    std::uint64_t m_generation = 0;
    std::unique_ptr<DashboardWorker> m_worker;
    bool m_awaiting = false;
    std::uint64_t m_postedGeneration = 0;
    DashboardSection m_postedSection = DashboardSection::Activity;
    bool m_postedChoices = false;
    int m_discarded = 0;

    FilterChoices m_choices;
    ActivityFigures m_activity;
    PassFigures m_pass;
    std::vector<DomainMoves> m_progress;
    std::vector<LearnerMove> m_topMovers;
    std::string m_selectedLearner;
    std::vector<DomainProgress> m_timeline;
};

}  // namespace mediane::app
