// HubStore on one SQLite file (WAL, synchronous=FULL): the hub's default single-writer backend.
#pragma once

#include <string>

#include "sync/hub/hub_store.hpp"
#include "sync/hub/hub_database.hpp"
#include "sync/hub/wal_checkpointer.hpp"

namespace mediane::hub {

struct ScopeFilter;

// Not thread-safe by itself: the server serialises calls, which SQLite's single writer needs anyway.
class SqliteHubStore final : public HubStore {
public:
    explicit SqliteHubStore(const std::string& path);

    bool saveUser(const UserAccount& user) override;
    std::optional<UserAccount> findUser(const std::string& login) override;
    bool setUserDisabled(const std::string& login, bool disabled) override;
    bool removeUser(const std::string& login) override;
    std::vector<UserListing> listUsers() override;
    std::vector<std::string> structuresOfTerritory(const std::string& territory) override;
    void saveDevice(const std::string& deviceId, const std::string& login, const std::string& tokenHash,
                    std::int64_t issuedAt, std::int64_t expiresAt) override;
    std::optional<DeviceEntry> findDevice(const std::string& deviceId) override;
    std::vector<DeviceEntry> listDevices(const std::string& login) override;
    std::optional<TokenMatch> findToken(const std::string& tokenHash) override;
    void setNextToken(const std::string& deviceId, const std::string& tokenHash, std::int64_t issuedAt) override;
    void promoteNextToken(const std::string& deviceId, std::int64_t expiresAt) override;
    void touchDevice(const std::string& deviceId, const std::string& seenAtIso) override;
    bool revokeDevice(const std::string& deviceId) override;
    bool admitDevice(const std::string& deviceId) override;
    void inTransaction(const std::function<void()>& work) override;
    std::optional<AppliedOp> findAppliedOp(const std::string& opId) override;
    void saveAppliedOp(const std::string& opId, const std::string& deviceId, const AppliedOp& applied) override;
    std::optional<StoredRecord> findRecord(const std::string& entity, const std::string& recordId) override;
    bool isDeleted(const std::string& entity, const std::string& recordId) override;
    std::int64_t writeRecord(const StoredRecord& record, const std::string& op, const std::string& opId,
                             const std::string& deviceId) override;
    std::vector<StoredRecord> chequeRedemptions(const std::string& chequeId, std::int64_t number) override;
    std::optional<StoredRecord> bookletCovering(std::int64_t number) override;
    std::vector<StoredRecord> bookletsOverlapping(std::int64_t first, std::int64_t last) override;
    std::vector<StoredRecord> liveRecords(const std::string& entity) override;
    std::int64_t addConflict(const ConflictEntry& conflict) override;
    void markHeldByAuthor(std::int64_t serverSeq) override;
    std::vector<sync::Change> changesSince(std::int64_t since, int limit, const Scope& scope,
                                           const HeldByPuller& held) override;
    std::int64_t lastServerSeq() override;
    std::vector<ConflictEntry> conflicts(std::int64_t afterId, int limit, const Scope& scope) override;
    std::optional<ConflictEntry> findConflict(std::int64_t id) override;
    void markConflictResolved(std::int64_t id, const std::string& resolvedAt) override;
    void rewriteStoredFields(const std::string& entity, const std::string& recordId,
                             const std::function<void(nlohmann::json& fields)>& edit) override;
    void dropChangeRows(const std::string& entity, const std::string& recordId) override;
    int publishedVocabularyVersion() override;
    std::vector<PublishedVocabularies> publishedVocabularies() override;
    void savePublishedVocabularies(const PublishedVocabularies& published) override;
    void reportUnmapped(const UnmappedCode& code) override;
    std::vector<UnmappedCode> unmappedCodes() override;
    void addRecordChange(const RecordChangeEntry& change) override;
    std::vector<RecordChangeEntry> recordChanges(const std::string& entity, const std::string& recordId) override;
    std::vector<RecordChangeEntry> recordChangesSince(const std::string& sinceIso, int limit) override;
    std::int64_t prunedBelow() override;
    std::int64_t prune(const std::string& olderThanIso) override;
    // Erasure, retention and the privacy audit: sqlite_hub_privacy.cpp.
    std::vector<StoredRecord> recordsNaming(const std::string& entity, const std::string& field,
                                            const std::string& recordId) override;
    void eraseConflictValues(const std::string& entity, const std::string& recordId) override;
    void hashAppliedOpsNaming(const std::string& recordId) override;
    void wipeFreedPages() override;
    void notePulled(const std::string& deviceId, std::int64_t since) override;
    std::int64_t pruneKeepingCursors(const std::string& olderThanIso, const std::string& activeSinceIso) override;
    int retentionMonths(const std::string& structure) override;
    void setRetentionMonths(const std::string& structure, int months) override;
    std::vector<LearnerActivity> learnersWithIdentity() override;
    std::string metaValue(const std::string& key) override;
    void setMetaValue(const std::string& key, const std::string& value) override;
    void recordPrivacyEvent(const PrivacyEvent& event) override;
    std::vector<PrivacyEvent> privacyEvents(const std::string& sinceIso) override;

private:
    // One stretch of the feed, (since, upTo], that the filter admits; other structures' cheque events stripped.
    std::vector<sync::Change> readChanges(std::int64_t since, std::int64_t upTo, int limit, const Scope& scope,
                                          const ScopeFilter& filter, const HeldByPuller& held);
    void migratePrivacy();
    void migrate();
    int schemaVersion();
    void migrateRecordHistory();  // hub schema 4
    void migrateEchoes();         // hub schema kEchoSchema (sqlite_hub_store.cpp)
    // Hub schema 9 and its upkeep (sqlite_cheque_links.cpp): the structures a cheque event reaches besides
    // its own, kept as events and booklets are written.
    void migrateChequeLinks();
    void linkCheques(const StoredRecord& record, std::int64_t serverSeq);
    HubDatabase m_db;
    WalCheckpointer m_checkpointer{m_db};  // after m_db: stops before it closes
};

}  // namespace mediane::hub
