#include "app/coverage_worker.hpp"

#include <chrono>
#include <memory>
#include <utility>

#include "app/territory_coverage.hpp"
#include "store/territory_queries.hpp"

namespace mediane::app {

CoverageWorker::CoverageWorker(std::string databasePath, const core::CommuneDirectory& communes)
    : m_path(std::move(databasePath)), m_communes(communes), m_thread([this] { run(); }) {}

CoverageWorker::~CoverageWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_interrupt = true;
    m_wake.notify_all();
    m_thread.join();
}

void CoverageWorker::post(CoverageJob job) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(job);
    }
    m_wake.notify_all();
}

std::optional<CoverageResult> CoverageWorker::take() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_done, std::nullopt);
}

void CoverageWorker::run() {
    // Opened on first use, on this thread: SQLite connections here are single-threaded.
    std::unique_ptr<store::TerritoryQueries> queries;
    for (;;) {
        CoverageJob job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending; });
            if (m_stop) return;
            job = std::move(*m_pending);
            m_pending.reset();
        }
        CoverageResult result;
        result.generation = job.generation;
        const auto started = std::chrono::steady_clock::now();
        try {
            if (!queries) {
                queries = store::TerritoryQueries::openReadOnly(m_path);
                queries->stopWhen(&m_interrupt);
            }
            result.coverage = computeTerritoryCoverage(*queries, m_communes, *job.territory, job.filter);
        } catch (...) {
            result.error = std::current_exception();
        }
        result.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        std::lock_guard lock(m_mutex);
        m_done = std::move(result);
    }
}

}  // namespace mediane::app
