// POST /v1/enroll's rules: throttled password check, device binding, revoked and disabled refusals, a new token.
#pragma once

#include <cstdint>
#include <string>

#include "sync/hub/account_guard.hpp"
#include "sync/hub/device_tokens.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/store_pool.hpp"
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

// Leases a store only around store calls: Argon2 runs without one (bounded by the guard's gate).
EnrollOutcome enrollDevice(StorePool& stores, AccountGuard& guard,
                           const sync::EnrollRequest& request, const std::string& address, const TokenPolicy& policy);

}  // namespace mediane::hub
