// The GUI's view of the background sync: the worker's snapshot read once per frame, and the status bar's line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/translator.hpp"
#include "sync/client/sync_worker.hpp"

namespace mediane::app {

// What the status bar says about sync, already translated.
struct SyncLine {
    enum class Tone { Muted, Busy, Ok, Warning, Error };
    Tone tone = Tone::Muted;
    std::string text;  // « Synchronisation 120 sur 4 000… », « Synchronisé à 14:05 », « Hors ligne »…
    std::string hint;  // what to do next, or when the worker tries again; may be empty
    std::string detail;  // the full error message, for a tooltip; may be empty
    bool canSyncNow = false;  // the « Synchroniser » button is active
    bool showRefusals = false;  // refused changes wait: the bar offers « Voir pourquoi » (refused_changes.hpp)
};

// "14:05" when the UTC instant is today in local time, else the local date and time (for « le … à … »).
struct LocalStamp {
    std::string date;  // empty when today
    std::string time;
};
LocalStamp localStamp(const std::string& utcIso, const std::string& language);

// Usage (each frame): if (monitor.poll()) state.refreshStatus();  ui shows monitor.describe(tr, lastSync)
// Holds no lock between calls: poll() copies the worker's snapshot (a mutex held for a struct copy), so
// the frame never waits on the network or on the worker's database transactions.
class SyncMonitor {
public:
    using Clock = std::chrono::steady_clock;

    // nullptr: this notebook is not enrolled on a hub, there is no worker. The worker outlives the monitor's use.
    void attach(sync::SyncWorker* worker);
    bool enrolled() const { return m_worker != nullptr; }

    // Returns true when a sync completed since the previous poll: the caller reloads what it shows.
    bool poll(Clock::time_point now = Clock::now());
    void requestSync();

    const sync::SyncStatus& status() const { return m_status; }
    // Completed syncs seen so far: view-models compare it to know their data may have changed.
    std::int64_t generation() const { return m_runs; }
    // Seconds before the worker tries again by itself, counted down since the snapshot said so; -1: not by itself.
    std::int64_t retryIn(Clock::time_point now = Clock::now()) const;

    // lastSync: the notebook's last complete sync (UTC), shown while idle.
    SyncLine describe(const core::Translator& tr, const std::string& lastSync,
                      Clock::time_point now = Clock::now()) const;

private:
    sync::SyncWorker* m_worker = nullptr;
    sync::SyncStatus m_status;
    std::int64_t m_runs = 0;
    Clock::time_point m_seenAt{};
    bool m_asked = false;  // pressed « Synchroniser », the worker has not picked it up yet
};

// The line for a status snapshot, without a worker (tests, and the monitor's describe()).
SyncLine describeSync(bool enrolled, const sync::SyncStatus& status, std::int64_t retryIn, const std::string& lastSync,
                      const core::Translator& tr);

}  // namespace mediane::app
