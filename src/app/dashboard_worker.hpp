// Computes the dashboard's figures on a worker thread with its own read-only connection, so a frame never waits.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/dashboard_figures.hpp"

namespace mediane::app {

// The dashboard's tabs: only the one shown is computed, so a filter change costs one tab's queries.
enum class DashboardSection { Activity, Pass, Progress };

struct DashboardJob {
    std::uint64_t generation = 0;  // the dashboard's filter/data generation the figures answer
    DashboardSection section = DashboardSection::Activity;
    bool withChoices = false;
    DashboardFilter filter;
    std::string today;
};

struct DashboardResult {
    DashboardJob job;
    FilterChoices choices;
    ActivityFigures activity;
    PassFigures pass;
    std::vector<DomainMoves> progress;
    std::vector<LearnerMove> topMovers;
    double ms = 0;
    std::exception_ptr error;  // rethrown on the GUI thread, where AppState::run shows it
};

class DashboardWorker {
public:
    explicit DashboardWorker(std::string databasePath, int topMovers);
    // Stops the job in progress where it stands (a closing window does not wait for figures nobody will
    // see); the only place that joins (never a frame).
    ~DashboardWorker();
    DashboardWorker(const DashboardWorker&) = delete;
    DashboardWorker& operator=(const DashboardWorker&) = delete;

    // Replaces a job not started yet: only the latest filter is worth computing.
    void post(DashboardJob job);
    // The results finished since the last call, oldest first; never waits.
    std::vector<DashboardResult> take();

private:
    void run();
    DashboardResult compute(store::DashboardQueries& queries, const DashboardJob& job);

    std::string m_path;
    int m_topMovers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<DashboardJob> m_pending;
    std::vector<DashboardResult> m_done;
    bool m_stop = false;
    std::atomic<bool> m_interrupt{false};  // read by the worker's connection between steps
    std::thread m_thread;  // last: starts once the members above exist
};

}  // namespace mediane::app
