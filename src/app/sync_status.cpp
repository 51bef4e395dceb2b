#include "app/sync_status.hpp"

#include <ctime>

namespace mediane::app {

namespace {

using State = sync::SyncStatus::State;

// The snapshot fields that change when the worker moves on; a change restarts the retry countdown.
bool sameMoment(const sync::SyncStatus& a, const sync::SyncStatus& b) {
    return a.state == b.state && a.done == b.done && a.total == b.total && a.pulling == b.pulling &&
           a.errorKey == b.errorKey && a.retryInSeconds == b.retryInSeconds && a.lastSync == b.lastSync;
}

std::string delayText(std::int64_t seconds, const core::Translator& tr) {
    if (seconds < 60) return tr.format("ui_sync.delay_seconds", {{"n", std::to_string(seconds)}});
    return tr.format("ui_sync.delay_minutes", {{"n", std::to_string((seconds + 59) / 60)}});
}

// "4 000" in French, "4,000" in English: counts of thousands of operations must read at a glance.
std::string grouped(std::int64_t n, const std::string& language) {
    std::string digits = std::to_string(n), out;
    const std::string sep = language == "fr" ? "\xE2\x80\xAF" : ",";  // narrow no-break space in French
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

std::string syncedText(const std::string& lastSync, const core::Translator& tr) {
    if (lastSync.empty()) return tr.tr("ui_sync.never");
    auto stamp = localStamp(lastSync, tr.language());
    if (stamp.date.empty()) return tr.format("ui_sync.synced_at", {{"time", stamp.time}});
    return tr.format("ui_sync.synced_on", {{"date", stamp.date}, {"time", stamp.time}});
}

}  // namespace

LocalStamp localStamp(const std::string& utcIso, const std::string& language) {
    std::tm utc{};
    if (std::sscanf(utcIso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                    &utc.tm_min, &utc.tm_sec) != 6)
        return {{}, utcIso};  // not a stamp we wrote: show it as it is rather than nothing
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    std::time_t t = timegm(&utc);
    std::time_t now = std::time(nullptr);
    std::tm local{}, today{};
    localtime_r(&t, &local);
    localtime_r(&now, &today);
    char time[16], date[32];
    std::strftime(time, sizeof time, "%H:%M", &local);
    if (local.tm_year == today.tm_year && local.tm_yday == today.tm_yday) return {{}, time};
    std::strftime(date, sizeof date, language == "fr" ? "%d/%m/%Y" : "%Y-%m-%d", &local);
    return {date, time};
}

void SyncMonitor::attach(sync::SyncWorker* worker) {
    m_worker = worker;
    m_status = worker ? worker->status() : sync::SyncStatus{};
    m_runs = 0;
    m_seenAt = Clock::now();
    m_asked = false;
}

bool SyncMonitor::poll(Clock::time_point now) {
    if (!m_worker) return false;
    auto snapshot = m_worker->status();
    auto runs = m_worker->completedRuns();
    if (!sameMoment(snapshot, m_status)) {
        m_seenAt = now;
        m_asked = false;
    } else if (m_asked && now - m_seenAt > std::chrono::seconds(3)) {
        m_asked = false;  // the worker answered with the very same state (e.g. offline again)
    }
    m_status = std::move(snapshot);
    bool completed = runs != m_runs;
    m_runs = runs;
    return completed;
}

void SyncMonitor::requestSync() {
    if (!m_worker) return;
    m_worker->requestSync();
    m_asked = true;
    m_seenAt = Clock::now();
}

std::int64_t SyncMonitor::retryIn(Clock::time_point now) const {
    if (m_status.retryInSeconds < 0) return -1;
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - m_seenAt).count();
    return std::max<std::int64_t>(0, m_status.retryInSeconds - elapsed);
}

SyncLine SyncMonitor::describe(const core::Translator& tr, const std::string& lastSync, Clock::time_point now) const {
    if (m_asked && m_status.state != State::Syncing) {
        SyncLine line;
        line.tone = SyncLine::Tone::Busy;
        line.text = tr.tr("ui_sync.starting");
        return line;
    }
    return describeSync(enrolled(), m_status, retryIn(now), lastSync, tr);
}

SyncLine describeSync(bool enrolled, const sync::SyncStatus& status, std::int64_t retryIn, const std::string& lastSync,
                      const core::Translator& tr) {
    SyncLine line;
    if (!enrolled || status.state == State::NotEnrolled) {
        line.tone = SyncLine::Tone::Warning;
        line.text = tr.tr("ui_sync.not_enrolled");
        line.hint = tr.tr("ui_sync.not_enrolled_hint");
        return line;
    }
    const std::string& lang = tr.language();
    switch (status.state) {
        case State::Syncing:
            line.tone = SyncLine::Tone::Busy;
            if (status.pulling)
                line.text = tr.format("ui_sync.receiving", {{"done", grouped(status.done, lang)}});
            else if (status.total > 0)
                line.text = tr.format("ui_sync.syncing",
                                      {{"done", grouped(status.done, lang)}, {"total", grouped(status.total, lang)}});
            else
                line.text = tr.tr("ui_sync.starting");
            return line;
        case State::Idle:
        case State::Synced:
            line.tone = lastSync.empty() ? SyncLine::Tone::Muted : SyncLine::Tone::Ok;
            line.text = syncedText(status.lastSync.empty() ? lastSync : status.lastSync, tr);
            line.canSyncNow = true;
            return line;
        case State::Offline:
            line.tone = SyncLine::Tone::Warning;
            line.text = tr.tr("ui_sync.offline");
            line.hint = retryIn >= 0 ? tr.format("ui_sync.offline_retry", {{"delay", delayText(retryIn, tr)}})
                                     : tr.tr("ui_sync.offline_kept");
            line.detail = tr.message(Error(Error::Kind::Io, status.errorKey, status.errorParams));
            line.canSyncNow = true;
            return line;
        case State::Error:
        case State::NotEnrolled: break;
    }
    line.tone = SyncLine::Tone::Error;
    Error error(Error::Kind::Refused, status.errorKey, status.errorParams);
    std::string shortKey = "ui_sync.error." + status.errorKey;
    line.text = tr.has(shortKey) ? tr.format(shortKey, status.errorParams) : tr.message(error);
    line.detail = tr.message(error);
    if (retryIn >= 0) line.hint = tr.format("ui_sync.retry", {{"delay", delayText(retryIn, tr)}});
    line.canSyncNow = true;
    return line;
}

}  // namespace mediane::app
