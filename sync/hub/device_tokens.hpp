// Checking a device token on each request: expiry, disabled accounts, and silent renewal while in use.
#pragma once

#include <cstdint>
#include <string>

#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

// The response header carrying a renewed token (docs/sync-protocol.md, "Token lifetime").
constexpr const char* kNextTokenHeader = "X-Mediane-Next-Token";

struct TokenPolicy {
    std::int64_t lifetimeSeconds = 60LL * 86400;
    // A token older than this is renewed on its next use; 0: a quarter of the lifetime.
    std::int64_t renewAfterSeconds = 0;
    std::int64_t renewAfter() const { return renewAfterSeconds > 0 ? renewAfterSeconds : lifetimeSeconds / 4; }
};

enum class TokenVerdict { Accepted, Unknown, Revoked, Expired, Disabled };

struct TokenCheck {
    TokenVerdict verdict = TokenVerdict::Unknown;
    Principal principal;       // set when the token matched a device, whatever the verdict
    std::string renewedToken;  // set when this answer must carry a new token in kNextTokenHeader
};

// The caller holds the store's lock. A pending renewal token, on its first use, becomes the current
// one and the old one stops working: until then both work, so a lost answer never locks a laptop out.
TokenCheck checkDeviceToken(HubStore& store, const std::string& token, const TokenPolicy& policy, std::int64_t now);

std::int64_t unixNow();
// "2026-03-02T10:00:00Z"; "" for 0.
std::string isoFromUnix(std::int64_t seconds);

}  // namespace mediane::hub
