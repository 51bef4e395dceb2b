#include "app/dashboard_worker.hpp"

#include <chrono>
#include <memory>
#include <utility>

namespace mediane::app {

DashboardWorker::DashboardWorker(std::string databasePath, int topMovers)
    : m_path(std::move(databasePath)), m_topMovers(topMovers), m_thread([this] { run(); }) {}

DashboardWorker::~DashboardWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_interrupt = true;
    m_wake.notify_all();
    m_thread.join();
}

void DashboardWorker::post(DashboardJob job) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(job);
    }
    m_wake.notify_all();
}

std::vector<DashboardResult> DashboardWorker::take() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_done, {});
}

void DashboardWorker::run() {
    // Opened on first use, on this thread: SQLite connections here are single-threaded (NOMUTEX).
    std::unique_ptr<store::DashboardQueries> queries;
    for (;;) {
        DashboardJob job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending; });
            if (m_stop) return;
            job = std::move(*m_pending);
            m_pending.reset();
        }
        DashboardResult result;
        try {
            if (!queries) {
                queries = store::DashboardQueries::openReadOnly(m_path);
                queries->stopWhen(&m_interrupt);
            }
            result = compute(*queries, job);
        } catch (...) {
            result.job = job;
            result.error = std::current_exception();
        }
        std::lock_guard lock(m_mutex);
        m_done.push_back(std::move(result));
    }
}

DashboardResult DashboardWorker::compute(store::DashboardQueries& queries, const DashboardJob& job) {
    auto started = std::chrono::steady_clock::now();
    DashboardResult r;
    r.job = job;
    if (job.withChoices) r.choices = queries.choices();
    switch (job.section) {
        case DashboardSection::Activity: r.activity = queries.activity(job.filter); break;
        case DashboardSection::Pass: r.pass = queries.pass(job.filter, job.today); break;
        case DashboardSection::Progress:
            r.progress = queries.progress(job.filter);
            r.topMovers = queries.topMovers(job.filter, m_topMovers);
            break;
    }
    r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return r;
}

}  // namespace mediane::app
