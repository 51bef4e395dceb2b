// Copies the hub's write-ahead log back into its database file on a thread of its own, not in a push's request.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "sync/hub/hub_database.hpp"

namespace mediane::hub {

// Usage: WalCheckpointer checkpointer(writer);  // declared after the writer, so that it stops first
// Why: SQLite's automatic checkpoint runs inside the commit that crosses its threshold, so one push batch in a
// few paid for copying 128 MB and syncing the database file: a tenth of the hub's CPU on a large push, all of
// it while the laptop waited. Here the writer's commit only signals; a second connection copies what is
// committed (PASSIVE: never waits on the writer or a reader) while the next batch is read and applied.
class WalCheckpointer {
public:
    // threshold: pages in the log that wake the thread. Past four times as many (the thread held back by a
    // long reader), the writer's commit checkpoints itself, as SQLite would, so the log stays bounded.
    explicit WalCheckpointer(HubDatabase& writer, int threshold = kThreshold);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Waits for a checkpoint in progress and keeps the next from starting while the returned lock lives: a
    // TRUNCATE checkpoint (an erasure emptying the log) cannot run beside another checkpoint.
    std::unique_lock<std::mutex> pause();
    // Checkpoints done by the thread since it started (for tests and the metrics).
    std::int64_t checkpoints() const { return m_checkpoints.load(); }

    static constexpr int kThreshold = 16384;  // 128 MiB of 8 KiB pages

private:
    static int onCommit(void* self, struct sqlite3* db, const char* schema, int pages);
    void run();

    HubDatabase& m_writer;
    const int m_threshold;
    std::mutex m_checkpointing;  // held by the thread during a checkpoint, and by pause()
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    std::atomic<std::int64_t> m_checkpoints{0};
    std::unique_ptr<HubDatabase> m_reader;  // the thread's own connection
    std::thread m_thread;                   // last: starts once the members above exist
};

}  // namespace mediane::hub
