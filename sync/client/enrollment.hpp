// Binding this laptop to an adviser's account on the hub, once, online: login + password → device token.
#pragma once

#include <string>

#include "store/sync_account_store.hpp"
#include "sync/client/transport.hpp"

namespace mediane::store {
class Database;
}

namespace mediane::sync {

// Usage: CurlTransport t(url); auto account = enrollDevice(db, t, url, "alice", password);
// Stores the token (only here, never in an export) and returns the account. Throws Refused
// "err.sync.invalid_credentials" for a wrong login or password, "err.sync.device_taken" (another account
// enrolled this laptop), "err.sync.device_revoked", "err.sync.account_disabled", "err.sync.login_throttled"
// (with retry_after), Io when the hub is unreachable.
store::SyncAccount enrollDevice(store::Database& db, Transport& transport, const std::string& hubUrl,
                                const std::string& login, const std::string& password);

}  // namespace mediane::sync
