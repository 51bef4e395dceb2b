#include "sync/hub/login_throttle.hpp"

#include <algorithm>

namespace mediane::hub {

namespace {
// Logins and addresses share one table; the prefixes keep a login named like an address apart from it.
std::string loginKey(const std::string& login) { return "l:" + login.substr(0, 128); }
std::string addressKey(const std::string& address) { return "a:" + address.substr(0, 64); }
}  // namespace

std::int64_t LoginThrottle::remaining(const std::string& key, std::int64_t now) {
    auto it = m_entries.find(key);
    if (it == m_entries.end()) return 0;
    if (now - it->second.lastFailure > m_config.forgetAfterSeconds && it->second.lockedUntil <= now) {
        m_entries.erase(it);
        return 0;
    }
    return std::max<std::int64_t>(0, it->second.lockedUntil - now);
}

std::int64_t LoginThrottle::lockedFor(const std::string& login, const std::string& address, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    if (m_shared) return std::max<std::int64_t>(0, m_shared->lockedUntil(loginKey(login), addressKey(address)) - now);
    return std::max(remaining(loginKey(login), now), remaining(addressKey(address), now));
}

void LoginThrottle::fail(const std::string& key, std::int64_t now) {
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        makeRoom(now);
        it = m_entries.emplace(key, Entry{}).first;
    } else if (now - it->second.lastFailure > m_config.forgetAfterSeconds) {
        it->second = Entry{};
    }
    Entry& e = it->second;
    ++e.failures;
    e.lastFailure = now;
    if (auto delay = lockSeconds(e.failures); delay > 0) e.lockedUntil = now + delay;
}

std::int64_t LoginThrottle::lockSeconds(int failures) const {
    int over = failures - m_config.freeAttempts;
    if (over < 0) return 0;
    // 4, 8, 16 … seconds: the first lock already outlasts a scripted burst; capped for a forgetful adviser.
    std::int64_t delay = over >= 20 ? m_config.maxLockSeconds : std::int64_t{1} << (over + 2);
    return std::min(delay, m_config.maxLockSeconds);
}

void LoginThrottle::share(std::shared_ptr<SharedFailures> shared) {
    std::lock_guard lock(m_mutex);
    m_shared = std::move(shared);
}

void LoginThrottle::recordFailure(const std::string& login, const std::string& address, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    if (m_shared) {
        for (const auto& key : {loginKey(login), addressKey(address)})
            if (auto delay = lockSeconds(m_shared->addFailure(key, now, m_config.forgetAfterSeconds)); delay > 0)
                m_shared->lockUntil(key, now + delay);
        return;
    }
    fail(loginKey(login), now);
    fail(addressKey(address), now);
}

void LoginThrottle::recordSuccess(const std::string& login) {
    std::lock_guard lock(m_mutex);
    if (m_shared) m_shared->forget(loginKey(login));
    m_entries.erase(loginKey(login));
}

std::size_t LoginThrottle::trackedKeys() {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

// Called with the table full: drop forgotten keys, else the unlocked key idle longest, else the lock that ends first.
// Locked keys go last so a flood of new names cannot wash a locked login out of the table cheaply.
void LoginThrottle::makeRoom(std::int64_t now) {
    if (m_entries.size() < m_config.maxKeys) return;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (now - it->second.lastFailure > m_config.forgetAfterSeconds && it->second.lockedUntil <= now)
            it = m_entries.erase(it);
        else
            ++it;
    }
    if (m_entries.size() < m_config.maxKeys) return;
    auto victim = std::min_element(m_entries.begin(), m_entries.end(), [now](const auto& a, const auto& b) {
        bool aLocked = a.second.lockedUntil > now, bLocked = b.second.lockedUntil > now;
        if (aLocked != bLocked) return !aLocked;
        return aLocked ? a.second.lockedUntil < b.second.lockedUntil : a.second.lastFailure < b.second.lastFailure;
    });
    m_entries.erase(victim);
}

}  // namespace mediane::hub
