// Password-guessing brake for /v1/enroll: failures counted per login and per client address, with growing lock-outs.
#pragma once

#include <cstddef>
#include <cstdint>
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

private:
    struct Entry {
        int failures = 0;
        std::int64_t lockedUntil = 0;
        std::int64_t lastFailure = 0;
    };
    void fail(const std::string& key, std::int64_t now);
    std::int64_t remaining(const std::string& key, std::int64_t now);
    void makeRoom(std::int64_t now);

    ThrottleConfig m_config;
    std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
};

}  // namespace mediane::hub
