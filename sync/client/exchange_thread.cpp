#include "sync/client/exchange_thread.hpp"

namespace mediane::sync {

ExchangeThread::~ExchangeThread() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable()) m_thread.join();
}

void ExchangeThread::post(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
        if (!m_thread.joinable()) m_thread = std::thread([this] { loop(); });
    }
    m_wake.notify_one();
}

void ExchangeThread::loop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return;  // stopping, and nothing left to finish
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();  // a packaged task: what it throws goes to its future
    }
}

}  // namespace mediane::sync
