#include "sync/client/outbox_ledger.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/local_conflicts.hpp"
#include "store/outbox_delivery.hpp"
#include "store/record_sync_state.hpp"
#include "store/record_tables.hpp"
#include "store/sync_cursor.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::sync {

std::vector<WireOp> OutboxLedger::nextBatch(int maxOps, std::size_t maxBytes, const std::set<std::string>& inFlight) {
    std::vector<WireOp> batch;
    std::set<std::string> records = inFlight;
    std::size_t bytes = 0;
    const int scan = maxOps * 4 + static_cast<int>(inFlight.size());
    store::OutboxDelivery(m_db).forEachSendable(scan, [&](store::QueuedOperation& queued) {
        if (!records.insert(queued.recordId).second) return true;  // waits for an answer on its record
        std::size_t size = queued.fields.size() + queued.opId.size() + queued.recordId.size() + queued.hlc.size() + 120;
        if (!batch.empty() && bytes + size > maxBytes) return false;
        bytes += size;
        WireOp op;
        op.seq = queued.seq;
        op.opId = std::move(queued.opId);
        op.entity = std::move(queued.entity);
        op.recordId = std::move(queued.recordId);
        op.op = std::move(queued.op);
        op.baseVersion = queued.baseVersion;
        op.fields = nlohmann::json::parse(queued.fields);
        op.hlc = std::move(queued.hlc);
        batch.push_back(std::move(op));
        return static_cast<int>(batch.size()) < maxOps;
    });
    return batch;
}

void OutboxLedger::stampLikeTheHub(const WireOp& op) {
    const auto* kind = findRecordKind(op.entity);
    const auto* table = store::findRecordTable(op.entity);
    if (!kind || !table || kind->lifecycle != Lifecycle::Mergeable || op.op != "create") return;
    bool stamped = false;
    for (const auto& f : kind->fields) stamped |= f.role == FieldRole::StampedStructure || f.role == FieldRole::StampedAdviser;
    if (!stamped) return;
    if (!m_account) {
        auto st = m_db.prepare("SELECT structure, login FROM sync_account WHERE id = 1");
        if (!st.step()) return;
        m_account.emplace(st.columnText(0), st.columnText(1));
    }
    auto filled = stampedAsAcknowledged(*kind, op.fields, m_account->first, m_account->second);
    for (const auto& f : kind->fields) {
        if (f.role != FieldRole::StampedStructure && f.role != FieldRole::StampedAdviser) continue;
        if (op.fields.contains(f.wire) && op.fields[f.wire] == filled[f.wire]) continue;
        m_db.prepare("UPDATE " + table->table + " SET " + f.wire + " = ? WHERE id = ? AND " + f.wire + " = ''")
            .bind(1, filled[f.wire].get<std::string>()).bind(2, op.recordId).run();
    }
}

std::int64_t OutboxLedger::waiting() { return store::OutboxDelivery(m_db).sendableCount(); }

void OutboxLedger::markRecord(const WireOp& op, const std::string& state) {
    if (op.entity == kPrivacyEventEntity) return;  // no record behind it: the audit line is the hub's
    if (op.entity == kConflictResolutionEntity) {
        // A refused decision (not this person's to make): the conflict is open again on this laptop.
        if (state == "error") store::LocalConflicts(m_db).reopen(std::stoll(op.recordId));
        return;
    }
    store::RecordSyncState records(m_db);
    if (state == "synced") records.showSyncedIfSettled(op.entity, op.recordId, op.fields);
    else records.show(op.entity, op.recordId, op.fields, state);
}

LedgerTally OutboxLedger::recordResults(const std::vector<WireOp>& batch, const std::vector<OpResult>& results) {
    if (results.size() != batch.size())
        throw Error(Error::Kind::Io, "err.sync.bad_answer",
                    {{"detail", std::to_string(results.size()) + " results for " + std::to_string(batch.size()) + " ops"}});
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (results[i].opId != batch[i].opId)
            throw Error(Error::Kind::Io, "err.sync.bad_answer", {{"detail", "result " + std::to_string(i) + " names another op"}});

    LedgerTally tally;
    std::int64_t heldThrough = 0;
    store::OutboxDelivery outbox(m_db);
    store::Transaction tx(m_db);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& op = batch[i];
        const auto& r = results[i];
        if (r.status == "rejected") {
            outbox.refuse(op.opId, r.reason + (r.message.empty() ? "" : ": " + r.message));
            markRecord(op, "error");
            ++tally.rejected;
            continue;
        }
        if (r.status != "applied" && r.status != "duplicate" && r.status != "conflict")
            throw Error(Error::Kind::Io, "err.sync.bad_answer", {{"detail", "unknown status " + r.status}});
        outbox.acknowledge(op.opId);
        ++tally.acked;
        std::string outcome = r.status == "duplicate" ? r.originalStatus : r.status;
        if (outcome == "conflict") {
            ++tally.conflicts;
            markRecord(op, "conflict");
            continue;
        }
        // Applied right on top of the version it was made on: the hub now holds exactly what this laptop
        // shows, so the next operations on the record were made on the new version. After a gap, the pull
        // brings the merged state and the version with it.
        if (op.op != "delete" && r.version == op.baseVersion + 1)
            outbox.carryVersion(op.entity, op.recordId, op.seq, op.baseVersion, r.version);
        stampLikeTheHub(op);
        markRecord(op, "synced");
        heldThrough = std::max(heldThrough, r.serverSeq);
    }
    // In the acknowledgements' transaction: never ahead of what this notebook holds.
    if (heldThrough > 0) store::SyncCursor(m_db).raiseHeldThrough(heldThrough);
    tx.commit();
    return tally;
}

void OutboxLedger::markFailed(const std::vector<WireOp>& batch, const std::string& message) {
    store::OutboxDelivery outbox(m_db);
    store::Transaction tx(m_db);
    for (const auto& op : batch) {
        outbox.refuse(op.opId, message);
        markRecord(op, "error");
    }
    tx.commit();
}

}  // namespace mediane::sync
