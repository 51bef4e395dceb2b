#include "sync/hub/verification_gate.hpp"

namespace mediane::hub {

VerificationGate::Pass::Pass(VerificationGate& gate) : m_gate(gate) {
    std::unique_lock lock(gate.m_mutex);
    m_held = gate.m_freed.wait_for(lock, gate.m_maxWait, [&] { return gate.m_free > 0; });
    if (m_held) --gate.m_free;
}

VerificationGate::Pass::~Pass() {
    if (!m_held) return;
    {
        std::lock_guard lock(m_gate.m_mutex);
        ++m_gate.m_free;
    }
    m_gate.m_freed.notify_one();
}

}  // namespace mediane::hub
