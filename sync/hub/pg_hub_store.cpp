#include "sync/hub/pg_hub_store.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <limits>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "sync/hub/access_policy.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

// Every writer of the change feed, in any hub process on this database, holds it while it draws server_seq.
constexpr std::int64_t kFeedLock = 0x6d6564690002;  // "medi" 2

#define MEDIANE_PG_SELECT_DEVICE                                                                          \
    "SELECT d.device_id, d.login, d.token_hash IS NOT NULL, d.token_issued_at, d.token_expires_at, "           \
    "d.next_token_hash IS NOT NULL, d.next_issued_at, d.enrolled_at, d.last_seen_at, d.revoked"

constexpr const char* kFindDevice = MEDIANE_PG_SELECT_DEVICE " FROM devices d WHERE d.device_id = $1";
constexpr const char* kListDevices =
    MEDIANE_PG_SELECT_DEVICE " FROM devices d WHERE $1 = '' OR d.login = $1 ORDER BY d.device_id";
// The device's columns, then its account's.
constexpr const char* kFindToken =
    MEDIANE_PG_SELECT_DEVICE ", u.password_hash, u.role, u.structure, s.territory, u.disabled, "
    "coalesce(d.next_token_hash = $1, false) FROM devices d JOIN users u ON u.login = d.login "
    "JOIN structures s ON s.name = u.structure WHERE d.token_hash = $1 OR d.next_token_hash = $1";

// The first ten columns of MEDIANE_PG_SELECT_DEVICE.
DeviceEntry readDevice(const pqxx::row& row) {
    DeviceEntry d;
    d.deviceId = row[0].as<std::string>();
    d.login = row[1].as<std::string>();
    d.hasToken = row[2].as<bool>();
    d.tokenIssuedAt = row[3].as<std::int64_t>();
    d.tokenExpiresAt = row[4].as<std::int64_t>();
    d.hasNextToken = row[5].as<bool>();
    d.nextIssuedAt = row[6].as<std::int64_t>();
    d.enrolledAt = row[7].as<std::string>();
    d.lastSeenAt = row[8].as<std::string>();
    d.revoked = row[9].as<int>() != 0;
    return d;
}

#define MEDIANE_PG_SELECT_RECORD "SELECT entity, record_id, version, fields, field_versions, structure, deleted FROM records "

StoredRecord readRecord(const pqxx::row& row) {
    StoredRecord r;
    r.entity = row[0].as<std::string>();
    r.recordId = row[1].as<std::string>();
    r.version = row[2].as<std::int64_t>();
    r.fields = json::parse(row[3].as<std::string>());
    r.fieldVersions = json::parse(row[4].as<std::string>());
    r.structure = row[5].as<std::string>();
    r.deleted = row[6].as<int>() != 0;
    return r;
}

std::vector<StoredRecord> readRecords(const pqxx::result& rows) {
    std::vector<StoredRecord> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(readRecord(row));
    return out;
}

ConflictEntry readConflict(const pqxx::row& row) {
    ConflictEntry c{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                    row[3].as<std::string>(),  row[4].as<std::string>(), row[5].as<std::string>(),
                    row[6].as<std::string>(),  json::parse(row[7].as<std::string>()), row[8].as<std::string>(), {}};
    if (row.size() > 9) c.resolvedAt = row[9].as<std::string>();
    return c;
}

// The scope's structures: $3 everything, $4 the structures (text[]), as in SqliteHubStore's filterFor.
#define MEDIANE_PG_SCOPE "($3 OR c.structure = '' OR c.structure = ANY($4::text[]))"
// The puller's own changes it holds ($5 whether it claims any, $6 its device, $7 through): learners stay, as markers.
#define MEDIANE_PG_NOT_HELD \
    "NOT ($5 AND c.held_by_author = 1 AND c.device_id = $6 AND c.server_seq <= $7 AND c.entity <> 'learner')"
#define MEDIANE_PG_CHANGE_COLUMNS                                                                              \
    "SELECT c.server_seq, c.entity, c.record_id, c.version, c.op, c.fields, c.deleted, "                        \
    "(SELECT json_build_array(h.login, h.at, h.op, h.fields, h.device_id)::text FROM record_history h "        \
    " WHERE h.entity = c.entity AND h.record_id = c.record_id AND h.server_seq = c.server_seq "                 \
    " ORDER BY h.id DESC LIMIT 1), c.held_by_author, c.device_id, c.structure FROM changes c "                  \
    "WHERE c.server_seq > $1 AND c.server_seq <= $2 AND "

// The scope's own stretch of the feed.
constexpr const char* kOwnChanges =
    MEDIANE_PG_CHANGE_COLUMNS MEDIANE_PG_SCOPE " AND " MEDIANE_PG_NOT_HELD " ORDER BY c.server_seq LIMIT $8";
// Other structures' events on a cheque this scope is part of: an event of its own on the number, or its booklet.
// Only the rows its cheque links name are read (pg_cheque_links.cpp); the conditions then decide as before.
constexpr const char* kLinkedCheques =
    MEDIANE_PG_CHANGE_COLUMNS
    "NOT $3 AND " MEDIANE_PG_NOT_HELD " AND c.server_seq IN (SELECT l.server_seq FROM cheque_links l "
    "  WHERE l.structure = ANY($4::text[]) AND l.server_seq > $1 AND l.server_seq <= $2) "
    "AND c.entity = 'cheque_event' AND NOT (c.structure = ANY($4::text[])) "
    "AND json_num(c.fields, 'number') > 0 AND ("
    "json_num(c.fields, 'number') IN (SELECT json_num(r.fields, 'number') FROM records r "
    "  WHERE r.entity = 'cheque_event' AND r.structure = ANY($4::text[])) "
    "OR EXISTS (SELECT 1 FROM records b WHERE b.entity = 'pass_booklet' AND b.deleted = 0 "
    "  AND b.structure = ANY($4::text[]) AND json_num(b.fields, 'first_number') <= json_num(c.fields, 'number') "
    "  AND json_num(b.fields, 'last_number') >= json_num(c.fields, 'number'))) "
    "ORDER BY c.server_seq LIMIT $8";
}  // namespace

std::string pgTextArray(const std::vector<std::string>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char ch : values[i]) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }
    return out + "}";
}

PgHubStore::PgHubStore(const std::string& connection) {
    try {
        m_conn = std::make_unique<pqxx::connection>(connection);
    } catch (const std::exception& e) {
        // libpq's message names the host and the database, never the password.
        throw Error(Error::Kind::Storage, "err.hub.storage", {{"what", "connect"}, {"detail", e.what()}});
    }
    migrate();
}

PgHubStore::~PgHubStore() = default;

const std::string& PgHubStore::preparedName(const char* sql) {
    auto found = m_prepared.find(sql);
    if (found != m_prepared.end()) return found->second;
    auto name = "hub" + std::to_string(m_prepared.size());
    m_conn->prepare(name, sql);
    return m_prepared.emplace(sql, name).first->second;
}

void PgHubStore::lockFeed() { run("SELECT pg_advisory_xact_lock($1)", kFeedLock); }

void PgHubStore::inTransaction(const std::function<void()>& work) {
    if (m_tx) {
        work();  // already inside the caller's transaction: its writes commit with it
        return;
    }
    inStep([&] {
        // Taken first: the batch reads the records and the applied ops other processes committed before it, as
        // SQLite's single writer would, and draws its server_seq values after them.
        lockFeed();
        work();
    });
}

void PgHubStore::beginReadSnapshot() {
    if (m_tx) return;  // inside a transaction: its view already
    m_snapshot = std::make_unique<pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::read_only>>(*m_conn);
    m_tx = m_snapshot.get();
    // A pull's feed queries are prepared once, and after five runs PostgreSQL may keep a plan made without the
    // values: one that walks the whole feed from the cursor by server_seq (22 ms against 0.2 ms for one structure
    // of a 62,000-change hub). Planned with their values instead, for the few statements of a pull.
    m_tx->exec("SET LOCAL plan_cache_mode = force_custom_plan");
}

void PgHubStore::endReadSnapshot() {
    if (!m_snapshot) return;
    m_tx = nullptr;
    try {
        m_snapshot->abort();  // it read only: nothing to keep
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: ending a read snapshot: %s\n", e.what());
    }
    m_snapshot.reset();
}

bool PgHubStore::saveUser(const UserAccount& user) {
    return inStep([&] {
        auto before = findUser(user.login);
        bool cut = before && (before->passwordHash != user.passwordHash || before->role != user.role ||
                              before->structure != user.structure);
        // A territory given with the user (re)assigns the structure; none keeps what the structure had.
        run("INSERT INTO structures (name, territory) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET "
            "territory = CASE WHEN excluded.territory = '' THEN structures.territory ELSE excluded.territory END",
            user.structure, user.territory);
        run("INSERT INTO users (login, password_hash, role, structure, created_at) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, "
            "structure = excluded.structure",
            user.login, user.passwordHash, user.role, user.structure, core::nowUtc());
        // A new password or scope must not leave a laptop working on what the old one granted.
        if (cut) run("UPDATE devices SET token_hash = NULL, next_token_hash = NULL WHERE login = $1", user.login);
        return cut;
    });
}

std::optional<UserAccount> PgHubStore::findUser(const std::string& login) {
    return inStep([&]() -> std::optional<UserAccount> {
        auto rows = run("SELECT u.login, u.password_hash, u.role, u.structure, s.territory, u.disabled FROM users u "
                        "JOIN structures s ON s.name = u.structure WHERE u.login = $1",
                        login);
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        return UserAccount{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<int>() != 0};
    });
}

bool PgHubStore::setUserDisabled(const std::string& login, bool disabled) {
    return inStep([&] {
        return run("UPDATE users SET disabled = $1 WHERE login = $2", disabled ? 1 : 0, login).affected_rows() > 0;
    });
}

bool PgHubStore::removeUser(const std::string& login) {
    return inStep([&] {
        run("DELETE FROM devices WHERE login = $1 AND revoked = 0", login);
        return run("DELETE FROM users WHERE login = $1", login).affected_rows() > 0;
    });
}

std::vector<UserListing> PgHubStore::listUsers() {
    return inStep([&] {
        std::vector<UserListing> out;
        for (const auto& r : run("SELECT u.login, u.role, u.structure, u.disabled, "
                                 "(SELECT count(*) FROM devices d WHERE d.login = u.login) FROM users u ORDER BY u.login"))
            out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<int>() != 0,
                           r[4].as<int>()});
        return out;
    });
}

std::vector<std::string> PgHubStore::structuresOfTerritory(const std::string& territory) {
    std::vector<std::string> out;
    if (territory.empty()) return out;
    return inStep([&] {
        for (const auto& r : run("SELECT name FROM structures WHERE territory = $1 ORDER BY name", territory))
            out.push_back(r[0].as<std::string>());
        return out;
    });
}

void PgHubStore::saveDevice(const std::string& deviceId, const std::string& login, const std::string& tokenHash,
                            std::int64_t issuedAt, std::int64_t expiresAt) {
    inStep([&] {
        run("INSERT INTO devices (device_id, login, token_hash, token_issued_at, token_expires_at, enrolled_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (device_id) DO UPDATE SET login = excluded.login, "
            "token_hash = excluded.token_hash, token_issued_at = excluded.token_issued_at, "
            "token_expires_at = excluded.token_expires_at, next_token_hash = NULL, next_issued_at = 0, "
            "enrolled_at = excluded.enrolled_at",
            deviceId, login, tokenHash, issuedAt, expiresAt, core::nowUtc());
    });
}

std::optional<DeviceEntry> PgHubStore::findDevice(const std::string& deviceId) {
    return inStep([&]() -> std::optional<DeviceEntry> {
        auto rows = run(kFindDevice, deviceId);
        if (rows.empty()) return std::nullopt;
        return readDevice(rows[0]);
    });
}

std::vector<DeviceEntry> PgHubStore::listDevices(const std::string& login) {
    return inStep([&] {
        std::vector<DeviceEntry> out;
        for (const auto& r : run(kListDevices, login)) out.push_back(readDevice(r));
        return out;
    });
}

std::optional<TokenMatch> PgHubStore::findToken(const std::string& tokenHash) {
    return inStep([&]() -> std::optional<TokenMatch> {
        auto rows = run(kFindToken, tokenHash);
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        TokenMatch m;
        m.device = readDevice(r);
        m.user = UserAccount{m.device.login, r[10].as<std::string>(), r[11].as<std::string>(), r[12].as<std::string>(),
                             r[13].as<std::string>(), r[14].as<int>() != 0};
        m.isNextToken = r[15].as<bool>();
        return m;
    });
}

void PgHubStore::setNextToken(const std::string& deviceId, const std::string& tokenHash, std::int64_t issuedAt) {
    inStep([&] {
        run("UPDATE devices SET next_token_hash = $1, next_issued_at = $2 WHERE device_id = $3", tokenHash, issuedAt,
            deviceId);
    });
}

void PgHubStore::promoteNextToken(const std::string& deviceId, std::int64_t expiresAt) {
    inStep([&] {
        run("UPDATE devices SET token_hash = next_token_hash, token_issued_at = next_issued_at, "
            "token_expires_at = $1, next_token_hash = NULL, next_issued_at = 0 "
            "WHERE device_id = $2 AND next_token_hash IS NOT NULL",
            expiresAt, deviceId);
    });
}

void PgHubStore::touchDevice(const std::string& deviceId, const std::string& seenAtIso) {
    inStep([&] { run("UPDATE devices SET last_seen_at = $1 WHERE device_id = $2", seenAtIso, deviceId); });
}

bool PgHubStore::revokeDevice(const std::string& deviceId) {
    return inStep([&] {
        return run("UPDATE devices SET revoked = 1, token_hash = NULL, next_token_hash = NULL WHERE device_id = $1",
                   deviceId)
                   .affected_rows() > 0;
    });
}

bool PgHubStore::admitDevice(const std::string& deviceId) {
    return inStep([&] { return run("UPDATE devices SET revoked = 0 WHERE device_id = $1", deviceId).affected_rows() > 0; });
}

std::optional<AppliedOp> PgHubStore::findAppliedOp(const std::string& opId) {
    return inStep([&]() -> std::optional<AppliedOp> {
        auto rows = run("SELECT fingerprint, result FROM applied_ops WHERE op_id = $1", opId);
        if (rows.empty()) return std::nullopt;
        return AppliedOp{rows[0][0].as<std::string>(), json::parse(rows[0][1].as<std::string>())};
    });
}

void PgHubStore::saveAppliedOp(const std::string& opId, const std::string& deviceId, const AppliedOp& applied) {
    inStep([&] {
        run("INSERT INTO applied_ops (op_id, device_id, fingerprint, result, applied_at) VALUES ($1, $2, $3, $4, $5)",
            opId, deviceId, applied.fingerprint, applied.result.dump(), core::nowUtc());
    });
}

std::optional<StoredRecord> PgHubStore::findRecord(const std::string& entity, const std::string& recordId) {
    return inStep([&]() -> std::optional<StoredRecord> {
        auto rows = run(MEDIANE_PG_SELECT_RECORD "WHERE entity = $1 AND record_id = $2", entity, recordId);
        if (rows.empty()) return std::nullopt;
        return readRecord(rows[0]);
    });
}

bool PgHubStore::isDeleted(const std::string& entity, const std::string& recordId) {
    return inStep([&] {
        auto rows = run("SELECT deleted FROM records WHERE entity = $1 AND record_id = $2", entity, recordId);
        return !rows.empty() && rows[0][0].as<int>() != 0;
    });
}

std::int64_t PgHubStore::writeRecord(const StoredRecord& r, const std::string& op, const std::string& opId,
                                     const std::string& deviceId) {
    return inStep([&] {
        lockFeed();
        const auto fields = r.fields.dump();
        const int deleted = r.deleted ? 1 : 0;
        run("INSERT INTO records (entity, record_id, version, fields, field_versions, structure, deleted) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (entity, record_id) DO UPDATE SET version = excluded.version, "
            "fields = excluded.fields, field_versions = excluded.field_versions, structure = excluded.structure, "
            "deleted = excluded.deleted",
            r.entity, r.recordId, r.version, fields, r.fieldVersions.dump(), r.structure, deleted);
        const auto seq = run("INSERT INTO changes (entity, record_id, version, op, fields, deleted, structure, op_id, "
                             "device_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING server_seq",
                             r.entity, r.recordId, r.version, op, fields, deleted, r.structure, opId, deviceId,
                             core::nowUtc())[0][0]
                             .as<std::int64_t>();
        linkCheques(r, seq);
        return seq;
    });
}

std::vector<StoredRecord> PgHubStore::liveRecords(const std::string& entity) {
    return inStep([&] {
        return readRecords(run(MEDIANE_PG_SELECT_RECORD "WHERE entity = $1 AND deleted = 0 ORDER BY record_id", entity));
    });
}

std::vector<StoredRecord> PgHubStore::chequeRedemptions(const std::string& chequeId, std::int64_t number) {
    // An event from before numbers travelled (number 0) is found by its cheque id. SQLite orders a missing date first.
    return inStep([&] {
        return readRecords(run(MEDIANE_PG_SELECT_RECORD
                               "WHERE entity = 'cheque_event' AND deleted = 0 AND fields ->> 'kind' IN ('redeemed', 'cancelled') "
                               "AND (fields ->> 'cheque_id' = $1 OR ($2::bigint > 0 AND json_num(fields, 'number') = $2::bigint)) "
                               "ORDER BY fields ->> 'on_date' NULLS FIRST, record_id",
                               chequeId, number));
    });
}

std::vector<StoredRecord> PgHubStore::bookletsOverlapping(std::int64_t first, std::int64_t last) {
    return inStep([&] {
        return readRecords(run(MEDIANE_PG_SELECT_RECORD
                               "WHERE entity = 'pass_booklet' AND deleted = 0 AND json_num(fields, 'first_number') BETWEEN "
                               "$1::bigint - (SELECT value::bigint FROM meta WHERE key = 'booklet_span') AND $2::bigint "
                               "AND json_num(fields, 'last_number') >= $1::bigint ORDER BY record_id",
                               first, last));
    });
}

std::optional<StoredRecord> PgHubStore::bookletCovering(std::int64_t number) {
    return inStep([&]() -> std::optional<StoredRecord> {
        auto rows = run(MEDIANE_PG_SELECT_RECORD
                        "WHERE entity = 'pass_booklet' AND deleted = 0 AND json_num(fields, 'first_number') <= $1::bigint "
                        "AND json_num(fields, 'last_number') >= $1::bigint ORDER BY record_id LIMIT 1",
                        number);
        if (rows.empty()) return std::nullopt;
        return readRecord(rows[0]);
    });
}

std::int64_t PgHubStore::addConflict(const ConflictEntry& c) {
    return inStep([&] {
        return run("INSERT INTO conflicts (kind, entity, record_id, op_id, device_id, structure, details, created_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                   c.kind, c.entity, c.recordId, c.opId, c.deviceId, c.structure, c.details.dump(), core::nowUtc())[0][0]
            .as<std::int64_t>();
    });
}

void PgHubStore::markHeldByAuthor(std::int64_t serverSeq) {
    inStep([&] { run("UPDATE changes SET held_by_author = 1 WHERE server_seq = $1", serverSeq); });
}

std::int64_t PgHubStore::lastServerSeq() {
    // The highest committed server_seq this transaction sees, or the prune horizon if that row is gone: never a
    // value another process drew and has not committed, which a cursor set to it would skip.
    return inStep([&] {
        return run("SELECT greatest(coalesce((SELECT max(server_seq) FROM changes), 0), "
                   "coalesce((SELECT value::bigint FROM meta WHERE key = 'pruned_below'), 0), "
                   "coalesce((SELECT value::bigint FROM meta WHERE key = 'last_server_seq'), 0))")[0][0]
            .as<std::int64_t>();
    });
}

std::vector<sync::Change> PgHubStore::changesSince(std::int64_t since, int limit, const Scope& scope,
                                                  const HeldByPuller& held) {
    return inStep([&] {
        auto own = readChanges(kOwnChanges, since, std::numeric_limits<std::int64_t>::max(), limit, scope, held);
        if (!held.linkedCheques || scope.everything || scope.structures.empty()) return own;
        // Within the same stretch of the feed as this page, as SqliteHubStore::changesSince explains.
        const auto upTo = static_cast<int>(own.size()) == limit ? own.back().serverSeq
                                                                : std::numeric_limits<std::int64_t>::max();
        auto linked = readChanges(kLinkedCheques, since, upTo, limit, scope, {});
        if (linked.empty()) return own;
        std::vector<sync::Change> merged;
        merged.reserve(own.size() + linked.size());
        std::merge(std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()),
                   std::make_move_iterator(linked.begin()), std::make_move_iterator(linked.end()),
                   std::back_inserter(merged),
                   [](const sync::Change& a, const sync::Change& b) { return a.serverSeq < b.serverSeq; });
        if (static_cast<int>(merged.size()) > limit) merged.resize(static_cast<std::size_t>(limit));
        return merged;
    });
}

std::vector<sync::Change> PgHubStore::readChanges(const char* sql, std::int64_t since, std::int64_t upTo, int limit,
                                                  const Scope& scope, const HeldByPuller& held) {
    const bool skipsHeld = held.through > 0 && !held.deviceId.empty();
    auto rows = run(sql, since, upTo, scope.everything, pgTextArray(scope.structures), skipsHeld, held.deviceId,
                    held.through, std::int64_t{limit});
    std::vector<sync::Change> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        sync::Change c;
        c.serverSeq = r[0].as<std::int64_t>();
        c.entity = r[1].as<std::string>();
        c.recordId = r[2].as<std::string>();
        c.version = r[3].as<std::int64_t>();
        c.op = r[4].as<std::string>();
        c.deleted = r[6].as<int>() != 0;
        c.held = skipsHeld && c.serverSeq <= held.through && r[8].as<int>() != 0 &&
                 r[9].as<std::string>() == held.deviceId;
        if (c.held) {
            out.push_back(std::move(c));  // a marker: the caller holds the fields already
            continue;
        }
        c.fields = json::parse(r[5].as<std::string>());
        if (c.entity == "cheque_event") showChequeEventTo(scope, r[10].as<std::string>(), c.fields);
        if (!r[7].is_null()) c.author = authorOfChange(r[7].as<std::string>());
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<ConflictEntry> PgHubStore::conflicts(std::int64_t afterId, int limit, const Scope& scope) {
    // A cheque's owner sees an over-redemption of it even when another structure redeemed it last, and so does
    // every structure that redeemed or cancelled it before (details.structures).
    return inStep([&] {
        std::vector<ConflictEntry> out;
        for (const auto& r :
             run("SELECT id, kind, entity, record_id, op_id, device_id, structure, details, created_at FROM conflicts c "
                 "WHERE id > $1 AND resolved_at = '' AND ($2 OR structure = '' OR structure = ANY($3::text[]) "
                 "OR details ->> 'owner_structure' = ANY($3::text[]) OR EXISTS (SELECT 1 FROM jsonb_array_elements_text("
                 "CASE WHEN jsonb_typeof(details -> 'structures') = 'array' THEN details -> 'structures' "
                 "ELSE '[]'::jsonb END) j WHERE j = ANY($3::text[]))) ORDER BY id LIMIT $4",
                 afterId, scope.everything, pgTextArray(scope.structures), std::int64_t{limit}))
            out.push_back(readConflict(r));
        return out;
    });
}

std::optional<ConflictEntry> PgHubStore::findConflict(std::int64_t id) {
    return inStep([&]() -> std::optional<ConflictEntry> {
        auto rows = run("SELECT id, kind, entity, record_id, op_id, device_id, structure, details, created_at, "
                        "resolved_at FROM conflicts WHERE id = $1",
                        id);
        if (rows.empty()) return std::nullopt;
        return readConflict(rows[0]);
    });
}

void PgHubStore::markConflictResolved(std::int64_t id, const std::string& resolvedAt) {
    inStep([&] { run("UPDATE conflicts SET resolved_at = $1 WHERE id = $2", resolvedAt, id); });
}

void PgHubStore::rewriteStoredFields(const std::string& entity, const std::string& recordId,
                                     const std::function<void(json& fields)>& edit) {
    inStep([&] {
        for (const auto& r : run("SELECT server_seq, fields FROM changes WHERE entity = $1 AND record_id = $2", entity,
                                 recordId)) {
            auto fields = json::parse(r[1].as<std::string>());
            edit(fields);
            run("UPDATE changes SET fields = $1 WHERE server_seq = $2", fields.dump(), r[0].as<std::int64_t>());
        }
        if (auto record = findRecord(entity, recordId)) {
            edit(record->fields);
            run("UPDATE records SET fields = $1 WHERE entity = $2 AND record_id = $3", record->fields.dump(), entity,
                recordId);
        }
    });
}

void PgHubStore::dropChangeRows(const std::string& entity, const std::string& recordId) {
    inStep([&] {
        // The highest server_seq given stays known (lastServerSeq) when the dropped row was the feed's last.
        lockFeed();
        run("INSERT INTO meta (key, value) SELECT 'last_server_seq', max(server_seq)::text FROM changes "
            "WHERE entity = $1 AND record_id = $2 HAVING max(server_seq) IS NOT NULL "
            "ON CONFLICT (key) DO UPDATE SET value = greatest(meta.value::bigint, excluded.value::bigint)::text",
            entity, recordId);
        run("DELETE FROM changes WHERE entity = $1 AND record_id = $2", entity, recordId);
    });
}

int PgHubStore::publishedVocabularyVersion() {
    return inStep([&] { return run("SELECT coalesce(max(version), 0) FROM published_vocabularies")[0][0].as<int>(); });
}

std::vector<PublishedVocabularies> PgHubStore::publishedVocabularies() {
    return inStep([&] {
        std::vector<PublishedVocabularies> out;
        for (const auto& r :
             run("SELECT version, document, retired, published_at FROM published_vocabularies ORDER BY version"))
            out.push_back({r[0].as<int>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>()});
        return out;
    });
}

void PgHubStore::savePublishedVocabularies(const PublishedVocabularies& p) {
    inStep([&] {
        run("INSERT INTO published_vocabularies (version, document, retired, published_at) VALUES ($1, $2, $3, $4)",
            p.version, p.document, p.retired, p.publishedAt.empty() ? core::nowUtc() : p.publishedAt);
    });
}

void PgHubStore::reportUnmapped(const UnmappedCode& c) {
    inStep([&] {
        run("INSERT INTO vocabulary_upgrade_report (entity, record_id, field, old_code, source, reported_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            c.entity, c.recordId, c.field, c.oldCode, c.source, c.reportedAt.empty() ? core::nowUtc() : c.reportedAt);
    });
}

std::vector<UnmappedCode> PgHubStore::unmappedCodes() {
    return inStep([&] {
        std::vector<UnmappedCode> out;
        for (const auto& r : run("SELECT entity, record_id, field, old_code, source, reported_at FROM "
                                 "vocabulary_upgrade_report ORDER BY field, old_code, entity, record_id"))
            out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()});
        return out;
    });
}

}  // namespace mediane::hub
