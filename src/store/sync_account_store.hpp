// The hub this laptop is enrolled with: the account's fields in the notebook, the device token beside it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/device_secret.hpp"

namespace mediane::store {

class Database;

// The hub this laptop is enrolled with, and its device token. The account's fields are rows of the
// notebook; the token is not: it lives in the notebook's DeviceSecret (secret service or a 0600 file),
// so a copied .sqlite file, an export or a backup never carries it.
struct SyncAccount {
    std::string hubUrl;
    std::string deviceToken;
    std::string login;
    std::string role;
    std::string structure;
    std::string territory;
    std::string enrolledAt;
};

class SyncAccountStore {
public:
    // The token store this process chose for the notebook's directory (openDeviceSecret).
    explicit SyncAccountStore(Database& db);
    // An explicit token store, e.g. the file store in a test.
    SyncAccountStore(Database& db, std::unique_ptr<DeviceSecret> secret);
    ~SyncAccountStore();
    SyncAccountStore(const SyncAccountStore&) = delete;
    SyncAccountStore& operator=(const SyncAccountStore&) = delete;

    // The account when this laptop was enrolled; deviceToken is empty when the token is missing (e.g.
    // the notebook was copied to another computer): the hub then answers 401 and asks to sign in again.
    std::optional<SyncAccount> load();
    // The account's fields and its token together: when the token cannot be kept, nothing is saved.
    void save(const SyncAccount& account);
    void setHubUrl(const std::string& url);
    // Signing out: the account and its token leave this laptop; pending changes stay for the next account.
    // The change feed's position goes too, so enrolling again (with this hub or another) starts it afresh.
    void forget();

private:
    Database& m_db;
    std::unique_ptr<DeviceSecret> m_secret;
};

}  // namespace mediane::store
