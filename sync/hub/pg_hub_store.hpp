// HubStore on a PostgreSQL database: several resin-hub processes may serve from one database.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <type_traits>

#include <pqxx/pqxx>

#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

// One connection, used by one thread at a time (the server serialises its calls, as for SQLite). Writers of the
// change feed, in this process or another, take turns by a transaction-scoped advisory lock: a server_seq is
// drawn only by the lock's holder, which commits before the next one draws, so a puller never sees a later
// change without every earlier one (docs/hub-postgresql.md). A failed connection is Storage "err.hub.storage";
// a failed statement throws libpqxx's exception (a std::exception), which the server answers with 500.
class PgHubStore final : public HubStore {
public:
    // Connects (postgresql://... or a libpq key=value string) and brings the schema to the current version.
    explicit PgHubStore(const std::string& connection);
    ~PgHubStore() override;

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
    void beginReadSnapshot() override;
    void endReadSnapshot() override;
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
    // The history of corrections, erasure, retention and the privacy audit: pg_hub_privacy.cpp.
    void addRecordChange(const RecordChangeEntry& change) override;
    std::vector<RecordChangeEntry> recordChanges(const std::string& entity, const std::string& recordId) override;
    std::vector<RecordChangeEntry> recordChangesSince(const std::string& sinceIso, int limit) override;
    std::int64_t prunedBelow() override;
    std::int64_t prune(const std::string& olderThanIso) override;
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

    // The schema version the database is at (pg_hub_schema.cpp): the SQLite hub's numbering.
    int schemaVersion();
    // For `resin-hub migrate`: the connection, with no transaction of the store open on it.
    pqxx::connection& connection() { return *m_conn; }

private:
    // Runs a statement of this file's constant SQL (never text from a request) in the open transaction,
    // prepared once per connection; the values go as parameters.
    template <typename... Args>
    pqxx::result run(const char* sql, Args&&... args) {
        return m_tx->exec_prepared(preparedName(sql), std::forward<Args>(args)...);
    }
    const std::string& preparedName(const char* sql);
    // Runs step in the open transaction, or in one of its own that commits when it returns.
    template <typename Step>
    auto inStep(Step&& step) -> decltype(step());
    // Writers of the change feed take turns (held to the end of the transaction; taking it again is free).
    void lockFeed();
    std::int64_t pruneBelow(const std::string& olderThanIso, std::int64_t keepAbove);
    std::vector<sync::Change> readChanges(const char* sql, std::int64_t since, std::int64_t upTo, int limit,
                                          const Scope& scope, const HeldByPuller& held);
    void migrate();
    // The structures a cheque event reaches besides its own, kept as events and booklets are written
    // (pg_cheque_links.cpp; hub schema 9).
    void linkCheques(const StoredRecord& record, std::int64_t serverSeq);

    std::unique_ptr<pqxx::connection> m_conn;
    pqxx::transaction_base* m_tx = nullptr;
    // The open ReadSnapshot's transaction, if the store opened one (none inside a transaction of its own).
    std::unique_ptr<pqxx::transaction_base> m_snapshot;
    std::map<std::string, std::string> m_prepared;
};

template <typename Step>
auto PgHubStore::inStep(Step&& step) -> decltype(step()) {
    if (m_tx) return step();
    pqxx::work tx(*m_conn);
    m_tx = &tx;
    struct Clear {
        pqxx::transaction_base*& tx;
        ~Clear() { tx = nullptr; }
    } clear{m_tx};
    if constexpr (std::is_void_v<decltype(step())>) {
        step();
        tx.commit();
    } else {
        auto result = step();
        tx.commit();
        return result;
    }
}

// "{a,b}" for a text[] parameter: the scope's structures go as one value, never spliced into the SQL.
std::string pgTextArray(const std::vector<std::string>& values);

}  // namespace mediane::hub
