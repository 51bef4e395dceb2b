// Bounds how many Argon2 password checks run at once: each holds ~64 MB, so a flood of enrolments cannot exhaust memory.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace mediane::hub {

// Usage: VerificationGate::Pass pass(gate); if (!pass) → 503 busy; else verify the password.
class VerificationGate {
public:
    VerificationGate(int slots, std::chrono::milliseconds maxWait) : m_free(slots), m_maxWait(maxWait) {}

    // Holds a slot for its lifetime; false when none freed up within the gate's maximum wait.
    class Pass {
    public:
        explicit Pass(VerificationGate& gate);
        ~Pass();
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;
        explicit operator bool() const { return m_held; }

    private:
        VerificationGate& m_gate;
        bool m_held = false;
    };

private:
    std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_free;
    std::chrono::milliseconds m_maxWait;
};

}  // namespace mediane::hub
