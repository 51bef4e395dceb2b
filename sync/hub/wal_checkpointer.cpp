#include "sync/hub/wal_checkpointer.hpp"

#include <sqlite3.h>

#include <cstdio>

namespace mediane::hub {

WalCheckpointer::WalCheckpointer(HubDatabase& writer, int threshold)
    : m_writer(writer), m_threshold(threshold), m_reader(std::make_unique<HubDatabase>(writer.path())) {
    m_thread = std::thread([this] { run(); });
    // Replaces SQLite's automatic checkpoint on the writer: both use the same hook.
    sqlite3_wal_hook(m_writer.handle(), &WalCheckpointer::onCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
    sqlite3_wal_autocheckpoint(m_writer.handle(), kThreshold);  // the writer checkpoints itself again
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

std::unique_lock<std::mutex> WalCheckpointer::pause() { return std::unique_lock(m_checkpointing); }

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int pages) {
    auto& c = *static_cast<WalCheckpointer*>(self);
    if (pages >= 4 * c.m_threshold) {
        // The thread is behind: the writer copies, as SQLite's own hook would, without waiting for anyone.
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
    }
    if (pages >= c.m_threshold) {
        {
            std::lock_guard lock(c.m_mutex);
            c.m_due = true;
        }
        c.m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_due || m_stop; });
        if (m_stop) return;
        m_due = false;
        lock.unlock();
        {
            std::lock_guard checkpointing(m_checkpointing);
            // A busy or failed checkpoint leaves the log as it is: the next commit past the threshold asks again,
            // and the writer's own fallback bounds it.
            if (sqlite3_wal_checkpoint_v2(m_reader->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) ==
                SQLITE_OK)
                ++m_checkpoints;
        }
        lock.lock();
    }
}

}  // namespace mediane::hub
