// How long to wait before trying an unreachable hub again: exponential backoff with full jitter.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace mediane::sync {

// Full jitter: each wait is uniform in [0, min(cap, base * 2^attempt)], so a fleet of laptops that lost
// the hub together does not come back in lockstep. A Retry-After from the hub wins (up to the cap).
// Usage: auto wait = backoff.next(response.retryAfterSeconds); ... on success: backoff.reset();
class Backoff {
public:
    explicit Backoff(std::chrono::milliseconds base = std::chrono::seconds(2),
                     std::chrono::milliseconds cap = std::chrono::minutes(15), std::uint64_t seed = std::random_device{}())
        : m_base(base), m_cap(cap), m_random(seed) {}

    std::chrono::milliseconds next(std::optional<int> retryAfterSeconds = std::nullopt);
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    // The ceiling of the next wait, before jitter.
    std::chrono::milliseconds ceiling() const;

private:
    std::chrono::milliseconds m_base, m_cap;
    std::mt19937_64 m_random;
    int m_attempt = 0;
};

}  // namespace mediane::sync
