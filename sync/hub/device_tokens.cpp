#include "sync/hub/device_tokens.hpp"

#include <chrono>
#include <ctime>

#include "sync/hub/credentials.hpp"

namespace mediane::hub {

namespace {
// last_seen is for admins, not for security: refreshing it at most once a minute keeps a sync's
// requests from each paying a database write.
constexpr std::int64_t kSeenResolution = 60;
}  // namespace

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string isoFromUnix(std::int64_t seconds) {
    if (seconds <= 0) return {};
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

TokenCheck checkDeviceToken(HubStore& store, const std::string& token, const TokenPolicy& policy, std::int64_t now) {
    TokenCheck check;
    auto match = store.findToken(tokenHash(token));
    if (!match) return check;
    const auto& d = match->device;
    const auto& u = match->user;
    check.principal = Principal{d.deviceId, u.login, u.role, u.structure, u.territory};
    if (d.revoked) {
        check.verdict = TokenVerdict::Revoked;
        return check;
    }
    if (u.disabled) {
        check.verdict = TokenVerdict::Disabled;
        return check;
    }
    if (match->isNextToken) {
        std::int64_t expires = d.nextIssuedAt + policy.lifetimeSeconds;
        if (now >= expires) {
            check.verdict = TokenVerdict::Expired;
            return check;
        }
        store.promoteNextToken(d.deviceId, expires);
    } else {
        if (now >= d.tokenExpiresAt) {
            check.verdict = TokenVerdict::Expired;
            return check;
        }
        if (now - d.tokenIssuedAt >= policy.renewAfter()) {
            // Only the hash is kept; an unused earlier renewal is replaced, since its answer was lost.
            check.renewedToken = newDeviceToken();
            store.setNextToken(d.deviceId, tokenHash(check.renewedToken), now);
        }
    }
    if (d.lastSeenAt < isoFromUnix(now - kSeenResolution)) store.touchDevice(d.deviceId, isoFromUnix(now));
    check.verdict = TokenVerdict::Accepted;
    return check;
}

}  // namespace mediane::hub
