#include "sync/client/sync_worker.hpp"

#include "store/database.hpp"
#include "store/local_settings.hpp"
#include "store/sync_account_store.hpp"
#include "sync/client/backoff.hpp"
#include "sync/client/sync_engine.hpp"

namespace mediane::sync {

namespace {
using Clock = std::chrono::steady_clock;
// "Not before asked": far enough, and not time_point::max(), which overflows inside wait_until.
Clock::time_point never() { return Clock::now() + std::chrono::hours(24 * 365); }
}

SyncWorker::SyncWorker(std::string databasePath, TransportFactory factory, WorkerOptions options)
    : m_databasePath(std::move(databasePath)), m_factory(std::move(factory)), m_options(options) {
    m_nextRun = m_options.startNow ? Clock::now() : Clock::now() + m_options.interval;
    m_thread = std::thread([this] { loop(); });
}

SyncWorker::~SyncWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void SyncWorker::requestSync() {
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_all();
}

SyncStatus SyncWorker::status() const {
    std::lock_guard lock(m_mutex);
    SyncStatus copy = m_status;
    return copy;
}

std::int64_t SyncWorker::completedRuns() const {
    std::lock_guard lock(m_mutex);
    return m_runs;
}

void SyncWorker::update(const std::function<void(SyncStatus&)>& change) {
    std::lock_guard lock(m_mutex);
    change(m_status);
}

void SyncWorker::loop() {
    Backoff backoff(m_options.backoffBase, m_options.backoffCap);
    std::unique_ptr<store::Database> db;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_until(lock, m_nextRun, [this] { return m_stop || m_requested || Clock::now() >= m_nextRun; });
            if (m_stop) return;
            m_requested = false;
            m_status.state = SyncStatus::State::Syncing;
            m_status.done = m_status.total = 0;
            m_status.pulling = false;
            m_status.retryInSeconds = -1;
        }
        std::chrono::milliseconds wait = m_options.interval;
        try {
            if (!db) db = std::make_unique<store::Database>(m_databasePath);
            auto account = store::SyncAccountStore(*db).load();
            if (!account) {
                update([](SyncStatus& s) { s.state = SyncStatus::State::NotEnrolled; });
                std::lock_guard lock(m_mutex);
                m_nextRun = never();
                continue;
            }
            auto transport = m_factory(account->hubUrl, m_stop);
            EngineOptions engineOptions;
            engineOptions.vocabularyVersion = m_options.vocabularyVersion;
            engineOptions.onProgress = [this](const SyncProgress& p) {
                update([&](SyncStatus& s) {
                    s.done = p.done;
                    s.total = p.total;
                    s.pulling = p.phase != SyncProgress::Phase::Pushing;
                });
            };
            SyncEngine engine(*db, *transport, engineOptions);
            auto report = engine.runOnce();
            backoff.reset();
            update([&](SyncStatus& s) {
                s.state = SyncStatus::State::Synced;
                s.lastSync = report.finishedAt;
                s.errorKey.clear();
                s.errorParams.clear();
                s.retryInSeconds = std::chrono::duration_cast<std::chrono::seconds>(wait).count();
            });
            std::lock_guard lock(m_mutex);
            ++m_runs;
        } catch (const Error& e) {
            bool retry = e.kind() == Error::Kind::Io || e.kind() == Error::Kind::Storage;
            std::optional<int> retryAfter;
            if (auto it = e.params().find("retry_after"); it != e.params().end()) retryAfter = std::stoi(it->second);
            if (retry) wait = backoff.next(retryAfter);
            update([&](SyncStatus& s) {
                s.state = e.key() == "err.sync.network" ? SyncStatus::State::Offline : SyncStatus::State::Error;
                s.errorKey = e.key();
                s.errorParams = e.params();
                s.retryInSeconds = retry ? std::chrono::duration_cast<std::chrono::seconds>(wait).count() : -1;
            });
            if (!retry) {
                // A refused token or an old protocol needs a person; trying again alone would not help.
                std::lock_guard lock(m_mutex);
                m_nextRun = never();
                continue;
            }
        } catch (const std::exception& e) {
            wait = backoff.next();
            update([&](SyncStatus& s) {
                s.state = SyncStatus::State::Error;
                s.errorKey = "err.sync.unexpected";
                s.errorParams = {{"detail", e.what()}};
                s.retryInSeconds = std::chrono::duration_cast<std::chrono::seconds>(wait).count();
            });
        }
        std::lock_guard lock(m_mutex);
        m_nextRun = Clock::now() + wait;
    }
}

}  // namespace mediane::sync
