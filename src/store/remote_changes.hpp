// Applying the hub's pulled changes to the local tables, and the sync client's local state: account, cursor, conflicts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/device_secret.hpp"

namespace mediane::store {

class Database;

// One entry of the hub's change feed: the record's full state after the change (or a tombstone).
struct RemoteChange {
    std::int64_t serverSeq = 0;
    std::string entity;
    std::string recordId;
    std::int64_t version = 0;
    nlohmann::json fields = nlohmann::json::object();
    bool deleted = false;
};

// A conflict the hub raised, copied locally so a person can review it offline.
struct RemoteConflict {
    std::int64_t id = 0;
    std::string kind;  // hard | soft | over_redemption | update_after_delete | place_proposal
    std::string entity;
    std::string recordId;
    std::string opId;
    std::string deviceId;
    std::string structure;
    std::string createdAt;
    nlohmann::json details = nlohmann::json::object();
    std::string state = "open";  // open | sent (decided here, in the outbox) | resolved (the hub's decision pulled)
    nlohmann::json resolution = nlohmann::json::object();
    std::string resolvedBy, resolvedAt;
};

// Usage: { Transaction tx(db); RemoteChanges rc(db); for (auto& c : page) rc.apply(c); rc.setCursor(next); tx.commit(); }
class RemoteChanges {
public:
    explicit RemoteChanges(Database& db) : m_db(db) {}

    // Applies one change inside the caller's transaction. A record with local operations not yet
    // acknowledged is rebased: the hub's state, then the local changes on top. A change the local
    // schema refuses (e.g. a session whose cheque booklet never reached this laptop) is kept aside
    // in sync_skipped instead of blocking the feed; returns false then.
    bool apply(const RemoteChange& change);

    // Stores (or refreshes) a conflict and marks the record it is about.
    void recordConflict(const RemoteConflict& conflict);
    std::vector<RemoteConflict> conflicts(const std::string& recordId = {});
    std::optional<RemoteConflict> conflict(std::int64_t id);
    // A decision made on this laptop: the conflict shows "sent" until the hub's resolution is pulled.
    void markSent(std::int64_t id, const nlohmann::json& resolution);
    std::int64_t conflictCount();

    // The last server_seq applied, and the last conflict id fetched: both survive a crash with the data.
    std::int64_t cursor();
    void setCursor(std::int64_t serverSeq);
    std::int64_t conflictsAfter();
    void setConflictsAfter(std::int64_t id);

private:
    void applyLearner(const RemoteChange& c);
    void applySession(const RemoteChange& c);
    void applyBooklet(const RemoteChange& c);
    void applyChequeEvent(const RemoteChange& c);
    void applyAssessment(const RemoteChange& c);
    void applyPlace(const RemoteChange& c);
    void applyResolution(const RemoteChange& c);
    void eraseLearner(const std::string& id);
    void eraseSession(const std::string& id);
    void erasePlace(const std::string& id);
    void refreshCheque(const std::string& chequeId);
    bool exists(const char* table, const std::string& id);
    // The id when such a row exists locally, else empty (stored as NULL): a reference to a record this
    // laptop cannot see must not make the whole change fail.
    std::string known(const char* table, const std::string& id);
    const std::set<std::string>& placeColumns();

    Database& m_db;
    std::set<std::string> m_placeColumns;
};

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

private:
    Database& m_db;
    std::unique_ptr<DeviceSecret> m_secret;
};

}  // namespace mediane::store
