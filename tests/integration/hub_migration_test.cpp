// Schema migration: a hub file written by the version-1 hub opens in place, with its accounts, devices and data.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "hub_fixture.hpp"
#include "raw_http.hpp"
#include "sync/hub/credentials.hpp"

using namespace mediane::test;

namespace {
// The version-1 hub's tables as it created them (the parts this test fills).
constexpr const char* kV1Schema = R"SQL(
CREATE TABLE structures (name TEXT PRIMARY KEY, territory TEXT NOT NULL DEFAULT '');
CREATE TABLE users (login TEXT PRIMARY KEY, password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('adviser', 'coordinator', 'admin')),
  structure TEXT NOT NULL REFERENCES structures(name), created_at TEXT NOT NULL);
CREATE TABLE devices (device_id TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES users(login),
  token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE records (entity TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL, fields TEXT NOT NULL,
  field_versions TEXT NOT NULL, structure TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, record_id)) WITHOUT ROWID;
CREATE INDEX records_by_cheque ON records(json_extract(fields, '$.cheque_id')) WHERE entity = 'cheque_event';
CREATE TABLE changes (server_seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, record_id TEXT NOT NULL,
  version INTEGER NOT NULL, op TEXT NOT NULL, fields TEXT NOT NULL, deleted INTEGER NOT NULL, structure TEXT NOT NULL,
  op_id TEXT NOT NULL, device_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX changes_by_structure ON changes(structure, server_seq);
CREATE INDEX changes_by_record ON changes(entity, record_id, server_seq);
CREATE TABLE applied_ops (op_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
  result TEXT NOT NULL, applied_at TEXT NOT NULL);
CREATE TABLE conflicts (id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'over_redemption', 'update_after_delete', 'place_proposal')),
  entity TEXT NOT NULL, record_id TEXT NOT NULL, op_id TEXT NOT NULL, device_id TEXT NOT NULL, structure TEXT NOT NULL,
  details TEXT NOT NULL, created_at TEXT NOT NULL, resolved_at TEXT NOT NULL DEFAULT '');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = 1;
)SQL";

void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "?";
        sqlite3_free(message);
        FAIL(text);
    }
}

std::string quote(const std::string& s) {
    std::string out(1, '\'');
    out += s;
    out += '\'';
    return out;
}
}  // namespace

TEST_CASE("a version-1 hub file is migrated in place and its accounts, tokens and records survive", "[hub][migration][sqlite-only]") {
    TempDir dir;
    mediane::hub::initCrypto();
    const std::string aliceToken(64, 'b'), revokedToken(64, 'c');
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir.str() + "/hub.sqlite3").c_str(), &db) == SQLITE_OK);
        exec(db, kV1Schema);
        exec(db, "INSERT INTO structures VALUES ('s1', 't1')");
        exec(db, "INSERT INTO users VALUES ('alice', " + quote(mediane::hub::hashPassword(HubFixture::kPassword)) +
                     ", 'adviser', 's1', '2025-01-01T00:00:00Z')");
        exec(db, "INSERT INTO devices VALUES ('laptop-1', 'alice', " + quote(mediane::hub::tokenHash(aliceToken)) +
                     ", '2025-01-02T00:00:00Z', 0)");
        exec(db, "INSERT INTO devices VALUES ('laptop-old', 'alice', " + quote(mediane::hub::tokenHash(revokedToken)) +
                     ", '2025-01-02T00:00:00Z', 1)");
        exec(db, R"(INSERT INTO records VALUES ('learner', 'L1', 1, '{"pseudonym":"Ana"}', '{"pseudonym":1}', 's1', 0))");
        exec(db, R"(INSERT INTO changes (entity, record_id, version, op, fields, deleted, structure, op_id, device_id,
                    created_at) VALUES ('learner', 'L1', 1, 'create', '{"pseudonym":"Ana"}', 0, 's1', 'op-1',
                    'laptop-1', '2025-01-03T00:00:00Z'))");
        sqlite3_close(db);
    }

    HubProcess hub(dir.str());
    HttpClient alice(hub.url());
    alice.setToken(aliceToken);
    auto changes = pullAll(alice);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0]["fields"]["pseudonym"] == "Ana");
    HttpClient old(hub.url());
    old.setToken(revokedToken);
    CHECK(old.get("/v1/pull?since=0").status == 401);
    // The revoked laptop stays revoked after the migration.
    CHECK(enrollRaw(hub.url(), "alice", HubFixture::kPassword, "laptop-old").status == 403);

    auto devices = nlohmann::json::parse(hubToolOutput({"--data", dir.str(), "device", "list"}));
    REQUIRE(devices.size() == 2);
    CHECK(devices[0]["device"] == "laptop-1");
    CHECK(devices[0]["enrolled"] == "2025-01-02T00:00:00Z");
    CHECK(!devices[0]["expires"].get<std::string>().empty());
    CHECK(devices[1]["revoked"] == true);
    auto users = nlohmann::json::parse(hubToolOutput({"--data", dir.str(), "user", "list"}));
    REQUIRE(users.size() == 1);
    CHECK(users[0]["disabled"] == false);

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir.str() + "/hub.sqlite3").c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    // Through every migration: the vocabularies (3), the history of corrections (4), erasure and audit (5).
    CHECK(sqlite3_column_int(st, 0) >= 5);
    sqlite3_finalize(st);
    sqlite3_close(db);
}
