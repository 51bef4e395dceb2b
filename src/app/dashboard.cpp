#include "app/dashboard.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/calendar.hpp"

namespace mediane::app {

std::string codeLabel(const core::Vocabularies& vocabularies, const std::string& vocabulary, const std::string& code,
                      const std::string& language, const std::string& unrecorded) {
    if (code.empty() || code == "mode:lieu_activite") return unrecorded;
    if (code.rfind("mode:", 0) == 0) return vocabularies.placeModes().label(code.substr(5), language);
    return vocabularies.get(vocabulary).label(code, language);
}

std::vector<CodeCount> durationRangeCounts(const core::Vocabularies& vocabularies,
                                           const std::vector<CodeCount>& byDurationMinutes) {
    std::vector<CodeCount> out;
    for (const auto& range : vocabularies.durationRanges().terms()) out.push_back({range.code, 0});
    for (const auto& d : byDurationMinutes) {
        const std::string range = core::durationRangeFor(vocabularies, std::atoi(d.code.c_str()));
        for (auto& bucket : out)
            if (bucket.code == range) bucket.count += d.count;
    }
    return out;
}

std::vector<CodeCount> inVocabularyOrder(const core::Vocabularies& vocabularies, const std::string& vocabulary,
                                         const std::vector<CodeCount>& counts) {
    std::vector<CodeCount> out;
    std::vector<bool> taken(counts.size(), false);
    if (vocabularies.has(vocabulary)) {
        for (const auto& term : vocabularies.get(vocabulary).terms())
            for (std::size_t i = 0; i < counts.size(); ++i)
                if (!taken[i] && counts[i].code == term.code) {
                    out.push_back(counts[i]);
                    taken[i] = true;
                }
    }
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (!taken[i]) out.push_back(counts[i]);
    return out;
}

std::string domainLabel(const core::CompetenceFramework& framework, const std::string& domainCode) {
    for (const auto& domain : framework.domains())
        if (domain.code == domainCode) return domain.label;
    return domainCode;
}

Dashboard::Dashboard(Notebook& notebook, std::string today)
    : m_notebook(notebook), m_queries(notebook.dashboardQueries()), m_today(std::move(today)),
      m_filter(lastTwelveMonths(m_today)) {}

DashboardFilter Dashboard::lastTwelveMonths(const std::string& today) {
    int year = std::stoi(today.substr(0, 4));
    int month = std::stoi(today.substr(5, 2)) - 11;
    if (month < 1) {
        month += 12;
        --year;
    }
    char from[32];
    std::snprintf(from, sizeof from, "%04d-%02d-01", year, month);
    DashboardFilter f;
    f.from = from;
    f.to = today;
    return f;
}

void Dashboard::setFilter(const DashboardFilter& filter) {
    if (filter == m_filter) return;
    m_filter = filter;
    markStale();
}

void Dashboard::markStale() {
    for (bool& stale : m_sectionStale) stale = true;
    ++m_generation;
}

void Dashboard::notice(const NotebookStatus& s) {
    std::string fingerprint = std::to_string(s.sessions) + "/" + std::to_string(s.cheques) + "/" +
                              std::to_string(s.assessments) + "/" + std::to_string(s.learners) + "/" +
                              std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint == m_fingerprint) return;
    m_fingerprint = std::move(fingerprint);
    m_choicesStale = true;
    markStale();
}

void Dashboard::refresh() {
    bool& stale = m_sectionStale[static_cast<int>(m_section)];
    if (!stale && !m_choicesStale) return;
    auto started = std::chrono::steady_clock::now();
    ++m_refreshCount;
    if (m_choicesStale) {
        m_choicesStale = false;
        m_choices = m_queries.choices();
    }
    if (stale) {
        stale = false;
        switch (m_section) {
            case DashboardSection::Activity: m_activity = m_queries.activity(m_filter); break;
            case DashboardSection::Pass: m_pass = m_queries.pass(m_filter, m_today); break;
            case DashboardSection::Progress:
                m_progress = m_queries.progress(m_filter);
                m_topMovers = m_queries.topMovers(m_filter, kTopMovers);
                if (!m_selectedLearner.empty())
                    m_timeline =
                        domainProgress(m_notebook.learnerAssessments(m_selectedLearner), m_notebook.framework());
                break;
        }
    }
    m_lastRefreshMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void Dashboard::refreshInBackground() {
    if (!m_worker) m_worker = std::make_unique<DashboardWorker>(m_notebook.dataFile(), kTopMovers);
    for (auto& result : m_worker->take()) {
        if (result.job.generation == m_postedGeneration && result.job.section == m_postedSection)
            m_awaiting = false;
        if (result.job.generation != m_generation) {
            ++m_discarded;
            continue;
        }
        install(result);
    }
    const bool sectionStale = m_sectionStale[static_cast<int>(m_section)];
    if (!sectionStale && !m_choicesStale) return;
    const bool alreadyPosted = m_awaiting && m_postedGeneration == m_generation && m_postedSection == m_section &&
                               (m_postedChoices || !m_choicesStale);
    if (alreadyPosted) return;
    DashboardJob job{m_generation, m_section, m_choicesStale, m_filter, m_today};
    m_postedGeneration = job.generation;
    m_postedSection = job.section;
    m_postedChoices = job.withChoices;
    m_awaiting = true;
    m_worker->post(std::move(job));
}

void Dashboard::install(DashboardResult& r) {
    if (r.error) {
        // Not retried every frame: the banner says it, and the next filter or data change tries again.
        m_sectionStale[static_cast<int>(r.job.section)] = false;
        if (r.job.withChoices) m_choicesStale = false;
        std::rethrow_exception(r.error);
    }
    ++m_refreshCount;
    m_lastRefreshMs = r.ms;
    if (r.job.withChoices) {
        m_choices = std::move(r.choices);
        m_choicesStale = false;
    }
    m_sectionStale[static_cast<int>(r.job.section)] = false;
    switch (r.job.section) {
        case DashboardSection::Activity: m_activity = std::move(r.activity); break;
        case DashboardSection::Pass: m_pass = std::move(r.pass); break;
        case DashboardSection::Progress:
            m_progress = std::move(r.progress);
            m_topMovers = std::move(r.topMovers);
            if (!m_selectedLearner.empty())
                m_timeline = domainProgress(m_notebook.learnerAssessments(m_selectedLearner), m_notebook.framework());
            break;
    }
}

void Dashboard::selectLearner(const std::string& learnerId) {
    if (learnerId == m_selectedLearner) return;
    m_selectedLearner = learnerId;
    m_timeline.clear();
    if (!learnerId.empty())
        m_timeline = domainProgress(m_notebook.learnerAssessments(learnerId), m_notebook.framework());
}

}  // namespace mediane::app
