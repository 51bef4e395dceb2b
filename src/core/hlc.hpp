// Hybrid logical clock stamps for audit and display: monotonic on a device even when its wall clock steps back.
#pragma once

#include <cstdint>
#include <string>

namespace mediane::core {

class HybridClock {
public:
    explicit HybridClock(std::string deviceId) : m_deviceId(std::move(deviceId)) {}
    // Resume after the last stamp this device wrote, so a restart never reuses one.
    void observe(const std::string& stamp);
    // Next stamp: "<wall ms, 15 digits>-<counter, 5 digits>-<device id>", ordered as text.
    std::string tick(std::int64_t wallMillis);
    std::string tick();

private:
    std::string m_deviceId;
    std::int64_t m_lastMillis = 0;
    std::int64_t m_counter = 0;
};

}  // namespace mediane::core
