// POST /v1/enroll's rules: throttled password check, device binding, revoked and disabled refusals, a new token.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "sync/hub/account_guard.hpp"
#include "sync/hub/device_tokens.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// status 200 with token and user, or the HTTP status, stable error code and English message to answer.
struct EnrollOutcome {
    int status = 200;
    std::string error;
    std::string message;
    std::int64_t retryAfterSeconds = 0;  // for 429 and 503
    UserAccount user;
    std::string token;
};

// Takes storeMutex only around store calls: Argon2 runs outside it (bounded by the guard's gate).
EnrollOutcome enrollDevice(HubStore& store, std::mutex& storeMutex, AccountGuard& guard,
                           const sync::EnrollRequest& request, const std::string& address, const TokenPolicy& policy);

}  // namespace mediane::hub
