#include "store/remote_changes.hpp"

#include <sqlite3.h>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/correction_history.hpp"
#include "store/database.hpp"
#include "store/directory_repository.hpp"
#include "store/learner_erasure.hpp"
#include "store/local_conflicts.hpp"
#include "store/outbox_delivery.hpp"
#include "store/pass_repository.hpp"
#include "store/record_writer.hpp"
#include "store/record_rows.hpp"
#include "store/record_tables.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/record_wire.hpp"
#include "sync/protocol/vocabulary_wire.hpp"

namespace mediane::store {

namespace {
using nlohmann::json;

// Only a change the local schema refuses is kept aside; a full disk or a busy database must stop the sync.
bool refusedByLocalSchema(Database& db) {
    int code = sqlite3_errcode(db.handle()) & 0xFF;
    return code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH;
}
}  // namespace

bool RemoteChanges::apply(const RemoteChange& c) {
    // Declared before the try: the schema's refusal is read from the connection in the catch, before the
    // savepoint is rolled back.
    Savepoint savepoint(m_db, "remote_change");
    std::string reason;
    try {
        if (c.entity == sync::kConflictResolutionEntity) applyResolution(c);
        else if (c.entity == "place") applyPlace(c);
        else if (!findRecordTable(c.entity)) reason = "unknown entity " + c.entity;
        else if (c.deleted) erase(c);
        else applyRecord(c);
        if (reason.empty()) {
            if (c.author && !c.author->fromThisDevice)
                CorrectionHistory(m_db).addPulled(c.entity, c.recordId,
                                                  {c.author->op, c.author->fields, c.author->login, c.author->at});
            savepoint.release();
            return true;
        }
    } catch (const Error& e) {
        if (!refusedByLocalSchema(m_db)) throw;  // a full disk or a busy file stops the sync
        reason = e.key() + ": " + (e.params().count("detail") ? e.params().at("detail") : std::string());
    } catch (const json::exception& e) {
        reason = e.what();
    }
    savepoint.rollback();
    m_db.prepare("INSERT OR REPLACE INTO sync_skipped (server_seq, entity, record_id, reason) VALUES (?, ?, ?, ?)")
        .bind(1, c.serverSeq).bind(2, c.entity).bind(3, c.recordId).bind(4, reason).run();
    return false;
}

void RemoteChanges::applyRecord(const RemoteChange& pulled) {
    RecordRows rows(m_db, pulled.entity);
    const auto& kind = *rows.table().kind;
    // A hub not yet migrated may still hold first-release codes: they arrive as the national ones, the
    // rest kept as legacy codes (a no-op on current codes).
    RemoteChange c = pulled;
    sync::upgradeWireFields(kind, c.fields);
    if (c.entity == "learner" && LearnerErasure(m_db).scrubPulledWithdrawal(c.recordId, c.fields)) ++m_erasedLearners;
    if (kind.lifecycle == sync::Lifecycle::Mergeable) return applyMergeable(rows, c);
    if (rows.exists(c.recordId)) return;  // a fact: the first copy is the only one
    json local = json::object();
    const std::string now = core::nowUtc();
    for (const auto& stamp : rows.table().stamps) local[stamp] = now;
    // A cheque event shows its state on its cheque, whose row the effects below refresh.
    if (rows.table().stateIdField.empty()) local["sync_state"] = "synced";
    if (c.entity == "cheque_event" && c.fields.is_object()) {
        // A laptop from before the monthly payment marked a cheque « claimed » by hand: the scheme calls it paid.
        if (c.fields.value("kind", json()) == "claimed") c.fields["kind"] = "paid";
        const auto number = c.fields.value("number", json(0));
        const auto year = c.fields.value("valid_year", json(0));
        c.fields["cheque_id"] = localChequeFor(m_db, c.fields.value("cheque_id", std::string()),
                                               number.is_number_integer() ? number.get<std::int64_t>() : 0,
                                               year.is_number_integer() ? year.get<int>() : 0);
    }
    rows.insert(c.recordId, c.fields, local, Origin::Hub);
    applyRecordEffects(m_db, c.entity, c.recordId, c.fields, "synced");
}

void RemoteChanges::applyMergeable(RecordRows& rows, const RemoteChange& c) {
    json state = c.fields;
    // Rebase: local operations the hub has not acknowledged yet stay visible on top of its state;
    // they keep their own base_version, so the hub still sees what they overlap.
    bool rebased = false;
    for (const auto& pending : unacknowledgedFields(m_db, c.entity, c.recordId)) {
        for (auto it = pending.begin(); it != pending.end(); ++it) state[it.key()] = it.value();
        rebased = true;
    }
    // The hub sends the whole record: a field it does not carry is empty.
    for (const auto& f : rows.table().kind->fields)
        if (!state.contains(f.wire)) state[f.wire] = f.type == sync::FieldType::Integer ? json(0) : json("");
    std::string now = core::nowUtc();
    if (!rows.exists(c.recordId)) {
        // A record new to this laptop (most of a first pull) is written once, lists and state included:
        // inserting it then updating and relisting it tripled the work of a first pull.
        json local = json::object();
        for (const auto& stamp : rows.table().stamps) local[stamp] = now;
        local["version"] = c.version;
        local["sync_state"] = rebased ? "pending" : "synced";
        rows.insert(c.recordId, state, local, Origin::Hub);
        return;
    }
    rows.update(c.recordId, state, {{"updated_at", now}, {"version", c.version}}, Origin::Hub);
    rows.replaceLists(c.recordId, state, Origin::Hub);  // a corrected session's learners, themes...
    m_db.prepare("UPDATE " + rows.table().table + " SET sync_state = CASE WHEN ? THEN 'pending' "
                 "WHEN sync_state = 'conflict' THEN 'conflict' ELSE 'synced' END WHERE id = ?")
        .bind(1, rebased ? 1 : 0).bind(2, c.recordId).run();
}

void RemoteChanges::erase(const RemoteChange& c) {
    if (c.entity == "learner") return eraseLearner(c.recordId);
    if (c.entity == "session") return eraseSession(c.recordId);
    if (c.entity == "pass_booklet") {
        m_db.prepare("DELETE FROM cheque_events WHERE cheque_id IN (SELECT id FROM pass_cheques WHERE booklet_id = ?)")
            .bind(1, c.recordId).run();
        m_db.prepare("DELETE FROM pass_cheques WHERE booklet_id = ?").bind(1, c.recordId).run();
        m_db.prepare("DELETE FROM pass_booklets WHERE id = ?").bind(1, c.recordId).run();
        return;
    }
    if (c.entity == "cheque_event") {
        auto st = m_db.prepare("SELECT cheque_id FROM cheque_events WHERE id = ?");
        st.bind(1, c.recordId);
        if (!st.step()) return;
        std::string cheque = st.columnText(0);
        m_db.prepare("DELETE FROM cheque_events WHERE id = ?").bind(1, c.recordId).run();
        return refreshChequeState(m_db, cheque);
    }
    m_db.prepare("DELETE FROM " + recordTable(c.entity).table + " WHERE id = ?").bind(1, c.recordId).run();
}

void RemoteChanges::eraseLearner(const std::string& id) {
    // Erasure propagates: the same rule as a local erasure (store/learner_erasure), files wiped after the page.
    LearnerErasure erasure(m_db);
    erasure.scrubOutbox(id);
    if (erasure.eraseRows(id)) ++m_erasedLearners;
}

void RemoteChanges::eraseSession(const std::string& id) {
    m_db.prepare("DELETE FROM session_tags WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM session_learners WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE pass_cheques SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE cheque_events SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE assessments SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM sessions WHERE id = ?").bind(1, id).run();
}

const std::set<std::string>& RemoteChanges::placeColumns() {
    if (m_placeColumns.empty()) {
        auto st = m_db.prepare("SELECT name FROM pragma_table_info('places')");
        while (st.step()) m_placeColumns.insert(st.columnText(0));
        for (const char* local : {"id", "version", "sync_state"}) m_placeColumns.erase(local);
    }
    return m_placeColumns;
}

void RemoteChanges::applyPlace(const RemoteChange& c) {
    if (c.deleted) return erasePlace(c.recordId);
    // The directory is hub-authoritative: its state replaces the local one, pending proposals or not.
    if (!RecordRows(m_db, "place").exists(c.recordId)) {
        core::Place place;
        sync::fromWire(c.fields, place);
        m_db.prepare("INSERT INTO places (id, name) VALUES (?, ?)").bind(1, c.recordId).bind(2, place.name).run();
    }
    const auto& columns = placeColumns();
    for (auto it = c.fields.begin(); it != c.fields.end(); ++it) {
        // Laptops push place edits under the standard's names (nom, adresse…), the hub's import under columns.
        const std::string column = columns.count(it.key()) ? it.key() : placeColumnOf(it.key());
        if (!columns.count(column)) continue;  // a field this laptop's schema does not know yet
        auto st = m_db.prepare("UPDATE places SET \"" + column + "\" = ? WHERE id = ?");
        const auto& v = it.value();
        if (v.is_null()) st.bindNull(1);
        else if (v.is_number_integer()) st.bind(1, v.get<std::int64_t>());
        else if (v.is_number()) st.bind(1, v.get<double>());
        else if (v.is_boolean()) st.bind(1, v.get<bool>() ? 1 : 0);
        else if (v.is_string()) st.bind(1, v.get<std::string>());
        else st.bind(1, v.dump());
        st.bind(2, c.recordId).run();
    }
    m_db.prepare("UPDATE places SET version = ?, sync_state = 'synced' WHERE id = ?")
        .bind(1, c.version).bind(2, c.recordId).run();
}

void RemoteChanges::erasePlace(const std::string& id) {
    m_db.prepare("UPDATE sessions SET place_id = NULL WHERE place_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE sessions SET orientation_place_id = NULL WHERE orientation_place_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM places WHERE id = ?").bind(1, id).run();
}

void RemoteChanges::applyResolution(const RemoteChange& c) {
    if (c.deleted) return;
    LocalConflicts(m_db).markResolved(c.fields);
}

}  // namespace mediane::store
