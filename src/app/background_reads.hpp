// Reads too slow for a frame, run on a worker thread with its own read-only connection to the notebook.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mediane::store {
class Database;
}

namespace mediane::app {

// Usage: reads.post([](store::Database& db) { auto figures = read(db); return [=, this] { m_figures = figures; }; });
// then, once per frame on the GUI thread, reads.poll(): what each finished job returned runs there, so a job
// never touches the screen's state itself.
class BackgroundReads {
public:
    using Apply = std::function<void()>;
    using Job = std::function<Apply(store::Database&)>;

    explicit BackgroundReads(std::string databasePath);
    // Stops the read in progress where it stands (nobody will see its result) and joins: never a frame.
    ~BackgroundReads();
    BackgroundReads(const BackgroundReads&) = delete;
    BackgroundReads& operator=(const BackgroundReads&) = delete;

    // Replaces a job not started yet: only the latest state of the notebook is worth reading.
    void post(Job job);
    // Runs the finished jobs' results on the calling thread, oldest first; never waits. A job that failed
    // has its mediane::Error rethrown here, after the results before it.
    void poll();
    // A job is waiting or running, or its result has not been polled yet.
    bool busy() const;

private:
    void run();

    std::string m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending;
    bool m_running = false;
    std::vector<Apply> m_done;
    std::exception_ptr m_error;
    bool m_stop = false;
    std::atomic<bool> m_interrupt{false};  // read by the worker's connection between steps
    std::thread m_thread;                  // last: starts once the members above exist
};

}  // namespace mediane::app
