#include "store/remote_changes.hpp"

#include <sqlite3.h>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/directory_repository.hpp"
#include "store/local_conflicts.hpp"

namespace mediane::store {

namespace {
using nlohmann::json;

std::string text(const json& fields, const char* key) {
    auto it = fields.find(key);
    if (it == fields.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

std::int64_t integer(const json& fields, const char* key) {
    auto it = fields.find(key);
    return it != fields.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::vector<std::string> strings(const json& fields, const char* key) {
    std::vector<std::string> out;
    auto it = fields.find(key);
    if (it == fields.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

// The learner columns the wire names map to, in the order of the UPDATE below.
const char* const kLearnerFields[] = {"pseudonym", "first_name",  "last_name",     "phone",   "email", "consent_date",
                                      "age_bracket", "gender",    "social_status", "commune", "goals"};

// Lifecycle order of cheque events: a cheque's state is its furthest event, whatever order they arrived in.
int rank(const std::string& kind) { return kind == "given" ? 1 : kind == "redeemed" ? 2 : kind == "claimed" ? 3 : 0; }

// Only a change the local schema refuses is kept aside; a full disk or a busy database must stop the sync.
bool refusedByLocalSchema(Database& db) {
    int code = sqlite3_errcode(db.handle()) & 0xFF;
    return code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH;
}
}  // namespace

bool RemoteChanges::apply(const RemoteChange& c) {
    m_db.exec("SAVEPOINT remote_change");
    std::string reason;
    try {
        if (c.entity == "learner") applyLearner(c);
        else if (c.entity == "session") applySession(c);
        else if (c.entity == "pass_booklet") applyBooklet(c);
        else if (c.entity == "cheque_event") applyChequeEvent(c);
        else if (c.entity == "assessment") applyAssessment(c);
        else if (c.entity == "place") applyPlace(c);
        else if (c.entity == "conflict_resolution") applyResolution(c);
        else reason = "unknown entity " + c.entity;
        if (reason.empty()) {
            m_db.exec("RELEASE remote_change");
            return true;
        }
    } catch (const Error& e) {
        if (!refusedByLocalSchema(m_db)) {
            m_db.exec("ROLLBACK TO remote_change");
            m_db.exec("RELEASE remote_change");
            throw;
        }
        reason = e.key() + ": " + (e.params().count("detail") ? e.params().at("detail") : std::string());
    } catch (const json::exception& e) {
        reason = e.what();
    }
    m_db.exec("ROLLBACK TO remote_change");
    m_db.exec("RELEASE remote_change");
    m_db.prepare("INSERT OR REPLACE INTO sync_skipped (server_seq, entity, record_id, reason) VALUES (?, ?, ?, ?)")
        .bind(1, c.serverSeq).bind(2, c.entity).bind(3, c.recordId).bind(4, reason).run();
    return false;
}

bool RemoteChanges::exists(const char* table, const std::string& id) {
    auto st = m_db.prepare(std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
    st.bind(1, id);
    return st.step();
}

std::string RemoteChanges::known(const char* table, const std::string& id) {
    return !id.empty() && exists(table, id) ? id : std::string();
}

void RemoteChanges::applyLearner(const RemoteChange& c) {
    if (c.deleted) return eraseLearner(c.recordId);
    json state = c.fields;
    // Rebase: local operations the hub has not acknowledged yet stay visible on top of its state;
    // they keep their own base_version, so the hub still sees what they overlap.
    auto pending = m_db.prepare("SELECT fields FROM outbox WHERE record_id = ? AND entity = 'learner' "
                                "AND state != 'acked' ORDER BY seq");
    pending.bind(1, c.recordId);
    bool rebased = false;
    while (pending.step()) {
        auto local = json::parse(pending.columnText(0));
        for (auto it = local.begin(); it != local.end(); ++it) state[it.key()] = it.value();
        rebased = true;
    }
    std::string now = core::nowUtc();
    if (!exists("learners", c.recordId)) {
        m_db.prepare("INSERT INTO learners (id, pseudonym, created_at, updated_at) VALUES (?, ?, ?, ?)")
            .bind(1, c.recordId).bind(2, text(state, "pseudonym")).bind(3, now).bind(4, now).run();
    }
    auto st = m_db.prepare(
        "UPDATE learners SET pseudonym=?, first_name=?, last_name=?, phone=?, email=?, consent_date=?, age_bracket=?, "
        "gender=?, social_status=?, commune=?, goals=?, updated_at=?, version=?, "
        "sync_state = CASE WHEN ? THEN 'pending' WHEN sync_state = 'conflict' THEN 'conflict' ELSE 'synced' END "
        "WHERE id=?");
    int i = 1;
    for (const char* field : kLearnerFields) st.bind(i++, text(state, field));
    st.bind(i, now);
    st.bind(i + 1, c.version);
    st.bind(i + 2, rebased ? 1 : 0);
    st.bind(i + 3, c.recordId).run();
}

void RemoteChanges::eraseLearner(const std::string& id) {
    // Erasure propagates: the learner goes, the facts they took part in stay without them.
    m_db.prepare("DELETE FROM session_learners WHERE learner_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM assessments WHERE learner_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE pass_cheques SET learner_id = NULL WHERE learner_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE cheque_events SET learner_id = NULL WHERE learner_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM learners WHERE id = ?").bind(1, id).run();
}

void RemoteChanges::applySession(const RemoteChange& c) {
    if (c.deleted) return eraseSession(c.recordId);
    if (exists("sessions", c.recordId)) return;  // a fact: the first copy is the only one
    const auto& f = c.fields;
    m_db.prepare("INSERT INTO sessions (id, date, duration_minutes, kind, place_mode, place_id, anonymous_count, "
                 "autonomy, orientation_place_id, notes, created_at, sync_state, structure, adviser) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'synced', ?, ?)")
        .bind(1, c.recordId).bind(2, text(f, "date")).bind(3, integer(f, "duration_minutes"))
        .bind(4, text(f, "kind")).bind(5, text(f, "place_mode"))
        .bindOptional(6, known("places", text(f, "place_id"))).bind(7, integer(f, "anonymous_count"))
        .bind(8, text(f, "autonomy")).bindOptional(9, known("places", text(f, "orientation_place_id")))
        .bind(10, text(f, "notes")).bind(11, core::nowUtc())
        .bind(12, text(f, "structure")).bind(13, text(f, "adviser"))  // stamped by the hub
        .run();
    auto link = m_db.prepare("INSERT OR IGNORE INTO session_learners (session_id, learner_id) VALUES (?, ?)");
    for (const auto& learner : strings(f, "learner_ids")) {
        if (!exists("learners", learner)) continue;
        link.bind(1, c.recordId).bind(2, learner).run();
        link.reset();
    }
    auto tag = m_db.prepare("INSERT OR IGNORE INTO session_tags (session_id, facet, code) VALUES (?, ?, ?)");
    const std::pair<const char*, const char*> facets[] = {
        {"themes", "theme"}, {"equipment", "equipment"}, {"competences", "competence"}};
    for (const auto& [key, facet] : facets) {
        for (const auto& code : strings(f, key)) {
            tag.bind(1, c.recordId).bind(2, facet).bind(3, code).run();
            tag.reset();
        }
    }
}

void RemoteChanges::eraseSession(const std::string& id) {
    m_db.prepare("DELETE FROM session_tags WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM session_learners WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE pass_cheques SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE cheque_events SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("UPDATE assessments SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM sessions WHERE id = ?").bind(1, id).run();
}

void RemoteChanges::applyBooklet(const RemoteChange& c) {
    if (c.deleted) {
        m_db.prepare("DELETE FROM cheque_events WHERE cheque_id IN (SELECT id FROM pass_cheques WHERE booklet_id = ?)")
            .bind(1, c.recordId).run();
        m_db.prepare("DELETE FROM pass_cheques WHERE booklet_id = ?").bind(1, c.recordId).run();
        m_db.prepare("DELETE FROM pass_booklets WHERE id = ?").bind(1, c.recordId).run();
        return;
    }
    if (exists("pass_booklets", c.recordId)) return;
    const auto& f = c.fields;
    auto first = integer(f, "first_number"), last = integer(f, "last_number");
    m_db.prepare("INSERT INTO pass_booklets (id, structure, first_number, last_number, face_value_cents, expiry, "
                 "received_on, sync_state) VALUES (?, ?, ?, ?, ?, ?, ?, 'synced')")
        .bind(1, c.recordId).bind(2, text(f, "structure")).bind(3, first).bind(4, last)
        .bind(5, integer(f, "face_value_cents")).bind(6, text(f, "expiry")).bind(7, text(f, "received_on"))
        .run();
    // Same cheque ids as the laptop that received the booklet: "<booklet id>#<number>".
    auto cheque = m_db.prepare(
        "INSERT INTO pass_cheques (id, booklet_id, number, state, sync_state) VALUES (?, ?, ?, 'in_stock', 'synced')");
    for (auto n = first; n <= last; ++n) {
        cheque.bind(1, c.recordId + "#" + std::to_string(n)).bind(2, c.recordId).bind(3, n).run();
        cheque.reset();
    }
}

void RemoteChanges::applyChequeEvent(const RemoteChange& c) {
    if (c.deleted) {
        auto st = m_db.prepare("SELECT cheque_id FROM cheque_events WHERE id = ?");
        st.bind(1, c.recordId);
        if (!st.step()) return;
        std::string cheque = st.columnText(0);
        m_db.prepare("DELETE FROM cheque_events WHERE id = ?").bind(1, c.recordId).run();
        return refreshCheque(cheque);
    }
    if (exists("cheque_events", c.recordId)) return;
    const auto& f = c.fields;
    std::string cheque = text(f, "cheque_id");
    m_db.prepare("INSERT INTO cheque_events (id, cheque_id, kind, learner_id, session_id, on_date, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.recordId).bind(2, cheque).bind(3, text(f, "kind"))
        .bindOptional(4, known("learners", text(f, "learner_id")))
        .bindOptional(5, known("sessions", text(f, "session_id"))).bind(6, text(f, "on_date"))
        .bind(7, core::nowUtc())
        .run();
    refreshCheque(cheque);
}

void RemoteChanges::refreshCheque(const std::string& chequeId) {
    auto events = m_db.prepare("SELECT kind, coalesce(learner_id, ''), coalesce(session_id, ''), on_date "
                               "FROM cheque_events WHERE cheque_id = ? ORDER BY on_date, id");
    events.bind(1, chequeId);
    std::string state = "in_stock", learner, session, givenOn, redeemedOn, claimedOn;
    int furthest = 0;
    while (events.step()) {
        std::string kind = events.columnText(0);
        if (!events.columnText(1).empty()) learner = events.columnText(1);
        if (kind == "given") givenOn = events.columnText(3);
        if (kind == "redeemed" && redeemedOn.empty()) {
            redeemedOn = events.columnText(3);
            session = events.columnText(2);
        }
        if (kind == "claimed") claimedOn = events.columnText(3);
        if (rank(kind) > furthest) {
            furthest = rank(kind);
            state = kind;
        }
    }
    m_db.prepare("UPDATE pass_cheques SET state=?, learner_id=?, given_on=?, session_id=?, redeemed_on=?, claimed_on=? "
                 "WHERE id=?")
        .bind(1, state).bindOptional(2, learner).bind(3, givenOn).bindOptional(4, session).bind(5, redeemedOn)
        .bind(6, claimedOn).bind(7, chequeId)
        .run();
}

void RemoteChanges::applyAssessment(const RemoteChange& c) {
    if (c.deleted) {
        m_db.prepare("DELETE FROM assessments WHERE id = ?").bind(1, c.recordId).run();
        return;
    }
    if (exists("assessments", c.recordId)) return;
    const auto& f = c.fields;
    m_db.prepare("INSERT INTO assessments (id, learner_id, competence_code, score, date, session_id, sync_state) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'synced')")
        .bind(1, c.recordId).bind(2, text(f, "learner_id")).bind(3, text(f, "competence_code"))
        .bind(4, integer(f, "score")).bind(5, text(f, "date"))
        .bindOptional(6, known("sessions", text(f, "session_id")))
        .run();
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
    if (!exists("places", c.recordId))
        m_db.prepare("INSERT INTO places (id, name) VALUES (?, ?)").bind(1, c.recordId).bind(2, text(c.fields, "name")).run();
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
