// Computes a territory's coverage on a worker thread with its own read-only connection: a change of territory or
// filter costs a few hundred milliseconds on a large notebook, which a frame must not wait for.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/dashboard_figures.hpp"
#include "core/commune_directory.hpp"
#include "core/coverage.hpp"
#include "core/intercommunalities.hpp"

namespace mediane::app {

struct CoverageJob {
    std::uint64_t generation = 0;                      // the view's territory/filter/data generation
    const core::Intercommunality* territory = nullptr; // owned by the view, which outlives its worker
    DashboardFilter filter;
};

struct CoverageResult {
    std::uint64_t generation = 0;
    core::TerritoryCoverage coverage;
    double ms = 0;
    std::exception_ptr error;  // rethrown on the GUI thread
};

class CoverageWorker {
public:
    // communes: read-only for the worker's whole life (the view owns it and outlives the worker).
    CoverageWorker(std::string databasePath, const core::CommuneDirectory& communes);
    // Stops the job in progress at its next statement (nobody will see it) and joins: only when the view goes,
    // never in a frame.
    ~CoverageWorker();
    CoverageWorker(const CoverageWorker&) = delete;
    CoverageWorker& operator=(const CoverageWorker&) = delete;

    // Replaces a job not started yet: only the latest territory and filter are worth computing.
    void post(CoverageJob job);
    // The last result finished since the previous call, if any; never waits.
    std::optional<CoverageResult> take();

private:
    void run();

    std::string m_path;
    const core::CommuneDirectory& m_communes;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<CoverageJob> m_pending;
    std::optional<CoverageResult> m_done;
    bool m_stop = false;
    std::atomic<bool> m_interrupt{false};  // read by the worker's connection between steps
    std::thread m_thread;  // last: starts once the members above exist
};

}  // namespace mediane::app
