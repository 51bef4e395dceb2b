#include "app/background_reads.hpp"

#include <utility>

#include "store/database.hpp"

namespace mediane::app {

BackgroundReads::BackgroundReads(std::string databasePath) : m_path(std::move(databasePath)), m_thread([this] { run(); }) {}

BackgroundReads::~BackgroundReads() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_interrupt = true;
    m_wake.notify_all();
    m_thread.join();
}

void BackgroundReads::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(job);
    }
    m_wake.notify_all();
}

void BackgroundReads::poll() {
    std::vector<Apply> done;
    std::exception_ptr error;
    {
        std::lock_guard lock(m_mutex);
        done = std::exchange(m_done, {});
        error = std::exchange(m_error, nullptr);
    }
    for (auto& apply : done) apply();
    if (error) std::rethrow_exception(error);
}

bool BackgroundReads::busy() const {
    std::lock_guard lock(m_mutex);
    return m_pending || m_running || !m_done.empty();
}

void BackgroundReads::run() {
    // Opened on first use, on this thread: the notebook's connections are single-threaded (NOMUTEX).
    std::unique_ptr<store::Database> db;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending; });
            if (m_stop) return;
            job = std::move(*m_pending);
            m_pending.reset();
            m_running = true;
        }
        Apply apply;
        std::exception_ptr error;
        try {
            if (!db) {
                db = std::make_unique<store::Database>(m_path, store::OpenMode::ReadOnly);
                db->stopWhen(&m_interrupt);
            }
            apply = job(*db);
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard lock(m_mutex);
        m_running = false;
        if (apply) m_done.push_back(std::move(apply));
        if (error && !m_error) m_error = error;
    }
}

}  // namespace mediane::app
