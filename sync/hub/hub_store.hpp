// The hub's storage interface: accounts, devices, records, the change feed, idempotency and conflicts.
// SQLite implements it today; a PostgreSQL backend must keep the same transactional contract.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

struct UserAccount {
    std::string login;
    std::string passwordHash;  // crypto_pwhash_str (Argon2id)
    std::string role;          // adviser | coordinator | admin
    std::string structure;
    std::string territory;     // the structure's territory
    bool disabled = false;     // a disabled account can neither enrol nor use its devices' tokens
};

// An account as `user list` shows it: never its password hash.
struct UserListing {
    std::string login;
    std::string role;
    std::string structure;
    bool disabled = false;
    int devices = 0;
};

// A laptop bound to an account. Times are Unix seconds (0: none); the token itself is never stored.
struct DeviceEntry {
    std::string deviceId;
    std::string login;         // the account that enrolled it: no other account may take it over
    bool hasToken = false;     // false once revoked or cut by a password change or a move
    std::int64_t tokenIssuedAt = 0;
    std::int64_t tokenExpiresAt = 0;
    bool hasNextToken = false; // a renewal sent to the laptop and not used yet
    std::int64_t nextIssuedAt = 0;
    std::string enrolledAt;    // ISO UTC
    std::string lastSeenAt;    // ISO UTC, refreshed at most once a minute; "" if never used
    bool revoked = false;      // survives re-enrolment until an admin admits the device again
};

// What a presented token hash matched: its device, its account, and which of the device's two hashes.
struct TokenMatch {
    DeviceEntry device;
    UserAccount user;
    bool isNextToken = false;
};

// Who a request acts as, resolved from its device token.
struct Principal {
    std::string deviceId;
    std::string login;
    std::string role;
    std::string structure;
    std::string territory;
};

struct StoredRecord {
    std::string entity;
    std::string recordId;
    std::int64_t version = 0;
    nlohmann::json fields = nlohmann::json::object();
    // field → version that last changed it: what a learner merge compares base_version against.
    nlohmann::json fieldVersions = nlohmann::json::object();
    std::string structure;  // "" for the shared directory of places
    bool deleted = false;
};

struct ConflictEntry {
    std::int64_t id = 0;
    std::string kind;  // hard | soft | over_redemption | update_after_delete | place_proposal
    std::string entity;
    std::string recordId;
    std::string opId;
    std::string deviceId;
    std::string structure;
    nlohmann::json details = nlohmann::json::object();  // both values, always
    std::string createdAt;
    std::string resolvedAt;  // empty while open
};

struct AppliedOp {
    std::string fingerprint;
    nlohmann::json result;
};

// A code that had no equivalent when a record moved to the current vocabularies: kept on the record (its
// legacy_codes) and listed here for a coordinator. No personal data: where it was, and the code.
struct UnmappedCode {
    std::string entity;
    std::string recordId;
    std::string field;
    std::string oldCode;
    std::string source;      // "migration" (hub schema 3), "push" (a laptop sent it) or "publish" (a code retired)
    std::string reportedAt;  // ISO UTC of the first report
};

// One accepted write of a correctable record (a learner or a session), as its history and the hub's audit show
// it: which record, which fields, who and when. Never a value: the history of an erased learner stays
// harmless, and a correction of a phone number does not copy the number into a second table.
struct RecordChangeEntry {
    std::int64_t id = 0;
    std::string entity;
    std::string recordId;
    std::string op;                    // create | update | delete | resolve (a conflict decision)
    std::vector<std::string> fields;   // the fields it set (wire names)
    std::string login;
    std::string deviceId;
    std::string at;                    // ISO UTC
    std::int64_t serverSeq = 0;        // its change in the feed (0: nothing new was written)
};

// One vocabularies document published with `resin-hub vocab publish`.
struct PublishedVocabularies {
    int version = 0;
    std::string document;                 // served as is by GET /v1/vocabularies
    std::string retired = "[]";           // JSON array of the publication's retirements
    std::string publishedAt;
};

// Who erased, withdrew or corrected what, and when: ids and logins, never a value (resin-hub audit).
struct PrivacyEvent {
    std::string at;        // ISO UTC
    std::string action;    // erase | withdraw_consent | correct | retention | export
    std::string entity;
    std::string recordId;
    std::string login;     // "" for the hub itself (retention)
    std::string deviceId;
    std::string structure;
    std::string note;      // field names, a count: never a field's value
};

// A live learner that still holds an identity, and the date of their last activity (last session, else the
// day the hub first received them): what the retention period reads.
struct LearnerActivity {
    std::string recordId;
    std::string structure;
    std::string lastActivity;
};

// Which structures a principal reaches; places (structure "") are visible to everyone.
struct Scope {
    bool everything = false;
    std::vector<std::string> structures;
    bool reaches(const std::string& structure) const;
};

// A puller's own changes that it says it holds: its device, and the highest server_seq its push answers
// gave it (0: it claims none, every change comes).
struct HeldByPuller {
    std::string deviceId;
    std::int64_t through = 0;
    // This build's laptops (protocol 2) also get the other structures' events on the cheques their structure
    // handed out or redeemed, without learner, session or free text (docs/pass-numerique.md).
    bool linkedCheques = false;
};

// Who made a change, from the history row a change's query reads as the JSON array [login, at, op, fields (a
// JSON array as text), device]; nullopt when the change has none. Both backends' feeds use it.
std::optional<sync::ChangeAuthor> authorOfChange(const std::string& historyRow);

class HubStore {
public:
    virtual ~HubStore() = default;

    // Creates or updates the account (keeping its disabled flag). A new password hash, role or structure
    // cuts every token of the user's devices at once; returns true when tokens were cut.
    virtual bool saveUser(const UserAccount& user) = 0;
    virtual std::optional<UserAccount> findUser(const std::string& login) = 0;
    virtual bool setUserDisabled(const std::string& login, bool disabled) = 0;
    // Deletes the account and its devices, except revoked ones: a stolen laptop stays refused.
    virtual bool removeUser(const std::string& login) = 0;
    virtual std::vector<UserListing> listUsers() = 0;
    virtual std::vector<std::string> structuresOfTerritory(const std::string& territory) = 0;

    // Binds the device to the user with a new token hash; any earlier token of this device (and any pending
    // renewal) stops working. Keeps the revoked flag: the caller refuses a revoked device first.
    virtual void saveDevice(const std::string& deviceId, const std::string& login, const std::string& tokenHash,
                            std::int64_t issuedAt, std::int64_t expiresAt) = 0;
    virtual std::optional<DeviceEntry> findDevice(const std::string& deviceId) = 0;
    // Every device, or those of one login, by device id.
    virtual std::vector<DeviceEntry> listDevices(const std::string& login) = 0;
    // The device whose current or pending token has this hash, with its account (even disabled or revoked).
    virtual std::optional<TokenMatch> findToken(const std::string& tokenHash) = 0;
    // Stores a renewal's hash as the device's pending next token (replacing an unused one).
    virtual void setNextToken(const std::string& deviceId, const std::string& tokenHash, std::int64_t issuedAt) = 0;
    // The pending token becomes the current one (its first use); the old current token stops working.
    virtual void promoteNextToken(const std::string& deviceId, std::int64_t expiresAt) = 0;
    virtual void touchDevice(const std::string& deviceId, const std::string& seenAtIso) = 0;
    // Revoking also drops the device's tokens; admitting lets it enrol again (with a fresh token).
    virtual bool revokeDevice(const std::string& deviceId) = 0;
    virtual bool admitDevice(const std::string& deviceId) = 0;

    // Runs work so that all its writes commit together or none do (one push batch).
    virtual void inTransaction(const std::function<void()>& work) = 0;
    virtual std::optional<AppliedOp> findAppliedOp(const std::string& opId) = 0;
    virtual void saveAppliedOp(const std::string& opId, const std::string& deviceId, const AppliedOp& applied) = 0;
    virtual std::optional<StoredRecord> findRecord(const std::string& entity, const std::string& recordId) = 0;
    // Whether the hub holds this record as a tombstone, without reading its fields.
    virtual bool isDeleted(const std::string& entity, const std::string& recordId) = 0;
    // Stores the record's new state and appends it to the change feed; returns the change's server_seq.
    virtual std::int64_t writeRecord(const StoredRecord& record, const std::string& op, const std::string& opId,
                                     const std::string& deviceId) = 0;
    // Live "redeemed" and "cancelled" events of a cheque, across every structure (a cheque is redeemable once
    // nationally). Matched by number: a laptop without the booklet names the cheque "pass#<number>".
    virtual std::vector<StoredRecord> chequeRedemptions(const std::string& chequeId, std::int64_t number) = 0;
    // The live booklet whose range holds this number, if the hub has one.
    virtual std::optional<StoredRecord> bookletCovering(std::int64_t number) = 0;
    // The live booklets holding any number from first to last, found through the widest booklet's span (hub
    // schema 9) rather than by reading every booklet.
    virtual std::vector<StoredRecord> bookletsOverlapping(std::int64_t first, std::int64_t last) = 0;
    // Every live (not deleted) record of an entity, by record id: the directory's current places.
    virtual std::vector<StoredRecord> liveRecords(const std::string& entity) = 0;
    virtual std::int64_t addConflict(const ConflictEntry& conflict) = 0;

    // A change a device's own op made, stored exactly as that device holds it: its pulls may leave it out.
    virtual void markHeldByAuthor(std::int64_t serverSeq) = 0;
    // Up to limit changes after since that the scope reaches, in server_seq order, less the puller's own
    // changes it holds (markHeldByAuthor, up to `held.through`); its own learners among them come as markers
    // flagged `held`, without their fields.
    virtual std::vector<sync::Change> changesSince(std::int64_t since, int limit, const Scope& scope,
                                                   const HeldByPuller& held) = 0;
    // The highest server_seq ever given (its row may since have been pruned), 0 on a new hub.
    virtual std::int64_t lastServerSeq() = 0;
    // Reads between these see one consistent view of the store (ReadSnapshot below): a pull's page and the end of
    // the feed it reports agree even while another hub process commits (PostgreSQL). SQLite's single connection,
    // under the server's lock, already sees one.
    virtual void beginReadSnapshot() {}
    virtual void endReadSnapshot() {}
    // Open conflicts only: a resolved one reaches laptops as a "conflict_resolution" change instead.
    virtual std::vector<ConflictEntry> conflicts(std::int64_t afterId, int limit, const Scope& scope) = 0;
    // Any conflict, open or resolved, whatever its structure (the caller checks who may see it).
    virtual std::optional<ConflictEntry> findConflict(std::int64_t id) = 0;
    virtual void markConflictResolved(std::int64_t id, const std::string& resolvedAt) = 0;
    // The record's fields, and those of every change row of its history, edited in place (no new version):
    // a later pull from any cursor then reads the edited codes only.
    virtual void rewriteStoredFields(const std::string& entity, const std::string& recordId,
                                     const std::function<void(nlohmann::json& fields)>& edit) = 0;
    // Removes every change row of the record from the feed (before its tombstone is written): a deleted
    // session's earlier states, notes included, are no longer served to anyone, and a laptop that never
    // held it reads only the tombstone.
    virtual void dropChangeRows(const std::string& entity, const std::string& recordId) = 0;

    // Vocabularies: the newest published version (0: none) and every publication, oldest first.
    virtual int publishedVocabularyVersion() = 0;
    virtual std::vector<PublishedVocabularies> publishedVocabularies() = 0;
    virtual void savePublishedVocabularies(const PublishedVocabularies& published) = 0;
    // The report of unmapped codes; the same (entity, record, field, code) is listed once.
    virtual void reportUnmapped(const UnmappedCode& code) = 0;
    virtual std::vector<UnmappedCode> unmappedCodes() = 0;

    // The history of corrections (sqlite_record_history.cpp): appended in the push's transaction.
    virtual void addRecordChange(const RecordChangeEntry& change) = 0;
    // One record's history, oldest first.
    virtual std::vector<RecordChangeEntry> recordChanges(const std::string& entity, const std::string& recordId) = 0;
    // Every change at or after sinceIso (a date or a time), oldest first: what `resin-hub history` prints.
    virtual std::vector<RecordChangeEntry> recordChangesSince(const std::string& sinceIso, int limit) = 0;

    // Cursors below this were compacted away: a pull from there must re-snapshot (410).
    virtual std::int64_t prunedBelow() = 0;
    // Drops change rows superseded by a later change of the same record and older than the cutoff date.
    virtual std::int64_t prune(const std::string& olderThanIso) = 0;

    // --- Erasure, retention and the privacy audit (hub schema 5, docs/privacy.md) -----------------------
    // Live records of an entity whose field (a text or a list of texts) names the record id.
    virtual std::vector<StoredRecord> recordsNaming(const std::string& entity, const std::string& field,
                                                    const std::string& recordId) = 0;
    // Conflicts about the record keep which fields clashed, not their values; so do the decisions on them.
    virtual void eraseConflictValues(const std::string& entity, const std::string& recordId) = 0;
    // Applied ops whose payload names the record keep a hash of their fingerprint instead of the payload
    // (a resend is still recognised: fingerprintMatches in learner_erasure_rules).
    virtual void hashAppliedOpsNaming(const std::string& recordId) = 0;
    // After an erasure committed: the WAL is checkpointed and truncated (secure_delete zeroed the pages).
    virtual void wipeFreedPages() = 0;
    // A device pulled from `since`: it holds every change up to there. Tombstones wait for every device.
    virtual void notePulled(const std::string& deviceId, std::int64_t since) = 0;
    // Devices seen since this date hold tombstones back until their cursor passed them; others re-snapshot.
    virtual std::int64_t pruneKeepingCursors(const std::string& olderThanIso, const std::string& activeSinceIso) = 0;
    // The structure's retention period for identities, in months (kDefaultRetentionMonths unless set).
    virtual int retentionMonths(const std::string& structure) = 0;
    virtual void setRetentionMonths(const std::string& structure, int months) = 0;
    virtual std::vector<LearnerActivity> learnersWithIdentity() = 0;
    virtual std::string metaValue(const std::string& key) = 0;
    virtual void setMetaValue(const std::string& key, const std::string& value) = 0;
    virtual void recordPrivacyEvent(const PrivacyEvent& event) = 0;
    virtual std::vector<PrivacyEvent> privacyEvents(const std::string& sinceIso) = 0;
};

// Usage: ReadSnapshot view(store);  // the store's reads see one view until the end of the scope
class ReadSnapshot {
public:
    explicit ReadSnapshot(HubStore& store) : m_store(store) { m_store.beginReadSnapshot(); }
    ~ReadSnapshot() { m_store.endReadSnapshot(); }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    HubStore& m_store;
};

}  // namespace mediane::hub
