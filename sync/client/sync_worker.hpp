// The background sync of the desktop app: a worker thread that syncs now and then, and a status snapshot for the GUI.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "sync/client/transport.hpp"

namespace mediane::sync {

// What the status bar shows. Copied under a lock, so the GUI thread never waits for the network.
struct SyncStatus {
    enum class State { NotEnrolled, Idle, Syncing, Synced, Offline, Error };
    State state = State::Idle;
    std::int64_t done = 0, total = 0;  // "syncing n of m" (total 0: not known yet)
    bool pulling = false;
    std::string lastSync;              // UTC of the last complete sync, empty if never
    std::string errorKey;              // for Offline and Error: what went wrong, translated by the GUI
    Error::Params errorParams;
    std::int64_t retryInSeconds = -1;  // when the worker will try again by itself, -1: not before asked
};

struct WorkerOptions {
    std::chrono::milliseconds interval = std::chrono::minutes(5);  // between syncs while all is well
    std::chrono::milliseconds backoffBase = std::chrono::seconds(2);
    std::chrono::milliseconds backoffCap = std::chrono::minutes(15);
    bool startNow = true;
    int vocabularyVersion = 0;  // the notebook's, for EngineOptions::vocabularyVersion
};

// Usage: SyncWorker worker(notebook.dataFile(), makeCurlTransport);
//        if (clicked) worker.requestSync();  drawStatus(worker.status());
// The worker opens its own connection to the notebook's file (SQLite WAL lets the GUI write meanwhile).
class SyncWorker {
public:
    // `stop` turns true when the worker is being destroyed: a transport should abort its exchange then.
    using TransportFactory =
        std::function<std::unique_ptr<Transport>(const std::string& hubUrl, const std::atomic<bool>& stop)>;
    SyncWorker(std::string databasePath, TransportFactory factory, WorkerOptions options = {});
    ~SyncWorker();  // stops and joins; an exchange in flight ends at its next timeout at worst
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void requestSync();
    SyncStatus status() const;
    // Complete syncs since start, for tests that wait for one.
    std::int64_t completedRuns() const;

private:
    void loop();
    void update(const std::function<void(SyncStatus&)>& change);

    std::string m_databasePath;
    TransportFactory m_factory;
    WorkerOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    SyncStatus m_status;
    bool m_requested = false;
    std::atomic<bool> m_stop{false};
    std::int64_t m_runs = 0;
    std::chrono::steady_clock::time_point m_nextRun;
    std::thread m_thread;
};

}  // namespace mediane::sync
