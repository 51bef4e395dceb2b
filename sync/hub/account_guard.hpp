// The hub's shared defences around accounts: login throttling, the Argon2 gate, the audit log, a dummy hash.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "sync/hub/audit_log.hpp"
#include "sync/hub/login_throttle.hpp"
#include "sync/hub/verification_gate.hpp"

namespace mediane::hub {

struct AccountGuardConfig {
    ThrottleConfig throttle;
    int maxPasswordChecks = 2;  // Argon2id checks at once (~64 MB each)
    std::chrono::milliseconds checkWait{3000};  // then 503 busy
    std::string auditLogPath;   // "" : no audit file
};

// One per server, shared by its handler threads.
class AccountGuard {
public:
    explicit AccountGuard(AccountGuardConfig config = {})
        : throttle(config.throttle), gate(config.maxPasswordChecks, config.checkWait), audit(config.auditLogPath) {}

    // A hash of a random password, made once: unknown logins are checked against it, so they cost the
    // same Argon2 work as known ones and the answer's timing does not tell which logins exist.
    const std::string& dummyHash();

    LoginThrottle throttle;
    VerificationGate gate;
    AuditLog audit;

private:
    std::once_flag m_dummyOnce;
    std::string m_dummyHash;
};

}  // namespace mediane::hub
