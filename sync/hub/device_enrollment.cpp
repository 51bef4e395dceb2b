#include "sync/hub/device_enrollment.hpp"

#include <cstdio>

#include "sync/hub/audit_log.hpp"
#include "sync/hub/credentials.hpp"

namespace mediane::hub {

namespace {
EnrollOutcome refusal(int status, std::string error, std::string message, std::int64_t retryAfter = 0) {
    EnrollOutcome out;
    out.status = status;
    out.error = std::move(error);
    out.message = std::move(message);
    out.retryAfterSeconds = retryAfter;
    return out;
}
}  // namespace

EnrollOutcome enrollDevice(StorePool& stores, AccountGuard& guard,
                           const sync::EnrollRequest& request, const std::string& address, const TokenPolicy& policy) {
    // While locked, the password is not even checked: guessing costs the attacker time, not the hub memory.
    if (auto wait = guard.throttle.lockedFor(request.login, address, unixNow()); wait > 0)
        return refusal(429, "login_throttled", "too many failed sign-ins for this login or address: retry later", wait);

    // Hashes and a dummy made before taking a slot, so the slot covers exactly one Argon2 check.
    const std::string& dummy = guard.dummyHash();
    std::optional<UserAccount> user;
    user = stores.lease()->findUser(request.login);
    bool verified = false;
    {
        VerificationGate::Pass pass(guard.gate);
        if (!pass) return refusal(503, "busy", "the hub is checking other sign-ins: retry in a moment", 2);
        // Unknown logins cost the same Argon2 work as known ones.
        verified = verifyPassword(user ? user->passwordHash : dummy, request.password) && user;
    }
    if (!verified) {
        guard.throttle.recordFailure(request.login, address, unixNow());
        std::fprintf(stderr, "enroll: failed sign-in login=%s addr=%s\n", auditText(request.login).c_str(),
                     auditText(address).c_str());
        return refusal(401, "invalid_credentials", "unknown login or wrong password");
    }
    guard.throttle.recordSuccess(request.login);
    if (user->disabled) return refusal(403, "account_disabled", "this account is disabled: ask the hub's administrator");

    EnrollOutcome out;
    out.user = *user;
    out.token = newDeviceToken();
    std::int64_t now = unixNow();
    auto store = stores.lease();
    if (auto device = store->findDevice(request.deviceId)) {
        if (device->revoked)
            return refusal(403, "device_revoked",
                           "this device was revoked: an administrator must admit it again before it can enrol");
        // Another account's laptop: refusing keeps the victim's token working.
        if (device->login != user->login)
            return refusal(409, "device_taken", "this device id is enrolled by another account");
    }
    store->saveDevice(request.deviceId, user->login, tokenHash(out.token), now, now + policy.lifetimeSeconds);
    return out;
}

}  // namespace mediane::hub
