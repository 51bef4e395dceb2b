#include "sync/client/outbox_ledger.hpp"

#include <set>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/local_conflicts.hpp"
#include "store/outbox_delivery.hpp"
#include "store/record_sync_state.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::sync {

std::vector<WireOp> OutboxLedger::nextBatch(int maxOps, std::size_t maxBytes) {
    std::vector<WireOp> batch;
    std::set<std::string> records;
    std::size_t bytes = 0;
    for (auto& queued : store::OutboxDelivery(m_db).sendable(maxOps * 4)) {
        if (static_cast<int>(batch.size()) >= maxOps) break;
        if (!records.insert(queued.recordId).second) continue;  // waits for this batch's answer on its record
        std::size_t size = queued.fields.size() + queued.opId.size() + queued.recordId.size() + queued.hlc.size() + 120;
        if (!batch.empty() && bytes + size > maxBytes) break;
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
    }
    return batch;
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
        markRecord(op, "synced");
    }
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
