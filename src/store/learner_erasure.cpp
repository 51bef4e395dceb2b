#include "store/learner_erasure.hpp"
#include "store/notebook_backup.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/record_rows.hpp"
#include "store/record_tables.hpp"
#include "sync/protocol/learner_erasure.hpp"

namespace mediane::store {

namespace {
using nlohmann::json;

std::vector<std::pair<std::string, json>> sessionsNaming(Database& db, const std::string& learnerId) {
    std::vector<std::string> ids;
    {
        auto st = db.prepare("SELECT session_id FROM session_learners WHERE learner_id = ? ORDER BY session_id");
        st.bind(1, learnerId);
        while (st.step()) ids.push_back(st.columnText(0));
    }
    RecordRows rows(db, "session");
    std::vector<std::pair<std::string, json>> out;
    for (const auto& id : ids)
        if (auto wire = rows.find(id)) out.emplace_back(id, *wire);
    return out;
}

sync::ErasedLearnerFacets facetsOf(Database& db, const std::string& learnerId) {
    auto st = db.prepare("SELECT gender, age_bracket, social_status FROM learners WHERE id = ?");
    st.bind(1, learnerId);
    if (!st.step()) return {};
    return {st.columnText(0), st.columnText(1), st.columnText(2)};
}

// Replaces one stored list of a session (its rows in session_learners or session_tags) with the wire list.
void writeList(Database& db, const ListStorage& list, const std::string& sessionId, const json& values) {
    std::string where = " WHERE " + list.ownerColumn + " = ?" + (list.facetColumn.empty() ? "" : " AND " + list.facetColumn + " = ?");
    auto del = db.prepare("DELETE FROM " + list.table + where);
    del.bind(1, sessionId);
    if (!list.facetColumn.empty()) del.bind(2, list.facet);
    del.run();
    for (const auto& v : values) {
        if (!v.is_string()) continue;
        if (list.facetColumn.empty()) {
            db.prepare("INSERT OR IGNORE INTO " + list.table + " (" + list.ownerColumn + ", " + list.valueColumn + ") VALUES (?, ?)")
                .bind(1, sessionId).bind(2, v.get<std::string>()).run();
        } else {
            db.prepare("INSERT OR IGNORE INTO " + list.table + " (" + list.ownerColumn + ", " + list.facetColumn + ", " +
                       list.valueColumn + ") VALUES (?, ?, ?)")
                .bind(1, sessionId).bind(2, list.facet).bind(3, v.get<std::string>()).run();
        }
    }
}

constexpr const char* kAnonymousLists[] = {"learner_ids", "anonymous_by_gender", "anonymous_by_age", "anonymous_by_status"};
}  // namespace

void LearnerErasure::scrubConflicts(const std::string& learnerId) {
    // A conflict about the learner held both values of a field: the inbox keeps which fields, not what.
    auto conflicts = m_db.prepare("SELECT id, details FROM sync_conflicts WHERE entity = 'learner' AND record_id = ?");
    conflicts.bind(1, learnerId);
    std::vector<std::pair<std::int64_t, std::string>> scrubbed;
    while (conflicts.step()) {
        json details = json::parse(conflicts.columnText(1), nullptr, false);
        json names = json::array();
        if (details.is_object())
            for (const char* key : {"fields", "applied", "incoming"})
                if (details.contains(key))
                    for (const auto& n : sync::fieldNamesOf(details[key])) names.push_back(n);
        scrubbed.emplace_back(conflicts.columnInt(0), json{{"erased", true}, {"field_names", names}}.dump());
    }
    for (const auto& [id, details] : scrubbed)
        m_db.prepare("UPDATE sync_conflicts SET details = ?, resolution = CASE WHEN resolution = '{}' THEN '{}' "
                     "ELSE '{\"erased\":true}' END "
                     "WHERE id = ?")
            .bind(1, details).bind(2, id).run();
}

bool LearnerErasure::eraseRows(const std::string& learnerId) {
    bool known = m_db.prepare("SELECT 1 FROM learners WHERE id = ?").bind(1, learnerId).step();
    anonymiseSessions(learnerId);
    m_db.prepare("DELETE FROM session_learners WHERE learner_id = ?").bind(1, learnerId).run();
    m_db.prepare("DELETE FROM assessments WHERE learner_id = ?").bind(1, learnerId).run();
    m_db.prepare("UPDATE pass_cheques SET learner_id = NULL WHERE learner_id = ?").bind(1, learnerId).run();
    m_db.prepare("UPDATE cheque_events SET learner_id = NULL WHERE learner_id = ?").bind(1, learnerId).run();
    scrubConflicts(learnerId);
    m_db.prepare("DELETE FROM learners WHERE id = ?").bind(1, learnerId).run();
    return known;
}

void LearnerErasure::scrubIdentity(const std::string& learnerId) {
    std::vector<std::pair<std::int64_t, std::string>> rewritten;
    {
        auto st = m_db.prepare("SELECT seq, fields FROM outbox WHERE entity = 'learner' AND record_id = ? AND state != 'sent'");
        st.bind(1, learnerId);
        while (st.step()) {
            json fields = json::parse(st.columnText(1), nullptr, false);
            if (!fields.is_object()) continue;
            bool changed = false;
            for (const auto& f : sync::identityFields()) {
                auto it = fields.find(f);
                if (it != fields.end() && *it != "") {
                    *it = "";
                    changed = true;
                }
            }
            if (changed) rewritten.emplace_back(st.columnInt(0), fields.dump());
        }
    }
    for (const auto& [seq, fields] : rewritten)
        m_db.prepare("UPDATE outbox SET fields = ? WHERE seq = ?").bind(1, fields).bind(2, seq).run();
    scrubConflicts(learnerId);
}

void LearnerErasure::anonymiseSessions(const std::string& learnerId) {
    auto sessions = sessionsNaming(m_db, learnerId);
    if (sessions.empty()) return;
    auto facets = facetsOf(m_db, learnerId);
    auto first = sync::firstSessionOf(sessions);
    RecordRows rows(m_db, "session");
    for (auto& [id, wire] : sessions) {
        if (!sync::anonymiseLearnerInSession(wire, learnerId, facets, id == first)) continue;
        rows.update(id, {{"anonymous_count", wire["anonymous_count"]},
                         {"anonymous_already_accompanied", wire["anonymous_already_accompanied"]}},
                    json::object());
        for (const char* key : kAnonymousLists)
            if (const auto* list = rows.table().list(key)) writeList(m_db, *list, id, wire[key]);
    }
}

bool LearnerErasure::scrubOutbox(const std::string& learnerId) {
    // The hub holds the learner once it sent a version, or once an operation reached it (or may have).
    bool hubMayKnow =
        m_db.prepare("SELECT 1 FROM learners WHERE id = ? AND version > 0").bind(1, learnerId).step() ||
        m_db.prepare("SELECT 1 FROM outbox WHERE entity = 'learner' AND record_id = ? AND state IN ('sent', 'acked')")
            .bind(1, learnerId).step();
    rewritePendingOperations(learnerId);
    // The learner's own operations and their assessments' hold the values: a tombstone supersedes them.
    const std::string assessments = "SELECT id FROM assessments WHERE learner_id = ?1";
    m_db.prepare("DELETE FROM outbox WHERE state != 'acked' AND ((entity = 'learner' AND record_id = ?1) OR "
                 "(entity = 'assessment' AND record_id IN (" + assessments + ")))")
        .bind(1, learnerId).run();
    m_db.prepare("UPDATE outbox SET fields = '{}' WHERE state = 'acked' AND ((entity = 'learner' AND record_id = ?1) OR "
                 "(entity = 'assessment' AND record_id IN (" + assessments + ")))")
        .bind(1, learnerId).run();
    return hubMayKnow;
}

void LearnerErasure::rewritePendingOperations(const std::string& learnerId) {
    // Only operations not yet sent: a sent one may be on the hub already, and its payload is its identity
    // there (a resend must match); the hub rewrites what it holds when the tombstone arrives.
    auto sessions = sessionsNaming(m_db, learnerId);
    auto facets = facetsOf(m_db, learnerId);
    auto first = sync::firstSessionOf(sessions);
    std::vector<std::pair<std::int64_t, std::string>> rewritten;
    auto st = m_db.prepare("SELECT seq, entity, record_id, fields FROM outbox WHERE state IN ('pending', 'error') "
                           "AND entity IN ('session', 'cheque_event') AND fields LIKE '%' || ?1 || '%'");
    st.bind(1, learnerId);
    while (st.step()) {
        json fields = json::parse(st.columnText(3), nullptr, false);
        if (!fields.is_object()) continue;
        bool changed = false;
        if (st.columnText(1) == "session") {
            changed = sync::anonymiseLearnerInSession(fields, learnerId, facets, st.columnText(2) == first);
        } else if (fields.value("learner_id", "") == learnerId) {
            fields["learner_id"] = "";
            changed = true;
        }
        if (changed) rewritten.emplace_back(st.columnInt(0), fields.dump());
    }
    for (const auto& [seq, fields] : rewritten)
        m_db.prepare("UPDATE outbox SET fields = ? WHERE seq = ?").bind(1, fields).bind(2, seq).run();
}

bool LearnerErasure::scrubPulledWithdrawal(const std::string& learnerId, const json& pulledFields) {
    auto held = RecordRows(m_db, "learner").find(learnerId);
    if (!held) return false;
    bool clears = false;
    for (const auto& f : sync::identityFields()) {
        auto it = pulledFields.find(f);
        if (it != pulledFields.end() && *it == "" && held->value(f, "") != "") clears = true;
    }
    if (!clears) return false;
    scrubConflicts(learnerId);
    std::vector<std::pair<std::int64_t, std::string>> rewritten;
    {
        auto st = m_db.prepare("SELECT seq, fields FROM outbox WHERE entity = 'learner' AND record_id = ? AND state = 'acked'");
        st.bind(1, learnerId);
        while (st.step()) {
            json fields = json::parse(st.columnText(1), nullptr, false);
            if (!fields.is_object()) continue;
            for (const auto& f : sync::identityFields())
                if (fields.contains(f) && pulledFields.value(f, std::string("x")) == "") fields[f] = "";
            rewritten.emplace_back(st.columnInt(0), fields.dump());
        }
    }
    for (const auto& [seq, fields] : rewritten)
        m_db.prepare("UPDATE outbox SET fields = ? WHERE seq = ?").bind(1, fields).bind(2, seq).run();
    return true;
}

std::vector<std::string> LearnerErasure::identitiesPast(const std::string& cutoff) {
    auto st = m_db.prepare(
        "SELECT l.id FROM learners l WHERE (l.first_name != '' OR l.last_name != '' OR l.phone != '' OR "
        "l.email != '' OR l.consent_date != '') AND coalesce((SELECT max(s.date) FROM session_learners sl "
        "JOIN sessions s ON s.id = sl.session_id WHERE sl.learner_id = l.id), substr(l.created_at, 1, 10)) < ?");
    st.bind(1, cutoff);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.columnText(0));
    return out;
}

void LearnerErasure::expireIdentity(const std::string& learnerId) {
    scrubIdentity(learnerId);
    RecordRows(m_db, "learner").update(learnerId, sync::clearedIdentity(), json::object());
}

int LearnerErasure::applyRetention(int months, const std::string& today) {
    retryPendingWipe(m_db);
    auto cutoff = sync::retentionCutoff(today, months);
    if (cutoff.empty()) return 0;
    auto expired = identitiesPast(cutoff);
    if (expired.empty()) return 0;
    {
        Transaction tx(m_db);
        for (const auto& id : expired) expireIdentity(id);
        tx.commit();
    }
    wipeTraces(m_db);
    std::fprintf(stderr, "retention: identities of %zu learner(s) removed (last activity before %s)\n", expired.size(),
                 cutoff.c_str());
    return static_cast<int>(expired.size());
}

int LearnerErasure::forgetMissingFromSnapshot(const std::set<std::string>& learnersInSnapshot) {
    std::vector<std::string> gone;
    {
        auto st = m_db.prepare("SELECT id FROM learners l WHERE version > 0 AND NOT EXISTS "
                               "(SELECT 1 FROM outbox o WHERE o.record_id = l.id AND o.state != 'acked')");
        while (st.step())
            if (!learnersInSnapshot.count(st.columnText(0))) gone.push_back(st.columnText(0));
    }
    for (const auto& id : gone) {
        scrubOutbox(id);
        eraseRows(id);
    }
    return static_cast<int>(gone.size());
}

void LearnerErasure::wipeTraces(Database& db) {
    {
        Transaction tx(db);
        db.exec("INSERT INTO learners_fts(learners_fts) VALUES ('rebuild')");
        tx.commit();
    }
    checkpointOrRemember(db);
    forgetKeptCopies(db);
}

void LearnerErasure::checkpointOrRemember(Database& db) {
    // busy = 1: another connection (the sync worker, a reader thread) still reads an older snapshot, so
    // the WAL keeps old frames; the next sync or start tries again until a checkpoint completes.
    bool busy = false;
    {
        auto st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        busy = st.step() && st.columnInt(0) != 0;
    }  // the statement ends here: a checkpoint's row left open would lock what follows
    db.prepare("INSERT INTO settings (key, value) VALUES ('wipe_pending', ?) ON CONFLICT(key) DO UPDATE SET "
               "value = excluded.value")
        .bind(1, busy ? "1" : "0").run();
    if (!busy) db.exec("PRAGMA wal_checkpoint(TRUNCATE)");  // the line above wrote a frame: leave none
}

void LearnerErasure::retryPendingWipe(Database& db) {
    bool pending = false;
    {
        auto st = db.prepare("SELECT value FROM settings WHERE key = 'wipe_pending'");
        pending = st.step() && st.columnText(0) == "1";
    }
    if (pending) checkpointOrRemember(db);
}

}  // namespace mediane::store
