// PgHubStore: the history of corrections, erasure, the tombstone horizon kept for every device, retention and the
// privacy audit: the same rules as sqlite_hub_privacy.cpp and sqlite_record_history.cpp.
#include "sync/hub/pg_hub_store.hpp"

#include <limits>

#include "core/calendar.hpp"
#include "sync/hub/learner_erasure_rules.hpp"
#include "sync/protocol/learner_erasure.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

constexpr const char* kSelectHistory =
    "SELECT id, entity, record_id, op, fields, login, device_id, at, server_seq FROM record_history ";

RecordChangeEntry readChange(const pqxx::row& r) {
    RecordChangeEntry e;
    e.id = r[0].as<std::int64_t>();
    e.entity = r[1].as<std::string>();
    e.recordId = r[2].as<std::string>();
    e.op = r[3].as<std::string>();
    auto names = json::parse(r[4].as<std::string>(), nullptr, false);
    if (names.is_array())
        for (const auto& n : names)
            if (n.is_string()) e.fields.push_back(n.get<std::string>());
    e.login = r[5].as<std::string>();
    e.deviceId = r[6].as<std::string>();
    e.at = r[7].as<std::string>();
    e.serverSeq = r[8].as<std::int64_t>();
    return e;
}

// Learners holding an identity and their last activity; the identity test is built from the protocol's constant
// field names only.
std::string learnersWithIdentitySql() {
    std::string identity;
    for (const auto& f : sync::identityFields())
        identity += (identity.empty() ? "" : " OR ") + std::string("coalesce(r.fields ->> '") + f + "', '') <> ''";
    return "WITH last AS (SELECT j AS learner, max(s.fields ->> 'date') AS d FROM records s, jsonb_array_elements_text("
           "  CASE WHEN jsonb_typeof(s.fields -> 'learner_ids') = 'array' THEN s.fields -> 'learner_ids' "
           "  ELSE '[]'::jsonb END) j WHERE s.entity = 'session' AND s.deleted = 0 GROUP BY j), "
           "first AS (SELECT record_id, substr(min(created_at), 1, 10) AS d FROM changes WHERE entity = 'learner' "
           "  GROUP BY record_id) "
           "SELECT r.record_id, r.structure, coalesce(last.d, first.d, '') FROM records r "
           "LEFT JOIN last ON last.learner = r.record_id LEFT JOIN first ON first.record_id = r.record_id "
           "WHERE r.entity = 'learner' AND r.deleted = 0 AND (" + identity + ") ORDER BY r.record_id";
}
}  // namespace

void PgHubStore::addRecordChange(const RecordChangeEntry& c) {
    json names = json::array();
    for (const auto& f : c.fields) names.push_back(f);
    inStep([&] {
        run("INSERT INTO record_history (entity, record_id, op, fields, login, device_id, at, server_seq) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            c.entity, c.recordId, c.op, names.dump(), c.login, c.deviceId, c.at.empty() ? core::nowUtc() : c.at,
            c.serverSeq);
    });
}

std::vector<RecordChangeEntry> PgHubStore::recordChanges(const std::string& entity, const std::string& recordId) {
    static const std::string sql = std::string(kSelectHistory) + "WHERE entity = $1 AND record_id = $2 ORDER BY id";
    return inStep([&] {
        std::vector<RecordChangeEntry> out;
        for (const auto& r : run(sql.c_str(), entity, recordId)) out.push_back(readChange(r));
        return out;
    });
}

std::vector<RecordChangeEntry> PgHubStore::recordChangesSince(const std::string& sinceIso, int limit) {
    static const std::string sql = std::string(kSelectHistory) + "WHERE at >= $1 ORDER BY id LIMIT $2";
    return inStep([&] {
        std::vector<RecordChangeEntry> out;
        for (const auto& r : run(sql.c_str(), sinceIso, std::int64_t{limit})) out.push_back(readChange(r));
        return out;
    });
}

std::int64_t PgHubStore::prunedBelow() {
    return inStep([&] {
        auto rows = run("SELECT value FROM meta WHERE key = 'pruned_below'");
        return rows.empty() ? std::int64_t{0} : std::stoll(rows[0][0].as<std::string>());
    });
}

std::int64_t PgHubStore::prune(const std::string& olderThanIso) {
    return inStep([&] { return pruneBelow(olderThanIso, std::numeric_limits<std::int64_t>::max()); });
}

std::int64_t PgHubStore::pruneKeepingCursors(const std::string& olderThanIso, const std::string& activeSinceIso) {
    // The lowest cursor of the devices still in use: a tombstone above it waits. A device not seen since
    // activeSinceIso (or revoked) no longer holds tombstones back: past the horizon it re-snapshots (410).
    return inStep([&] {
        auto floor = run("SELECT min(pulled_through) FROM devices WHERE revoked = 0 AND token_hash IS NOT NULL "
                         "AND last_seen_at <> '' AND last_seen_at >= $1",
                         activeSinceIso);
        auto keepAbove = floor[0][0].is_null() ? std::numeric_limits<std::int64_t>::max() : floor[0][0].as<std::int64_t>();
        return pruneBelow(olderThanIso, keepAbove);
    });
}

// Inside the caller's transaction: superseded rows older than the cutoff, then old tombstones up to keepAbove.
std::int64_t PgHubStore::pruneBelow(const std::string& olderThanIso, std::int64_t keepAbove) {
    lockFeed();
    // Superseded rows are safe to drop: the later row of the same record carries its full state.
    std::int64_t removed =
        run("DELETE FROM changes WHERE created_at < $1 AND EXISTS (SELECT 1 FROM changes later WHERE "
            "later.entity = changes.entity AND later.record_id = changes.record_id AND "
            "later.server_seq > changes.server_seq)",
            olderThanIso)
            .affected_rows();
    // Old tombstones go too; a cursor from before them could miss a deletion, hence the 410 horizon.
    auto horizon = run("SELECT coalesce(max(server_seq), 0) FROM changes WHERE deleted = 1 AND created_at < $1 "
                       "AND server_seq <= $2",
                       olderThanIso, keepAbove)[0][0]
                       .as<std::int64_t>();
    removed += run("DELETE FROM changes WHERE deleted = 1 AND created_at < $1 AND server_seq <= $2", olderThanIso,
                   keepAbove)
                   .affected_rows();
    if (horizon > prunedBelow())
        run("INSERT INTO meta (key, value) VALUES ('pruned_below', $1) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value",
            std::to_string(horizon));
    return removed;
}

std::vector<StoredRecord> PgHubStore::recordsNaming(const std::string& entity, const std::string& field,
                                                    const std::string& recordId) {
    // A list of texts holding the id, or a plain text field equal to it (SQLite's json_each reads both).
    return inStep([&] {
        std::vector<StoredRecord> out;
        for (const auto& r : run("SELECT record_id FROM records r WHERE r.entity = $1 AND r.deleted = 0 AND ("
                                 "(jsonb_typeof(r.fields -> $2) = 'string' AND r.fields ->> $2 = $3) OR "
                                 "(jsonb_typeof(r.fields -> $2) = 'array' AND r.fields -> $2 @> jsonb_build_array($3::text))) "
                                 "ORDER BY r.record_id",
                                 entity, field, recordId))
            if (auto record = findRecord(entity, r[0].as<std::string>())) out.push_back(*record);
        return out;
    });
}

void PgHubStore::eraseConflictValues(const std::string& entity, const std::string& recordId) {
    inStep([&] {
        for (const auto& r : run("SELECT id, details FROM conflicts WHERE entity = $1 AND record_id = $2", entity,
                                 recordId)) {
            json details = json::parse(r[1].as<std::string>(), nullptr, false);
            json names = json::array();
            if (details.is_object())
                for (const char* key : {"fields", "applied", "incoming", "deleted_state", "changed_since_base"})
                    if (details.contains(key) && details[key].is_object())
                        for (const auto& n : sync::fieldNamesOf(details[key])) names.push_back(n);
            run("UPDATE conflicts SET details = $1 WHERE id = $2",
                json{{"erased", true}, {"field_names", names}}.dump(), r[0].as<std::int64_t>());
        }
        // A decision on such a conflict carried the chosen values: its record and its change rows keep names only.
        for (const auto& r : run("SELECT record_id FROM records WHERE entity = 'conflict_resolution' AND "
                                 "fields ->> 'entity' = $1 AND fields ->> 'record_id' = $2",
                                 entity, recordId))
            rewriteStoredFields("conflict_resolution", r[0].as<std::string>(), [](json& f) {
                if (f.contains("fields") && f["fields"].is_object() && !f["fields"].empty()) {
                    f["field_names"] = sync::fieldNamesOf(f["fields"]);
                    f["fields"] = json::object();
                }
                if (f.contains("note")) f["note"] = "";  // free text may name the person
                f["erased"] = true;
            });
    });
}

void PgHubStore::hashAppliedOpsNaming(const std::string& recordId) {
    inStep([&] {
        for (const auto& r : run("SELECT op_id, fingerprint FROM applied_ops WHERE strpos(fingerprint, $1) > 0", recordId))
            run("UPDATE applied_ops SET fingerprint = $1 WHERE op_id = $2", hashedFingerprint(r[1].as<std::string>()),
                r[0].as<std::string>());
    });
}

void PgHubStore::wipeFreedPages() {
    // PostgreSQL has no secure_delete: the erased rows' old versions stay in their pages until VACUUM frees them
    // (docs/hub-postgresql.md). VACUUM runs outside any transaction, after the erasure committed.
    if (m_tx) return;
    pqxx::nontransaction tx(*m_conn);
    tx.exec("VACUUM records, changes, conflicts, applied_ops");
}

void PgHubStore::notePulled(const std::string& deviceId, std::int64_t since) {
    inStep([&] {
        run("UPDATE devices SET pulled_through = greatest(pulled_through, $1) WHERE device_id = $2", since, deviceId);
    });
}

int PgHubStore::retentionMonths(const std::string& structure) {
    return inStep([&] {
        auto rows = run("SELECT months FROM retention WHERE structure = $1", structure);
        return rows.empty() ? sync::kDefaultRetentionMonths : rows[0][0].as<int>();
    });
}

void PgHubStore::setRetentionMonths(const std::string& structure, int months) {
    inStep([&] {
        run("INSERT INTO retention (structure, months) VALUES ($1, $2) ON CONFLICT (structure) DO UPDATE SET "
            "months = excluded.months",
            structure, months);
    });
}

std::vector<LearnerActivity> PgHubStore::learnersWithIdentity() {
    static const std::string sql = learnersWithIdentitySql();
    return inStep([&] {
        std::vector<LearnerActivity> out;
        for (const auto& r : run(sql.c_str()))
            out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
        return out;
    });
}

std::string PgHubStore::metaValue(const std::string& key) {
    return inStep([&] {
        auto rows = run("SELECT value FROM meta WHERE key = $1", key);
        return rows.empty() ? std::string() : rows[0][0].as<std::string>();
    });
}

void PgHubStore::setMetaValue(const std::string& key, const std::string& value) {
    inStep([&] {
        run("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key,
            value);
    });
}

void PgHubStore::recordPrivacyEvent(const PrivacyEvent& e) {
    inStep([&] {
        run("INSERT INTO privacy_audit (at, action, entity, record_id, login, device_id, structure, note) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            e.at.empty() ? core::nowUtc() : e.at, e.action, e.entity, e.recordId, e.login, e.deviceId, e.structure,
            e.note);
    });
}

std::vector<PrivacyEvent> PgHubStore::privacyEvents(const std::string& sinceIso) {
    return inStep([&] {
        std::vector<PrivacyEvent> out;
        for (const auto& r : run("SELECT at, action, entity, record_id, login, device_id, structure, note FROM "
                                 "privacy_audit WHERE at >= $1 ORDER BY id",
                                 sinceIso))
            out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                           r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>(),
                           r[7].as<std::string>()});
        return out;
    });
}

}  // namespace mediane::hub
