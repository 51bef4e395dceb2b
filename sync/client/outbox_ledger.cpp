#include "sync/client/outbox_ledger.hpp"

#include <set>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/local_conflicts.hpp"

namespace mediane::sync {

namespace {
constexpr const char* kHeldBack =
    "FROM outbox o WHERE o.state = 'pending' AND NOT EXISTS "
    "(SELECT 1 FROM outbox e WHERE e.record_id = o.record_id AND e.state = 'error' AND e.seq < o.seq) ";

// The local table whose rows show a record's sync state; cheque events show on their cheque.
const char* tableOf(const std::string& entity) {
    if (entity == "learner") return "learners";
    if (entity == "session") return "sessions";
    if (entity == "pass_booklet") return "pass_booklets";
    if (entity == "assessment") return "assessments";
    if (entity == "place") return "places";
    if (entity == "cheque_event") return "pass_cheques";
    return nullptr;
}
}  // namespace

std::vector<WireOp> OutboxLedger::nextBatch(int maxOps, std::size_t maxBytes) {
    auto st = m_db.prepare(std::string("SELECT o.seq, o.op_id, o.entity, o.record_id, o.op, o.base_version, o.fields, "
                                       "o.hlc ") + kHeldBack + "ORDER BY o.seq LIMIT ?");
    st.bind(1, maxOps * 4);
    std::vector<WireOp> batch;
    std::set<std::string> records;
    std::size_t bytes = 0;
    while (st.step() && static_cast<int>(batch.size()) < maxOps) {
        WireOp op;
        op.seq = st.columnInt(0);
        op.opId = st.columnText(1);
        op.entity = st.columnText(2);
        op.recordId = st.columnText(3);
        op.op = st.columnText(4);
        op.baseVersion = st.columnInt(5);
        std::string fields = st.columnText(6);
        op.hlc = st.columnText(7);
        if (!records.insert(op.recordId).second) continue;  // waits for this batch's answer on its record
        std::size_t size = fields.size() + op.opId.size() + op.recordId.size() + op.hlc.size() + 120;
        if (!batch.empty() && bytes + size > maxBytes) break;
        bytes += size;
        op.fields = nlohmann::json::parse(fields);
        batch.push_back(std::move(op));
    }
    return batch;
}

std::int64_t OutboxLedger::waiting() { return m_db.scalarInt(std::string("SELECT count(*) ") + kHeldBack); }

void OutboxLedger::markRecord(const WireOp& op, const std::string& state) {
    if (op.entity == "conflict_resolution") {
        // A refused decision (not this person's to make): the conflict is open again on this laptop.
        if (state == "error")
            store::LocalConflicts(m_db).reopen(std::stoll(op.recordId));
        return;
    }
    const char* table = tableOf(op.entity);
    if (!table) return;
    std::string id = op.recordId;
    if (op.entity == "cheque_event") {
        auto it = op.fields.find("cheque_id");
        if (it == op.fields.end() || !it->is_string()) return;
        id = it->get<std::string>();
    }
    if (state == "synced") {
        // Synced only when nothing else of this record is still on its way, and never over a conflict.
        // Indexed lookups only (outbox by record, events by cheque): this runs once per acknowledged op.
        std::string sql = std::string("UPDATE ") + table + " SET sync_state = 'synced' WHERE id = ?1 "
                          "AND sync_state NOT IN ('conflict', 'error') AND NOT EXISTS ";
        if (op.entity == "cheque_event")
            sql += "(SELECT 1 FROM cheque_events ce JOIN outbox o ON o.record_id = ce.id "
                   "WHERE ce.cheque_id = ?1 AND o.state != 'acked')";
        else
            sql += "(SELECT 1 FROM outbox WHERE record_id = ?1 AND state != 'acked')";
        m_db.prepare(sql).bind(1, id).run();
    } else {
        m_db.prepare(std::string("UPDATE ") + table + " SET sync_state = ? WHERE id = ?").bind(1, state).bind(2, id).run();
    }
}

LedgerTally OutboxLedger::recordResults(const std::vector<WireOp>& batch, const std::vector<OpResult>& results) {
    if (results.size() != batch.size())
        throw Error(Error::Kind::Io, "err.sync.bad_answer",
                    {{"detail", std::to_string(results.size()) + " results for " + std::to_string(batch.size()) + " ops"}});
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (results[i].opId != batch[i].opId)
            throw Error(Error::Kind::Io, "err.sync.bad_answer", {{"detail", "result " + std::to_string(i) + " names another op"}});

    LedgerTally tally;
    store::Transaction tx(m_db);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& op = batch[i];
        const auto& r = results[i];
        if (r.status == "rejected") {
            std::string message = r.reason + (r.message.empty() ? "" : ": " + r.message);
            m_db.prepare("UPDATE outbox SET state = 'error', error = ? WHERE op_id = ?").bind(1, message).bind(2, op.opId).run();
            markRecord(op, "error");
            ++tally.rejected;
            continue;
        }
        if (r.status != "applied" && r.status != "duplicate" && r.status != "conflict")
            throw Error(Error::Kind::Io, "err.sync.bad_answer", {{"detail", "unknown status " + r.status}});
        m_db.prepare("UPDATE outbox SET state = 'acked', error = '' WHERE op_id = ?").bind(1, op.opId).run();
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
        if (op.op != "delete" && r.version == op.baseVersion + 1) {
            m_db.prepare("UPDATE outbox SET base_version = ? WHERE record_id = ? AND state != 'acked' "
                         "AND seq > ? AND base_version = ?")
                .bind(1, r.version).bind(2, op.recordId).bind(3, op.seq).bind(4, op.baseVersion).run();
            if (op.entity == "learner")
                m_db.prepare("UPDATE learners SET version = ? WHERE id = ? AND version = ?")
                    .bind(1, r.version).bind(2, op.recordId).bind(3, op.baseVersion).run();
        }
        markRecord(op, "synced");
    }
    tx.commit();
    return tally;
}

void OutboxLedger::markFailed(const std::vector<WireOp>& batch, const std::string& message) {
    store::Transaction tx(m_db);
    for (const auto& op : batch) {
        m_db.prepare("UPDATE outbox SET state = 'error', error = ? WHERE op_id = ?").bind(1, message).bind(2, op.opId).run();
        markRecord(op, "error");
    }
    tx.commit();
}

}  // namespace mediane::sync
