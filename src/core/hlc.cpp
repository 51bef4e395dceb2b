#include "core/hlc.hpp"

#include <chrono>
#include <cstdio>

namespace mediane::core {

void HybridClock::observe(const std::string& stamp) {
    long long ms = 0, counter = 0;
    if (std::sscanf(stamp.c_str(), "%lld-%lld", &ms, &counter) != 2) return;
    if (ms > m_lastMillis || (ms == m_lastMillis && counter > m_counter)) {
        m_lastMillis = ms;
        m_counter = counter;
    }
}

std::string HybridClock::tick(std::int64_t wallMillis) {
    if (wallMillis > m_lastMillis) {
        m_lastMillis = wallMillis;
        m_counter = 0;
    } else {
        ++m_counter;  // the wall clock stood still or went back: stay monotonic
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%015lld-%05lld-", static_cast<long long>(m_lastMillis),
                  static_cast<long long>(m_counter));
    return buf + m_deviceId;
}

std::string HybridClock::tick() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return tick(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

}  // namespace mediane::core
