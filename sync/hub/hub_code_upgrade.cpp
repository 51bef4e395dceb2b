#include "sync/hub/hub_code_upgrade.hpp"

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "sync/hub/conflict_codes.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

constexpr const char* kSchemaV3 = R"SQL(
CREATE TABLE vocabulary_upgrade_report (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_code TEXT NOT NULL,
  source TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  PRIMARY KEY (entity, record_id, field, old_code)
) WITHOUT ROWID;
CREATE TABLE published_vocabularies (
  version INTEGER PRIMARY KEY,
  document TEXT NOT NULL,
  retired TEXT NOT NULL DEFAULT '[]',
  published_at TEXT NOT NULL
);
)SQL";

std::vector<core::LegacyCode> upgradeFields(const std::string& entity, json& fields) {
    const auto* kind = sync::findRecordKind(entity);
    if (!kind || !fields.is_object()) return {};
    return sync::upgradeWireFields(*kind, fields);
}

std::vector<core::LegacyCode> upgradeLearner(json& fields) { return upgradeFields("learner", fields); }

// A resolution's chosen fields are a learner's (only learner conflicts apply fields).
void upgradeResolution(json& fields) { recodeResolution(fields, upgradeLearner); }

struct Row {
    std::string key;  // the row's key, as text
    std::string entity;
    std::string text;
    std::string extra;
};

std::vector<Row> rows(HubDatabase& db, const std::string& sql) {
    std::vector<Row> out;
    auto st = db.prepare(sql);
    while (st.step()) out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3)});
    return out;
}

void upgradeRecords(HubDatabase& db) {
    const auto now = core::nowUtc();
    for (const auto& r : rows(db, "SELECT record_id, entity, fields, field_versions FROM records "
                                  "WHERE entity IN ('learner', 'session', 'conflict_resolution')")) {
        auto fields = json::parse(r.text);
        auto versions = json::parse(r.extra);
        std::vector<core::LegacyCode> kept;
        if (r.entity == "conflict_resolution") upgradeResolution(fields);
        else kept = upgradeFields(r.entity, fields);
        if (!kept.empty()) {
            // legacy_codes changed when the fields it came from did, for the learner merge's comparisons.
            std::int64_t version = 0;
            for (const auto& k : kept)
                if (versions.contains(k.field) && versions[k.field].is_number_integer())
                    version = std::max(version, versions[k.field].get<std::int64_t>());
            if (version > 0) versions[std::string(sync::kLegacyCodesField)] = version;
        }
        for (const auto& k : kept)
            db.prepare("INSERT OR IGNORE INTO vocabulary_upgrade_report VALUES (?, ?, ?, ?, 'migration', ?)")
                .bind(1, r.entity).bind(2, r.key).bind(3, k.field).bind(4, k.code).bind(5, now).run();
        db.prepare("UPDATE records SET fields = ?, field_versions = ? WHERE entity = ? AND record_id = ?")
            .bind(1, fields.dump()).bind(2, versions.dump()).bind(3, r.entity).bind(4, r.key).run();
    }
}

void upgradeChanges(HubDatabase& db) {
    for (const auto& r : rows(db, "SELECT server_seq, entity, fields, '' FROM changes "
                                  "WHERE entity IN ('learner', 'session', 'conflict_resolution')")) {
        auto fields = json::parse(r.text);
        if (r.entity == "conflict_resolution") upgradeResolution(fields);
        else upgradeFields(r.entity, fields);
        db.prepare("UPDATE changes SET fields = ? WHERE server_seq = ?").bind(1, fields.dump()).bind(2, static_cast<std::int64_t>(std::stoll(r.key))).run();
    }
}

void upgradeConflicts(HubDatabase& db) {
    for (const auto& r : rows(db, "SELECT id, entity, details, '' FROM conflicts WHERE entity IN ('learner', 'session')")) {
        auto details = json::parse(r.text);
        recodeConflictDetails(r.entity, details, [&](json& fields) { return upgradeFields(r.entity, fields); });
        db.prepare("UPDATE conflicts SET details = ? WHERE id = ?").bind(1, details.dump()).bind(2, static_cast<std::int64_t>(std::stoll(r.key))).run();
    }
}

// The fingerprint is the op's canonical JSON (sync::payloadFingerprint): upgraded like the op would be.
void upgradeFingerprints(HubDatabase& db) {
    for (const auto& r : rows(db, "SELECT op_id, '', fingerprint, '' FROM applied_ops")) {
        auto print = json::parse(r.text, nullptr, false);
        if (!print.is_object() || !print.contains("fields")) continue;
        auto entity = print.value("entity", "");
        if (entity == "learner" || entity == "session") upgradeFields(entity, print["fields"]);
        else if (entity == sync::kConflictResolutionEntity) upgradeResolution(print["fields"]);
        else continue;
        db.prepare("UPDATE applied_ops SET fingerprint = ? WHERE op_id = ?").bind(1, print.dump()).bind(2, r.key).run();
    }
}
}  // namespace

void upgradeHubToNationalVocabularies(HubDatabase& db) {
    db.exec(kSchemaV3);
    upgradeRecords(db);
    upgradeChanges(db);
    upgradeConflicts(db);
    upgradeFingerprints(db);
}

}  // namespace mediane::hub
