// SqliteHubStore: erasure, the tombstone horizon kept for every device, retention and the privacy audit.
#include "sync/hub/sqlite_hub_store.hpp"

#include "core/calendar.hpp"
#include "sync/hub/learner_erasure_rules.hpp"
#include "sync/protocol/learner_erasure.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

// Version 5 (4 belongs to session corrections; each step stands alone). Devices remember how far they pulled,
// so a tombstone is pruned only once every active device has it; structures have a retention period; and the
// privacy audit lists erasures, withdrawals and corrections by id and login, never by value.
constexpr const char* kMigrationV5 = R"SQL(
ALTER TABLE devices ADD COLUMN pulled_through INTEGER NOT NULL DEFAULT 0;
CREATE TABLE retention (
  structure TEXT PRIMARY KEY,
  months INTEGER NOT NULL CHECK (months > 0)
);
CREATE TABLE privacy_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  login TEXT NOT NULL,
  device_id TEXT NOT NULL,
  structure TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX privacy_audit_by_time ON privacy_audit(at);
)SQL";
}  // namespace

void SqliteHubStore::migratePrivacy() {
    if (schemaVersion() >= 5) return;
    sql::Transaction tx(m_db);
    m_db.exec(kMigrationV5);
    m_db.exec("PRAGMA user_version = 5");
    tx.commit();
}

std::vector<StoredRecord> SqliteHubStore::recordsNaming(const std::string& entity, const std::string& field,
                                                        const std::string& recordId) {
    std::vector<std::string> ids;
    {
        // json_each walks a list, or yields a plain text field as its one value.
        auto st = m_db.prepare("SELECT r.record_id FROM records r WHERE r.entity = ?1 AND r.deleted = 0 AND EXISTS "
                               "(SELECT 1 FROM json_each(r.fields, '$.' || ?2) j WHERE j.value = ?3) ORDER BY r.record_id");
        st.bind(1, entity).bind(2, field).bind(3, recordId);
        while (st.step()) ids.push_back(st.columnText(0));
    }
    std::vector<StoredRecord> out;
    for (const auto& id : ids)
        if (auto r = findRecord(entity, id)) out.push_back(*r);
    return out;
}

void SqliteHubStore::eraseConflictValues(const std::string& entity, const std::string& recordId) {
    std::vector<std::pair<std::int64_t, std::string>> scrubbed;
    {
        auto st = m_db.prepare("SELECT id, details FROM conflicts WHERE entity = ? AND record_id = ?");
        st.bind(1, entity).bind(2, recordId);
        while (st.step()) {
            json details = json::parse(st.columnText(1), nullptr, false);
            json names = json::array();
            if (details.is_object())
                for (const char* key : {"fields", "applied", "incoming", "deleted_state", "changed_since_base"})
                    if (details.contains(key) && details[key].is_object())
                        for (const auto& n : sync::fieldNamesOf(details[key])) names.push_back(n);
            scrubbed.emplace_back(st.columnInt(0), json{{"erased", true}, {"field_names", names}}.dump());
        }
    }
    for (const auto& [id, details] : scrubbed)
        m_db.prepare("UPDATE conflicts SET details = ? WHERE id = ?").bind(1, details).bind(2, id).run();
    // A decision on such a conflict carried the chosen values: its record and its change rows keep names only.
    std::vector<std::string> decisions;
    {
        auto st = m_db.prepare("SELECT record_id FROM records WHERE entity = 'conflict_resolution' AND "
                               "json_extract(fields, '$.entity') = ? AND json_extract(fields, '$.record_id') = ?");
        st.bind(1, entity).bind(2, recordId);
        while (st.step()) decisions.push_back(st.columnText(0));
    }
    for (const auto& id : decisions)
        rewriteStoredFields("conflict_resolution", id, [](json& f) {
            if (f.contains("fields") && f["fields"].is_object() && !f["fields"].empty()) {
                f["field_names"] = sync::fieldNamesOf(f["fields"]);
                f["fields"] = json::object();
            }
            if (f.contains("note")) f["note"] = "";  // free text may name the person
            f["erased"] = true;
        });
}

void SqliteHubStore::hashAppliedOpsNaming(const std::string& recordId) {
    std::vector<std::pair<std::string, std::string>> hashed;
    {
        auto st = m_db.prepare("SELECT op_id, fingerprint FROM applied_ops WHERE instr(fingerprint, ?) > 0");
        st.bind(1, recordId);
        while (st.step()) hashed.emplace_back(st.columnText(0), hashedFingerprint(st.columnText(1)));
    }
    for (const auto& [opId, fingerprint] : hashed)
        m_db.prepare("UPDATE applied_ops SET fingerprint = ? WHERE op_id = ?").bind(1, fingerprint).bind(2, opId).run();
}

void SqliteHubStore::wipeFreedPages() {
    // Not beside the checkpointer's own copy: a TRUNCATE checkpoint cannot run while another one does.
    auto paused = m_checkpointer.pause();
    m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void SqliteHubStore::notePulled(const std::string& deviceId, std::int64_t since) {
    m_db.prepare("UPDATE devices SET pulled_through = max(pulled_through, ?) WHERE device_id = ?")
        .bind(1, since).bind(2, deviceId).run();
}

std::int64_t SqliteHubStore::pruneKeepingCursors(const std::string& olderThanIso, const std::string& activeSinceIso) {
    // The lowest cursor of the devices still in use: a tombstone above it waits. A device not seen since
    // activeSinceIso (or revoked) no longer holds tombstones back: past the horizon it re-snapshots (410).
    auto floor = m_db.prepare("SELECT min(pulled_through) FROM devices WHERE revoked = 0 AND token_hash IS NOT NULL "
                              "AND last_seen_at != '' AND last_seen_at >= ?");
    floor.bind(1, activeSinceIso);
    std::int64_t keepAbove = floor.step() && !floor.columnIsNull(0) ? floor.columnInt(0) : INT64_MAX;
    sql::Transaction tx(m_db);
    m_db.prepare("DELETE FROM changes WHERE created_at < ? AND EXISTS (SELECT 1 FROM changes later WHERE "
                 "later.entity = changes.entity AND later.record_id = changes.record_id AND "
                 "later.server_seq > changes.server_seq)")
        .bind(1, olderThanIso).run();
    std::int64_t removed = m_db.changes();
    auto last = m_db.prepare("SELECT coalesce(max(server_seq), 0) FROM changes WHERE deleted = 1 AND created_at < ? "
                             "AND server_seq <= ?");
    last.bind(1, olderThanIso).bind(2, keepAbove);
    last.step();
    std::int64_t horizon = last.columnInt(0);
    m_db.prepare("DELETE FROM changes WHERE deleted = 1 AND created_at < ? AND server_seq <= ?")
        .bind(1, olderThanIso).bind(2, keepAbove).run();
    removed += m_db.changes();
    if (horizon > prunedBelow())
        m_db.prepare("INSERT INTO meta (key, value) VALUES ('pruned_below', ?) ON CONFLICT(key) DO UPDATE SET "
                     "value = excluded.value")
            .bind(1, std::to_string(horizon)).run();
    tx.commit();
    return removed;
}

int SqliteHubStore::retentionMonths(const std::string& structure) {
    auto st = m_db.prepare("SELECT months FROM retention WHERE structure = ?");
    st.bind(1, structure);
    return st.step() ? static_cast<int>(st.columnInt(0)) : sync::kDefaultRetentionMonths;
}

void SqliteHubStore::setRetentionMonths(const std::string& structure, int months) {
    m_db.prepare("INSERT INTO retention (structure, months) VALUES (?, ?) ON CONFLICT(structure) DO UPDATE SET "
                 "months = excluded.months")
        .bind(1, structure).bind(2, months).run();
}

std::vector<LearnerActivity> SqliteHubStore::learnersWithIdentity() {
    std::string identity;
    for (const auto& f : sync::identityFields())
        identity += (identity.empty() ? "" : " OR ") + std::string("coalesce(json_extract(r.fields, '$.") + f + "'), '') != ''";
    auto st = m_db.prepare(
        "WITH last AS (SELECT j.value AS learner, max(json_extract(s.fields, '$.date')) AS d FROM records s, "
        "  json_each(s.fields, '$.learner_ids') j WHERE s.entity = 'session' AND s.deleted = 0 GROUP BY j.value), "
        "first AS (SELECT record_id, substr(min(created_at), 1, 10) AS d FROM changes WHERE entity = 'learner' "
        "  GROUP BY record_id) "
        "SELECT r.record_id, r.structure, coalesce(last.d, first.d, '') FROM records r "
        "LEFT JOIN last ON last.learner = r.record_id LEFT JOIN first ON first.record_id = r.record_id "
        "WHERE r.entity = 'learner' AND r.deleted = 0 AND (" + identity + ") ORDER BY r.record_id");
    std::vector<LearnerActivity> out;
    while (st.step()) out.push_back({st.columnText(0), st.columnText(1), st.columnText(2)});
    return out;
}

std::string SqliteHubStore::metaValue(const std::string& key) {
    auto st = m_db.prepare("SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.columnText(0) : std::string();
}

void SqliteHubStore::setMetaValue(const std::string& key, const std::string& value) {
    m_db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

void SqliteHubStore::recordPrivacyEvent(const PrivacyEvent& e) {
    m_db.prepare("INSERT INTO privacy_audit (at, action, entity, record_id, login, device_id, structure, note) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, e.at.empty() ? core::nowUtc() : e.at).bind(2, e.action).bind(3, e.entity).bind(4, e.recordId)
        .bind(5, e.login).bind(6, e.deviceId).bind(7, e.structure).bind(8, e.note).run();
}

std::vector<PrivacyEvent> SqliteHubStore::privacyEvents(const std::string& sinceIso) {
    auto st = m_db.prepare("SELECT at, action, entity, record_id, login, device_id, structure, note FROM privacy_audit "
                           "WHERE at >= ? ORDER BY id");
    st.bind(1, sinceIso);
    std::vector<PrivacyEvent> out;
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                       st.columnText(5), st.columnText(6), st.columnText(7)});
    return out;
}

}  // namespace mediane::hub
