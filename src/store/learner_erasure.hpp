// Erasing a learner from this notebook: rows, outbox, conflicts and the file's free pages (RGPD art. 17).
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mediane::store {

class Database;

// Usage (a local erasure, in one transaction):
//   LearnerErasure erasure(db);
//   bool hubKnows = erasure.scrubOutbox(id);   // before the rows go: it reads the sessions that named them
//   erasure.eraseRows(id);
//   if (hubKnows) outbox.append("learner", id, "delete", {}, version);
//   tx.commit(); LearnerErasure::wipeTraces(db);
// A pulled tombstone runs eraseRows and scrubOutbox alike (store/remote_changes), then wipeTraces after the page.
class LearnerErasure {
public:
    explicit LearnerErasure(Database& db) : m_db(db) {}

    // The learner's sessions become anonymous head counts by the rule both ends share
    // (sync/protocol/learner_erasure), their assessments go, their cheques keep their state without them,
    // conflicts about them keep field names only, and their row (with its search entry) goes.
    // False when the learner was not in this notebook.
    bool eraseRows(const std::string& learnerId);

    // Operations still holding the learner's values: the learner's and their assessments' unacknowledged
    // operations are dropped and acknowledged ones emptied; pending sessions and cheque events that name
    // them are rewritten as the hub will rewrite them. True when the hub may hold the learner, so a
    // tombstone must follow; false when nothing of them ever left this laptop.
    bool scrubOutbox(const std::string& learnerId);

    // After the erasure committed: the search index is rebuilt (FTS keeps deleted terms in old segments),
    // and the WAL is checkpointed and truncated, so no file keeps the erased values (secure_delete is on
    // for every connection: store/database.cpp). Best effort: a reader holding an old snapshot leaves the
    // WAL for the next checkpoint.
    static void wipeTraces(Database& db);
    // A checkpoint an earlier wipe could not complete, tried again (at the end of each sync, at start).
    static void retryPendingWipe(Database& db);

    // A withdrawal of consent (or the retention period): the identity fields (sync/protocol/learner_erasure)
    // are emptied in the outbox's payloads not in flight and in conflicts about the learner; the learner's
    // row itself is updated by the caller, with its own outbox operation.
    void scrubIdentity(const std::string& learnerId);

    // A pulled learner change that empties identity fields this laptop still holds (a withdrawal or the
    // retention period on another machine): conflicts and acknowledged payloads lose those values too.
    // True when it did: the caller then wipes the files (wipeTraces) after the page.
    bool scrubPulledWithdrawal(const std::string& learnerId, const nlohmann::json& pulledFields);

    // The retention period: learners holding an identity whose last activity (last session, else the day
    // the record was created) is before the cutoff date.
    std::vector<std::string> identitiesPast(const std::string& cutoff);
    // Clears the identity on this laptop without an outbox operation: the hub applies the same period to its
    // copy and its update reaches every laptop. The payloads are scrubbed as for a withdrawal.
    void expireIdentity(const std::string& learnerId);

    // The local settings key holding the months pulled from the hub (absent: kDefaultRetentionMonths).
    static constexpr const char* kRetentionSetting = "retention_months";
    // Clears every identity past the period (identitiesPast, expireIdentity) in one transaction, wipes the
    // files, and logs how many on stderr, never a name. Returns how many.
    int applyRetention(int months, const std::string& today);

    // After a re-snapshot (the cursor was older than the hub's tombstone horizon): a learner this laptop had
    // from the hub (version > 0, nothing waiting to be sent) that the snapshot no longer holds was erased
    // meanwhile; the same rule applies. Returns how many. Inside the caller's transaction.
    int forgetMissingFromSnapshot(const std::set<std::string>& learnersInSnapshot);

private:
    static void checkpointOrRemember(Database& db);
    void anonymiseSessions(const std::string& learnerId);
    void scrubConflicts(const std::string& learnerId);
    void rewritePendingOperations(const std::string& learnerId);
    Database& m_db;
};

}  // namespace mediane::store
