#include "sync/hub/sqlite_hub_store.hpp"

#include <algorithm>

#include "core/calendar.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

// Version 1 of the hub schema. Change rows carry the record's full state, so a superseded row
// can be compacted away without a puller ever missing the latest state.
constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE structures (
  name TEXT PRIMARY KEY,
  territory TEXT NOT NULL DEFAULT ''
);
CREATE TABLE users (
  login TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('adviser', 'coordinator', 'admin')),
  structure TEXT NOT NULL REFERENCES structures(name),
  created_at TEXT NOT NULL
);
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users(login),
  token_hash TEXT NOT NULL UNIQUE,
  enrolled_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE records (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  field_versions TEXT NOT NULL,
  structure TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
CREATE INDEX records_by_cheque ON records(json_extract(fields, '$.cheque_id')) WHERE entity = 'cheque_event';
CREATE TABLE changes (
  server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  op TEXT NOT NULL,
  fields TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  structure TEXT NOT NULL,
  op_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX changes_by_structure ON changes(structure, server_seq);
CREATE INDEX changes_by_record ON changes(entity, record_id, server_seq);
CREATE TABLE applied_ops (
  op_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  result TEXT NOT NULL,
  applied_at TEXT NOT NULL
);
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'over_redemption', 'update_after_delete', 'place_proposal')),
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  structure TEXT NOT NULL,
  details TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)SQL";

// " AND (structure = '' OR structure IN (?, ?))" with its values, or nothing for an admin.
struct ScopeFilter {
    std::string sql;
    std::vector<std::string> values;
};

ScopeFilter filterFor(const Scope& scope) {
    if (scope.everything) return {};
    ScopeFilter f;
    f.sql = " AND (structure = ''";
    if (!scope.structures.empty()) {
        f.sql += " OR structure IN (";
        for (std::size_t i = 0; i < scope.structures.size(); ++i) f.sql += i ? ", ?" : "?";
        f.sql += ")";
    }
    f.sql += ")";
    f.values = scope.structures;
    return f;
}

StoredRecord readRecord(const SqliteStatement& st) {
    StoredRecord r;
    r.entity = st.columnText(0);
    r.recordId = st.columnText(1);
    r.version = st.columnInt(2);
    r.fields = json::parse(st.columnText(3));
    r.fieldVersions = json::parse(st.columnText(4));
    r.structure = st.columnText(5);
    r.deleted = st.columnInt(6) != 0;
    return r;
}
constexpr const char* kSelectRecord =
    "SELECT entity, record_id, version, fields, field_versions, structure, deleted FROM records ";
}  // namespace

bool Scope::reaches(const std::string& structure) const {
    if (everything || structure.empty()) return true;
    return std::find(structures.begin(), structures.end(), structure) != structures.end();
}

SqliteHubStore::SqliteHubStore(const std::string& path) : m_db(path) { migrate(); }

void SqliteHubStore::migrate() {
    auto st = m_db.prepare("PRAGMA user_version");
    st.step();
    if (st.columnInt(0) >= 1) return;
    SqliteTransaction tx(m_db);
    m_db.exec(kSchemaV1);
    m_db.exec("PRAGMA user_version = 1");
    tx.commit();
}

void SqliteHubStore::saveUser(const UserAccount& user) {
    SqliteTransaction tx(m_db);
    // A territory given with the user (re)assigns the structure; none keeps what the structure had.
    m_db.prepare("INSERT INTO structures (name, territory) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                 "territory = CASE WHEN excluded.territory = '' THEN structures.territory ELSE excluded.territory END")
        .bind(1, user.structure).bind(2, user.territory).run();
    m_db.prepare("INSERT INTO users (login, password_hash, role, structure, created_at) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT(login) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, "
                 "structure = excluded.structure")
        .bind(1, user.login).bind(2, user.passwordHash).bind(3, user.role).bind(4, user.structure)
        .bind(5, core::nowUtc()).run();
    tx.commit();
}

std::optional<UserAccount> SqliteHubStore::findUser(const std::string& login) {
    auto st = m_db.prepare("SELECT u.login, u.password_hash, u.role, u.structure, s.territory FROM users u "
                           "JOIN structures s ON s.name = u.structure WHERE u.login = ?");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return UserAccount{st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4)};
}

std::vector<std::string> SqliteHubStore::structuresOfTerritory(const std::string& territory) {
    std::vector<std::string> out;
    if (territory.empty()) return out;
    auto st = m_db.prepare("SELECT name FROM structures WHERE territory = ? ORDER BY name");
    st.bind(1, territory);
    while (st.step()) out.push_back(st.columnText(0));
    return out;
}

void SqliteHubStore::saveDevice(const std::string& deviceId, const std::string& login, const std::string& tokenHash) {
    m_db.prepare("INSERT INTO devices (device_id, login, token_hash, enrolled_at, revoked) VALUES (?, ?, ?, ?, 0) "
                 "ON CONFLICT(device_id) DO UPDATE SET login = excluded.login, token_hash = excluded.token_hash, "
                 "enrolled_at = excluded.enrolled_at, revoked = 0")
        .bind(1, deviceId).bind(2, login).bind(3, tokenHash).bind(4, core::nowUtc()).run();
}

std::optional<Principal> SqliteHubStore::deviceByTokenHash(const std::string& tokenHash) {
    auto st = m_db.prepare("SELECT d.device_id, u.login, u.role, u.structure, s.territory, d.token_hash "
                           "FROM devices d JOIN users u ON u.login = d.login JOIN structures s ON s.name = u.structure "
                           "WHERE d.token_hash = ? AND d.revoked = 0");
    st.bind(1, tokenHash);
    if (!st.step()) return std::nullopt;
    return Principal{st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4)};
}

bool SqliteHubStore::revokeDevice(const std::string& deviceId) {
    m_db.prepare("UPDATE devices SET revoked = 1 WHERE device_id = ?").bind(1, deviceId).run();
    return m_db.changes() > 0;
}

void SqliteHubStore::inTransaction(const std::function<void()>& work) {
    SqliteTransaction tx(m_db);
    work();
    tx.commit();
}

std::optional<AppliedOp> SqliteHubStore::findAppliedOp(const std::string& opId) {
    auto st = m_db.prepare("SELECT fingerprint, result FROM applied_ops WHERE op_id = ?");
    st.bind(1, opId);
    if (!st.step()) return std::nullopt;
    return AppliedOp{st.columnText(0), json::parse(st.columnText(1))};
}

void SqliteHubStore::saveAppliedOp(const std::string& opId, const std::string& deviceId, const AppliedOp& applied) {
    m_db.prepare("INSERT INTO applied_ops (op_id, device_id, fingerprint, result, applied_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, opId).bind(2, deviceId).bind(3, applied.fingerprint).bind(4, applied.result.dump())
        .bind(5, core::nowUtc()).run();
}

std::optional<StoredRecord> SqliteHubStore::findRecord(const std::string& entity, const std::string& recordId) {
    auto st = m_db.prepare(std::string(kSelectRecord) + "WHERE entity = ? AND record_id = ?");
    st.bind(1, entity).bind(2, recordId);
    if (!st.step()) return std::nullopt;
    return readRecord(st);
}

std::int64_t SqliteHubStore::writeRecord(const StoredRecord& r, const std::string& op, const std::string& opId,
                                         const std::string& deviceId) {
    std::string fields = r.fields.dump();
    m_db.prepare("INSERT INTO records (entity, record_id, version, fields, field_versions, structure, deleted) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(entity, record_id) DO UPDATE SET version = excluded.version, "
                 "fields = excluded.fields, field_versions = excluded.field_versions, structure = excluded.structure, "
                 "deleted = excluded.deleted")
        .bind(1, r.entity).bind(2, r.recordId).bind(3, r.version).bind(4, fields).bind(5, r.fieldVersions.dump())
        .bind(6, r.structure).bind(7, std::int64_t{r.deleted ? 1 : 0}).run();
    m_db.prepare("INSERT INTO changes (entity, record_id, version, op, fields, deleted, structure, op_id, device_id, "
                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, r.entity).bind(2, r.recordId).bind(3, r.version).bind(4, op).bind(5, fields)
        .bind(6, std::int64_t{r.deleted ? 1 : 0}).bind(7, r.structure).bind(8, opId).bind(9, deviceId)
        .bind(10, core::nowUtc()).run();
    return m_db.lastInsertRowid();
}

std::vector<StoredRecord> SqliteHubStore::liveRecords(const std::string& entity) {
    auto st = m_db.prepare(std::string(kSelectRecord) + "WHERE entity = ? AND deleted = 0 ORDER BY record_id");
    st.bind(1, entity);
    std::vector<StoredRecord> out;
    while (st.step()) out.push_back(readRecord(st));
    return out;
}

std::vector<StoredRecord> SqliteHubStore::chequeRedemptions(const std::string& chequeId) {
    auto st = m_db.prepare(std::string(kSelectRecord) +
                           "WHERE entity = 'cheque_event' AND json_extract(fields, '$.cheque_id') = ? "
                           "AND json_extract(fields, '$.kind') = 'redeemed' AND deleted = 0");
    st.bind(1, chequeId);
    std::vector<StoredRecord> out;
    while (st.step()) out.push_back(readRecord(st));
    return out;
}

std::int64_t SqliteHubStore::addConflict(const ConflictEntry& c) {
    m_db.prepare("INSERT INTO conflicts (kind, entity, record_id, op_id, device_id, structure, details, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.kind).bind(2, c.entity).bind(3, c.recordId).bind(4, c.opId).bind(5, c.deviceId)
        .bind(6, c.structure).bind(7, c.details.dump()).bind(8, core::nowUtc()).run();
    return m_db.lastInsertRowid();
}

std::vector<sync::Change> SqliteHubStore::changesSince(std::int64_t since, int limit, const Scope& scope) {
    auto filter = filterFor(scope);
    auto st = m_db.prepare("SELECT server_seq, entity, record_id, version, op, fields, deleted FROM changes "
                           "WHERE server_seq > ?" + filter.sql + " ORDER BY server_seq LIMIT ?");
    int i = 1;
    st.bind(i++, since);
    for (const auto& s : filter.values) st.bind(i++, s);
    st.bind(i, std::int64_t{limit});
    std::vector<sync::Change> out;
    while (st.step()) {
        sync::Change c;
        c.serverSeq = st.columnInt(0);
        c.entity = st.columnText(1);
        c.recordId = st.columnText(2);
        c.version = st.columnInt(3);
        c.op = st.columnText(4);
        c.fields = json::parse(st.columnText(5));
        c.deleted = st.columnInt(6) != 0;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<ConflictEntry> SqliteHubStore::conflicts(std::int64_t afterId, int limit, const Scope& scope) {
    auto filter = filterFor(scope);
    auto st = m_db.prepare("SELECT id, kind, entity, record_id, op_id, device_id, structure, details, created_at "
                           "FROM conflicts WHERE id > ? AND resolved_at = ''" + filter.sql + " ORDER BY id LIMIT ?");
    int i = 1;
    st.bind(i++, afterId);
    for (const auto& s : filter.values) st.bind(i++, s);
    st.bind(i, std::int64_t{limit});
    std::vector<ConflictEntry> out;
    while (st.step())
        out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                       st.columnText(5), st.columnText(6), json::parse(st.columnText(7)), st.columnText(8), {}});
    return out;
}

std::optional<ConflictEntry> SqliteHubStore::findConflict(std::int64_t id) {
    auto st = m_db.prepare("SELECT id, kind, entity, record_id, op_id, device_id, structure, details, created_at, "
                           "resolved_at FROM conflicts WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return ConflictEntry{st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                         st.columnText(5), st.columnText(6), json::parse(st.columnText(7)), st.columnText(8),
                         st.columnText(9)};
}

void SqliteHubStore::markConflictResolved(std::int64_t id, const std::string& resolvedAt) {
    m_db.prepare("UPDATE conflicts SET resolved_at = ? WHERE id = ?").bind(1, resolvedAt).bind(2, id).run();
}

std::int64_t SqliteHubStore::prunedBelow() {
    auto st = m_db.prepare("SELECT value FROM meta WHERE key = 'pruned_below'");
    return st.step() ? std::stoll(st.columnText(0)) : 0;
}

std::int64_t SqliteHubStore::prune(const std::string& olderThanIso) {
    SqliteTransaction tx(m_db);
    // Superseded rows are safe to drop: the later row of the same record carries its full state.
    m_db.prepare("DELETE FROM changes WHERE created_at < ? AND EXISTS (SELECT 1 FROM changes later WHERE "
                 "later.entity = changes.entity AND later.record_id = changes.record_id AND "
                 "later.server_seq > changes.server_seq)")
        .bind(1, olderThanIso).run();
    std::int64_t removed = m_db.changes();
    // Old tombstones go too; a cursor from before them could miss a deletion, hence the 410 horizon.
    auto last = m_db.prepare("SELECT coalesce(max(server_seq), 0) FROM changes WHERE deleted = 1 AND created_at < ?");
    last.bind(1, olderThanIso);
    last.step();
    std::int64_t horizon = last.columnInt(0);
    m_db.prepare("DELETE FROM changes WHERE deleted = 1 AND created_at < ?").bind(1, olderThanIso).run();
    removed += m_db.changes();
    if (horizon > prunedBelow())
        m_db.prepare("INSERT INTO meta (key, value) VALUES ('pruned_below', ?) ON CONFLICT(key) DO UPDATE SET "
                     "value = excluded.value")
            .bind(1, std::to_string(horizon)).run();
    tx.commit();
    return removed;
}

}  // namespace mediane::hub
