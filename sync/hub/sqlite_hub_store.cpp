#include "sync/hub/sqlite_hub_store.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

#include "core/calendar.hpp"
#include "sync/hub/access_policy.hpp"
#include "sync/hub/hub_code_upgrade.hpp"

namespace mediane::hub {

// " AND (structure = '' OR structure IN (?, ?))" with its values, or nothing for an admin.
struct ScopeFilter {
    std::string sql;
    std::vector<std::string> values;
};

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

// Version 2: accounts can be disabled; a device stays bound to the login that enrolled it, keeps its
// revoked state across re-enrolment, and its token has an issue and expiry time plus a pending renewal.
// token_hash is NULL when the device has no usable token (revoked, or cut by a password change).
// devices.login has no foreign key so a revoked device outlives the removal of its account.
// A v1 token is kept, as issued at migration time with the default 60-day lifetime.
constexpr const char* kMigrationV2 = R"SQL(
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
CREATE TABLE devices_v2 (
  device_id TEXT PRIMARY KEY,
  login TEXT NOT NULL,
  token_hash TEXT UNIQUE,
  token_issued_at INTEGER NOT NULL DEFAULT 0,
  token_expires_at INTEGER NOT NULL DEFAULT 0,
  next_token_hash TEXT UNIQUE,
  next_issued_at INTEGER NOT NULL DEFAULT 0,
  enrolled_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL DEFAULT '',
  revoked INTEGER NOT NULL DEFAULT 0
);
INSERT INTO devices_v2 (device_id, login, token_hash, token_issued_at, token_expires_at, enrolled_at, revoked)
  SELECT device_id, login, CASE WHEN revoked = 0 THEN token_hash END, CAST(strftime('%s', 'now') AS INTEGER),
         CAST(strftime('%s', 'now') AS INTEGER) + 60 * 86400, enrolled_at, revoked FROM devices;
DROP TABLE devices;
ALTER TABLE devices_v2 RENAME TO devices;
CREATE INDEX devices_by_login ON devices(login);
)SQL";

constexpr const char* kSelectDevice =
    "SELECT d.device_id, d.login, d.token_hash IS NOT NULL, d.token_issued_at, d.token_expires_at, "
    "d.next_token_hash IS NOT NULL, d.next_issued_at, d.enrolled_at, d.last_seen_at, d.revoked FROM devices d ";

// The first ten columns of kSelectDevice.
DeviceEntry readDevice(const sql::Statement& st) {
    DeviceEntry d;
    d.deviceId = st.columnText(0);
    d.login = st.columnText(1);
    d.hasToken = st.columnInt(2) != 0;
    d.tokenIssuedAt = st.columnInt(3);
    d.tokenExpiresAt = st.columnInt(4);
    d.hasNextToken = st.columnInt(5) != 0;
    d.nextIssuedAt = st.columnInt(6);
    d.enrolledAt = st.columnText(7);
    d.lastSeenAt = st.columnText(8);
    d.revoked = st.columnInt(9) != 0;
    return d;
}

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

// Other structures' events on a cheque this scope is part of: it has an event of its own on the number (it gave,
// redeemed or cancelled it), or it holds the booklet. Only the rows the scope's cheque links name are read
// (sqlite_cheque_links.cpp), in the stretch (?1, ?2] of readChanges; this filter then decides as it always did.
ScopeFilter linkedChequesFilter(const Scope& scope) {
    ScopeFilter f;
    std::string in = "(";
    for (std::size_t i = 0; i < scope.structures.size(); ++i) in += i ? ", ?" : "?";
    in += ")";
    f.sql = " AND server_seq IN (SELECT l.server_seq FROM cheque_links l WHERE l.structure IN " + in +
            " AND l.server_seq > ?1 AND l.server_seq <= ?2)"
            " AND +entity = 'cheque_event' AND +structure NOT IN " + in + " AND json_extract(fields, '$.number') > 0 AND ("
            "json_extract(fields, '$.number') IN (SELECT json_extract(r.fields, '$.number') FROM records r "
            "INDEXED BY records_cheque_numbers_by_structure WHERE r.entity = 'cheque_event' AND r.structure IN " + in + ") "
            "OR EXISTS (SELECT 1 FROM records b INDEXED BY records_booklets_by_structure "
            "WHERE b.entity = 'pass_booklet' AND b.deleted = 0 AND b.structure IN " +
            in + " AND json_extract(b.fields, '$.first_number') <= json_extract(changes.fields, '$.number') "
            "AND json_extract(b.fields, '$.last_number') >= json_extract(changes.fields, '$.number')))";
    for (int copy = 0; copy < 4; ++copy) f.values.insert(f.values.end(), scope.structures.begin(), scope.structures.end());
    return f;
}

StoredRecord readRecord(const sql::Statement& st) {
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

int SqliteHubStore::schemaVersion() {
    auto st = m_db.prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.columnInt(0));
}

// Each step in place and in its own transaction, so a v1 file from an older hub upgrades with its data.
void SqliteHubStore::migrate() {
    auto step = [this](int version, const auto& apply) {
        if (schemaVersion() >= version) return;
        sql::Transaction tx(m_db);
        apply();
        m_db.exec("PRAGMA user_version = " + std::to_string(version));
        tx.commit();
    };
    step(1, [&] { m_db.exec(kSchemaV1); });
    step(2, [&] { m_db.exec(kMigrationV2); });
    // Version 3: the national activity report's codes, a report of what did not map, published vocabularies.
    step(3, [&] { upgradeHubToNationalVocabularies(m_db); });
    if (schemaVersion() < 4) migrateRecordHistory();
    migratePrivacy();  // version 5 (sqlite_hub_privacy.cpp)
    // Version 6: a cheque is found by its number across the network, whichever id a laptop gave it.
    step(6, [&] {
        m_db.exec("CREATE INDEX records_by_cheque_number ON records(json_extract(fields, '$.number')) "
                  "WHERE entity = 'cheque_event'");
    });
    migrateEchoes();
    // Version 8: the numbers of a structure's cheque events, for the pulls that bring each structure the other
    // structures' events on its cheques (pullFilterFor) without reading every event of the network.
    step(8, [&] {
        m_db.exec("CREATE INDEX records_cheque_numbers_by_structure ON records(structure, json_extract(fields, '$.number')) "
                  "WHERE entity = 'cheque_event'");
        m_db.exec("CREATE INDEX records_booklets_by_structure ON records(structure) WHERE entity = 'pass_booklet'");
    });
    migrateChequeLinks();
    // Version 10: the erased learners, asked about for every learner of every session pushed (isDeleted).
    step(10, [&] {
        m_db.exec("CREATE INDEX IF NOT EXISTS records_erased_learners ON records(record_id) "
                  "WHERE entity = 'learner' AND deleted = 1");
    });
}

namespace {
// Changes a laptop's own op made and the laptop holds as stored; older rows count as echoes to send.
constexpr int kEchoSchema = 7;
}  // namespace

void SqliteHubStore::migrateEchoes() {
    if (schemaVersion() >= kEchoSchema) return;
    sql::Transaction tx(m_db);
    m_db.exec("ALTER TABLE changes ADD COLUMN held_by_author INTEGER NOT NULL DEFAULT 0");
    m_db.exec("PRAGMA user_version = " + std::to_string(kEchoSchema));
    tx.commit();
}

void SqliteHubStore::markHeldByAuthor(std::int64_t serverSeq) {
    m_db.prepare("UPDATE changes SET held_by_author = 1 WHERE server_seq = ?").bind(1, serverSeq).run();
}

std::int64_t SqliteHubStore::lastServerSeq() {
    // AUTOINCREMENT's own counter: the highest server_seq ever given, even if prune removed that row since.
    return m_db.scalarInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)");
}

bool SqliteHubStore::saveUser(const UserAccount& user) {
    sql::Transaction tx(m_db);
    auto before = findUser(user.login);
    bool cut = before && (before->passwordHash != user.passwordHash || before->role != user.role ||
                          before->structure != user.structure);
    // A territory given with the user (re)assigns the structure; none keeps what the structure had.
    m_db.prepare("INSERT INTO structures (name, territory) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                 "territory = CASE WHEN excluded.territory = '' THEN structures.territory ELSE excluded.territory END")
        .bind(1, user.structure).bind(2, user.territory).run();
    m_db.prepare("INSERT INTO users (login, password_hash, role, structure, created_at) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT(login) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, "
                 "structure = excluded.structure")
        .bind(1, user.login).bind(2, user.passwordHash).bind(3, user.role).bind(4, user.structure)
        .bind(5, core::nowUtc()).run();
    // A new password or scope must not leave a laptop working on what the old one granted.
    if (cut)
        m_db.prepare("UPDATE devices SET token_hash = NULL, next_token_hash = NULL WHERE login = ?")
            .bind(1, user.login).run();
    tx.commit();
    return cut;
}

std::optional<UserAccount> SqliteHubStore::findUser(const std::string& login) {
    auto st = m_db.prepare("SELECT u.login, u.password_hash, u.role, u.structure, s.territory, u.disabled FROM users u "
                           "JOIN structures s ON s.name = u.structure WHERE u.login = ?");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return UserAccount{st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                       st.columnInt(5) != 0};
}

bool SqliteHubStore::setUserDisabled(const std::string& login, bool disabled) {
    m_db.prepare("UPDATE users SET disabled = ? WHERE login = ?").bind(1, std::int64_t{disabled ? 1 : 0})
        .bind(2, login).run();
    return m_db.changes() > 0;
}

bool SqliteHubStore::removeUser(const std::string& login) {
    sql::Transaction tx(m_db);
    m_db.prepare("DELETE FROM devices WHERE login = ? AND revoked = 0").bind(1, login).run();
    m_db.prepare("DELETE FROM users WHERE login = ?").bind(1, login).run();
    bool removed = m_db.changes() > 0;
    tx.commit();
    return removed;
}

std::vector<UserListing> SqliteHubStore::listUsers() {
    auto st = m_db.prepare("SELECT u.login, u.role, u.structure, u.disabled, "
                           "(SELECT count(*) FROM devices d WHERE d.login = u.login) FROM users u ORDER BY u.login");
    std::vector<UserListing> out;
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnInt(3) != 0,
                       static_cast<int>(st.columnInt(4))});
    return out;
}

std::vector<std::string> SqliteHubStore::structuresOfTerritory(const std::string& territory) {
    std::vector<std::string> out;
    if (territory.empty()) return out;
    auto st = m_db.prepare("SELECT name FROM structures WHERE territory = ? ORDER BY name");
    st.bind(1, territory);
    while (st.step()) out.push_back(st.columnText(0));
    return out;
}

void SqliteHubStore::saveDevice(const std::string& deviceId, const std::string& login, const std::string& tokenHash,
                                std::int64_t issuedAt, std::int64_t expiresAt) {
    m_db.prepare("INSERT INTO devices (device_id, login, token_hash, token_issued_at, token_expires_at, enrolled_at) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET login = excluded.login, "
                 "token_hash = excluded.token_hash, token_issued_at = excluded.token_issued_at, "
                 "token_expires_at = excluded.token_expires_at, next_token_hash = NULL, next_issued_at = 0, "
                 "enrolled_at = excluded.enrolled_at")
        .bind(1, deviceId).bind(2, login).bind(3, tokenHash).bind(4, issuedAt).bind(5, expiresAt)
        .bind(6, core::nowUtc()).run();
}

std::optional<DeviceEntry> SqliteHubStore::findDevice(const std::string& deviceId) {
    auto st = m_db.prepare(std::string(kSelectDevice) + "WHERE d.device_id = ?");
    st.bind(1, deviceId);
    if (!st.step()) return std::nullopt;
    return readDevice(st);
}

std::vector<DeviceEntry> SqliteHubStore::listDevices(const std::string& login) {
    auto st = m_db.prepare(std::string(kSelectDevice) + "WHERE ? = '' OR d.login = ? ORDER BY d.device_id");
    st.bind(1, login).bind(2, login);
    std::vector<DeviceEntry> out;
    while (st.step()) out.push_back(readDevice(st));
    return out;
}

std::optional<TokenMatch> SqliteHubStore::findToken(const std::string& tokenHash) {
    // kSelectDevice ends its column list before FROM: the account's columns go in front of it.
    std::string sql = kSelectDevice;
    auto from = sql.find(" FROM devices d");
    sql.insert(from, ", u.password_hash, u.role, u.structure, s.territory, u.disabled, "
                     "coalesce(d.next_token_hash = ?1, 0)");
    sql += "JOIN users u ON u.login = d.login JOIN structures s ON s.name = u.structure "
           "WHERE d.token_hash = ?1 OR d.next_token_hash = ?1";
    auto q = m_db.prepare(sql);
    q.bind(1, tokenHash);
    if (!q.step()) return std::nullopt;
    TokenMatch m;
    m.device = readDevice(q);
    m.user = UserAccount{m.device.login, q.columnText(10), q.columnText(11), q.columnText(12), q.columnText(13),
                         q.columnInt(14) != 0};
    m.isNextToken = q.columnInt(15) != 0;
    return m;
}

void SqliteHubStore::setNextToken(const std::string& deviceId, const std::string& tokenHash, std::int64_t issuedAt) {
    m_db.prepare("UPDATE devices SET next_token_hash = ?, next_issued_at = ? WHERE device_id = ?")
        .bind(1, tokenHash).bind(2, issuedAt).bind(3, deviceId).run();
}

void SqliteHubStore::promoteNextToken(const std::string& deviceId, std::int64_t expiresAt) {
    m_db.prepare("UPDATE devices SET token_hash = next_token_hash, token_issued_at = next_issued_at, "
                 "token_expires_at = ?, next_token_hash = NULL, next_issued_at = 0 "
                 "WHERE device_id = ? AND next_token_hash IS NOT NULL")
        .bind(1, expiresAt).bind(2, deviceId).run();
}

void SqliteHubStore::touchDevice(const std::string& deviceId, const std::string& seenAtIso) {
    m_db.prepare("UPDATE devices SET last_seen_at = ? WHERE device_id = ?").bind(1, seenAtIso).bind(2, deviceId).run();
}

bool SqliteHubStore::revokeDevice(const std::string& deviceId) {
    m_db.prepare("UPDATE devices SET revoked = 1, token_hash = NULL, next_token_hash = NULL WHERE device_id = ?")
        .bind(1, deviceId).run();
    return m_db.changes() > 0;
}

bool SqliteHubStore::admitDevice(const std::string& deviceId) {
    m_db.prepare("UPDATE devices SET revoked = 0 WHERE device_id = ?").bind(1, deviceId).run();
    return m_db.changes() > 0;
}

void SqliteHubStore::inTransaction(const std::function<void()>& work) {
    sql::Transaction tx(m_db);
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

bool SqliteHubStore::isDeleted(const std::string& entity, const std::string& recordId) {
    if (entity == "learner") {
        // Named, or SQLite descends the records themselves (a session's row is a kilobyte, so that tree is deep
        // and mostly out of the cache): 5 % of the hub's time on a large push. The index holds only the erased.
        auto st = m_db.prepare("SELECT 1 FROM records INDEXED BY records_erased_learners "
                               "WHERE entity = 'learner' AND deleted = 1 AND record_id = ?");
        st.bind(1, recordId);
        return st.step();
    }
    auto st = m_db.prepare("SELECT deleted FROM records WHERE entity = ? AND record_id = ?");
    st.bind(1, entity).bind(2, recordId);
    return st.step() && st.columnInt(0) != 0;
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
    const auto seq = m_db.lastInsertRowid();
    linkCheques(r, seq);
    return seq;
}

std::vector<StoredRecord> SqliteHubStore::liveRecords(const std::string& entity) {
    auto st = m_db.prepare(std::string(kSelectRecord) + "WHERE entity = ? AND deleted = 0 ORDER BY record_id");
    st.bind(1, entity);
    std::vector<StoredRecord> out;
    while (st.step()) out.push_back(readRecord(st));
    return out;
}

std::vector<StoredRecord> SqliteHubStore::chequeRedemptions(const std::string& chequeId, std::int64_t number) {
    // One arm per index (records_by_cheque, records_by_cheque_number): an OR of both in one WHERE made SQLite
    // walk every cheque event of the hub, once per redemption pushed. An event from before numbers travelled
    // (number 0) is found by its cheque id; UNION keeps an event that both arms find once.
    auto st = m_db.prepare("SELECT * FROM (" + std::string(kSelectRecord) +
                           "WHERE entity = 'cheque_event' AND json_extract(fields, '$.cheque_id') = ?1 "
                           "AND deleted = 0 AND json_extract(fields, '$.kind') IN ('redeemed', 'cancelled') "
                           "UNION " + kSelectRecord +
                           "WHERE entity = 'cheque_event' AND json_extract(fields, '$.number') = ?2 AND ?2 > 0 "
                           "AND deleted = 0 AND json_extract(fields, '$.kind') IN ('redeemed', 'cancelled')) "
                           "ORDER BY json_extract(fields, '$.on_date'), record_id");
    st.bind(1, chequeId).bind(2, number);
    std::vector<StoredRecord> out;
    while (st.step()) out.push_back(readRecord(st));
    return out;
}

std::optional<StoredRecord> SqliteHubStore::bookletCovering(std::int64_t number) {
    auto st = m_db.prepare(std::string(kSelectRecord) +
                           "WHERE entity = 'pass_booklet' AND deleted = 0 AND json_extract(fields, '$.first_number') <= ?1 "
                           "AND json_extract(fields, '$.last_number') >= ?1 LIMIT 1");
    st.bind(1, number);
    if (!st.step()) return std::nullopt;
    return readRecord(st);
}

std::vector<StoredRecord> SqliteHubStore::bookletsOverlapping(std::int64_t first, std::int64_t last) {
    auto st = m_db.prepare(std::string(kSelectRecord) +
                           "INDEXED BY records_booklets_by_first_number WHERE entity = 'pass_booklet' AND deleted = 0 "
                           "AND json_extract(fields, '$.first_number') BETWEEN "
                           "?1 - (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'booklet_span') AND ?2 "
                           "AND json_extract(fields, '$.last_number') >= ?1 ORDER BY record_id");
    st.bind(1, first).bind(2, last);
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

std::vector<sync::Change> SqliteHubStore::changesSince(std::int64_t since, int limit, const Scope& scope,
                                                      const HeldByPuller& held) {
    auto own = readChanges(since, std::numeric_limits<std::int64_t>::max(), limit, scope, filterFor(scope), held);
    if (!held.linkedCheques || scope.everything || scope.structures.empty()) return own;
    // The other structures' events on this scope's cheques, within the same stretch of the feed as this page: a
    // full page ends the stretch at its last row, so that every row is scanned once over all the pages.
    const auto upTo = static_cast<int>(own.size()) == limit ? own.back().serverSeq : std::numeric_limits<std::int64_t>::max();
    auto linked = readChanges(since, upTo, limit, scope, linkedChequesFilter(scope), {});
    if (linked.empty()) return own;
    std::vector<sync::Change> merged;
    merged.reserve(own.size() + linked.size());
    std::merge(std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()),
               std::make_move_iterator(linked.begin()), std::make_move_iterator(linked.end()), std::back_inserter(merged),
               [](const sync::Change& a, const sync::Change& b) { return a.serverSeq < b.serverSeq; });
    if (static_cast<int>(merged.size()) > limit) merged.resize(static_cast<std::size_t>(limit));
    return merged;
}

std::vector<sync::Change> SqliteHubStore::readChanges(std::int64_t since, std::int64_t upTo, int limit,
                                                      const Scope& scope, const ScopeFilter& filter,
                                                      const HeldByPuller& held) {
    // Learners stay, as markers: a laptop re-snapshotting forgets the learners a snapshot does not name.
    const bool skipsHeld = held.through > 0 && !held.deviceId.empty();
    const std::string echoSql =
        skipsHeld ? " AND NOT (held_by_author = 1 AND device_id = ? AND server_seq <= ? AND entity != 'learner')" : "";
    // Who made the change, from the history of corrections (learners and sessions only); by its index on
    // (entity, record_id), one look-up per row.
    auto st = m_db.prepare("SELECT server_seq, entity, record_id, version, op, fields, deleted, "
                           "(SELECT json_array(h.login, h.at, h.op, h.fields, h.device_id) FROM record_history h "
                           " WHERE h.entity = changes.entity AND h.record_id = changes.record_id "
                           " AND h.server_seq = changes.server_seq ORDER BY h.id DESC LIMIT 1), "
                           "held_by_author, device_id, structure "
                           "FROM changes WHERE server_seq > ? AND server_seq <= ?" + filter.sql + echoSql +
                           " ORDER BY server_seq LIMIT ?");
    int i = 1;
    st.bind(i++, since);
    st.bind(i++, upTo);
    for (const auto& s : filter.values) st.bind(i++, s);
    if (skipsHeld) {
        st.bind(i++, held.deviceId);
        st.bind(i++, held.through);
    }
    st.bind(i, std::int64_t{limit});
    std::vector<sync::Change> out;
    while (st.step()) {
        sync::Change c;
        c.serverSeq = st.columnInt(0);
        c.entity = st.columnText(1);
        c.recordId = st.columnText(2);
        c.version = st.columnInt(3);
        c.op = st.columnText(4);
        c.deleted = st.columnInt(6) != 0;
        c.held = skipsHeld && c.serverSeq <= held.through && st.columnInt(8) != 0 && st.columnText(9) == held.deviceId;
        if (c.held) {
            out.push_back(std::move(c));  // a marker: the caller holds the fields already
            continue;
        }
        c.fields = json::parse(st.columnText(5));
        if (c.entity == "cheque_event") showChequeEventTo(scope, st.columnText(10), c.fields);
        c.author = authorOfChange(st.columnText(7));
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<ConflictEntry> SqliteHubStore::conflicts(std::int64_t afterId, int limit, const Scope& scope) {
    auto filter = filterFor(scope);
    // A cheque's owner sees an over-redemption of it even when another structure redeemed it last, and so does
    // every structure that redeemed or cancelled it before (details.structures).
    std::string ownerSql;
    if (!scope.everything && !scope.structures.empty()) {
        std::string list;
        for (std::size_t k = 0; k < scope.structures.size(); ++k) list += k ? ", ?" : "?";
        ownerSql = " OR json_extract(details, '$.owner_structure') IN (" + list + ") OR EXISTS (SELECT 1 FROM "
                   "json_each(details, '$.structures') j WHERE j.value IN (" + list + ")))";
        filter.sql.pop_back();  // reopen the scope's parenthesis to add the owner's test inside it
        filter.sql += ownerSql;
    }
    auto st = m_db.prepare("SELECT id, kind, entity, record_id, op_id, device_id, structure, details, created_at "
                           "FROM conflicts WHERE id > ? AND resolved_at = ''" + filter.sql + " ORDER BY id LIMIT ?");
    int i = 1;
    st.bind(i++, afterId);
    for (const auto& s : filter.values) st.bind(i++, s);
    if (!ownerSql.empty())
        for (int twice = 0; twice < 2; ++twice)
            for (const auto& s : scope.structures) st.bind(i++, s);
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

void SqliteHubStore::rewriteStoredFields(const std::string& entity, const std::string& recordId,
                                         const std::function<void(json& fields)>& edit) {
    std::vector<std::pair<std::int64_t, std::string>> history;
    {
        auto st = m_db.prepare("SELECT server_seq, fields FROM changes WHERE entity = ? AND record_id = ?");
        st.bind(1, entity).bind(2, recordId);
        while (st.step()) history.emplace_back(st.columnInt(0), st.columnText(1));
    }
    for (const auto& [seq, text] : history) {
        auto fields = json::parse(text);
        edit(fields);
        m_db.prepare("UPDATE changes SET fields = ? WHERE server_seq = ?").bind(1, fields.dump()).bind(2, seq).run();
    }
    if (auto record = findRecord(entity, recordId)) {
        edit(record->fields);
        m_db.prepare("UPDATE records SET fields = ? WHERE entity = ? AND record_id = ?")
            .bind(1, record->fields.dump()).bind(2, entity).bind(3, recordId).run();
    }
}

void SqliteHubStore::dropChangeRows(const std::string& entity, const std::string& recordId) {
    m_db.prepare("DELETE FROM changes WHERE entity = ? AND record_id = ?").bind(1, entity).bind(2, recordId).run();
}

int SqliteHubStore::publishedVocabularyVersion() {
    auto st = m_db.prepare("SELECT coalesce(max(version), 0) FROM published_vocabularies");
    st.step();
    return static_cast<int>(st.columnInt(0));
}

std::vector<PublishedVocabularies> SqliteHubStore::publishedVocabularies() {
    auto st = m_db.prepare("SELECT version, document, retired, published_at FROM published_vocabularies ORDER BY version");
    std::vector<PublishedVocabularies> out;
    while (st.step())
        out.push_back({static_cast<int>(st.columnInt(0)), st.columnText(1), st.columnText(2), st.columnText(3)});
    return out;
}

void SqliteHubStore::savePublishedVocabularies(const PublishedVocabularies& p) {
    m_db.prepare("INSERT INTO published_vocabularies (version, document, retired, published_at) VALUES (?, ?, ?, ?)")
        .bind(1, std::int64_t{p.version}).bind(2, p.document).bind(3, p.retired)
        .bind(4, p.publishedAt.empty() ? core::nowUtc() : p.publishedAt).run();
}

void SqliteHubStore::reportUnmapped(const UnmappedCode& c) {
    m_db.prepare("INSERT OR IGNORE INTO vocabulary_upgrade_report (entity, record_id, field, old_code, source, "
                 "reported_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, c.entity).bind(2, c.recordId).bind(3, c.field).bind(4, c.oldCode).bind(5, c.source)
        .bind(6, c.reportedAt.empty() ? core::nowUtc() : c.reportedAt).run();
}

std::vector<UnmappedCode> SqliteHubStore::unmappedCodes() {
    auto st = m_db.prepare("SELECT entity, record_id, field, old_code, source, reported_at FROM vocabulary_upgrade_report "
                           "ORDER BY field, old_code, entity, record_id");
    std::vector<UnmappedCode> out;
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                       st.columnText(5)});
    return out;
}

std::int64_t SqliteHubStore::prunedBelow() {
    auto st = m_db.prepare("SELECT value FROM meta WHERE key = 'pruned_below'");
    return st.step() ? std::stoll(st.columnText(0)) : 0;
}

std::int64_t SqliteHubStore::prune(const std::string& olderThanIso) {
    sql::Transaction tx(m_db);
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
