// Password-guessing brake for /v1/enroll: failures counted per login and per client address, with growing lock-outs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mediane::hub {

struct ThrottleConfig {
    int freeAttempts = 5;                 // failures before the first lock-out
    std::int64_t maxLockSeconds = 15 * 60;
    std::int64_t forgetAfterSeconds = 60 * 60;  // a quiet key is forgotten (its count starts again)
    std::size_t maxKeys = 10000;          // bounds memory whatever the number of logins and addresses tried
};

// Failed sign-ins kept where every hub process serving one database sees them (PostgreSQL: pg_login_failures.cpp),
// so that a guesser spreading attempts over several processes meets one count. Keys are the throttle's own.
class SharedFailures {
public:
    virtual ~SharedFailures() = default;
    // One more failure of key at now; a count idle for longer than forgetAfter starts again. Returns the count.
    virtual int addFailure(const std::string& key, std::int64_t now, std::int64_t forgetAfter) = 0;
    virtual void lockUntil(const std::string& key, std::int64_t until) = 0;
    // The latest lock end of either key, 0 for none.
    virtual std::int64_t lockedUntil(const std::string& first, const std::string& second) = 0;
    virtual void forget(const std::string& key) = 0;
};

// Usage: if (auto wait = throttle.lockedFor(login, addr, now)) → 429 Retry-After: *wait, no password check;
//        then recordFailure / recordSuccess once the password was checked. Thread-safe.
class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleConfig config = {}) : m_config(config) {}

    // Seconds until the login or the address may try again; 0 when neither is locked.
    std::int64_t lockedFor(const std::string& login, const std::string& address, std::int64_t now);
    void recordFailure(const std::string& login, const std::string& address, std::int64_t now);
    // A right password clears its login's count; the address keeps its own, so one valid account
    // cannot be used to reset the count of an address guessing others.
    void recordSuccess(const std::string& login);
    std::size_t trackedKeys();
    // From now on, failures are counted in `shared` instead of this process's memory (several hub processes).
    void share(std::shared_ptr<SharedFailures> shared);

private:
    struct Entry {
        int failures = 0;
        std::int64_t lockedUntil = 0;
        std::int64_t lastFailure = 0;
    };
    void fail(const std::string& key, std::int64_t now);
    std::int64_t remaining(const std::string& key, std::int64_t now);
    // How long the failures-th failure locks its key (0: still free).
    std::int64_t lockSeconds(int failures) const;
    void makeRoom(std::int64_t now);

    ThrottleConfig m_config;
    std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    std::shared_ptr<SharedFailures> m_shared;
};

}  // namespace mediane::hub
