// SqliteHubStore: the history of corrections (hub schema 4). Which fields changed and who changed them, never
// the values: docs/privacy.md.
#include "sync/hub/sqlite_hub_store.hpp"

#include "core/calendar.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

constexpr const char* kSchemaV4 = R"SQL(
CREATE TABLE record_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL,
  fields TEXT NOT NULL,
  login TEXT NOT NULL,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL,
  server_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX record_history_by_record ON record_history(entity, record_id, id);
CREATE INDEX record_history_by_time ON record_history(at);
)SQL";

constexpr const char* kSelect =
    "SELECT id, entity, record_id, op, fields, login, device_id, at, server_seq FROM record_history ";

RecordChangeEntry readChange(const sql::Statement& st) {
    RecordChangeEntry e;
    e.id = st.columnInt(0);
    e.entity = st.columnText(1);
    e.recordId = st.columnText(2);
    e.op = st.columnText(3);
    auto names = json::parse(st.columnText(4), nullptr, false);
    if (names.is_array())
        for (const auto& n : names)
            if (n.is_string()) e.fields.push_back(n.get<std::string>());
    e.login = st.columnText(5);
    e.deviceId = st.columnText(6);
    e.at = st.columnText(7);
    e.serverSeq = st.columnInt(8);
    return e;
}
}  // namespace

// Independent of later hub migrations: it only adds its own table.
void SqliteHubStore::migrateRecordHistory() {
    sql::Transaction tx(m_db);
    m_db.exec(kSchemaV4);
    m_db.exec("PRAGMA user_version = 4");
    tx.commit();
}

void SqliteHubStore::addRecordChange(const RecordChangeEntry& c) {
    json names = json::array();
    for (const auto& f : c.fields) names.push_back(f);
    m_db.prepare("INSERT INTO record_history (entity, record_id, op, fields, login, device_id, at, server_seq) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.entity).bind(2, c.recordId).bind(3, c.op).bind(4, names.dump()).bind(5, c.login)
        .bind(6, c.deviceId).bind(7, c.at.empty() ? core::nowUtc() : c.at).bind(8, c.serverSeq)
        .run();
}

std::vector<RecordChangeEntry> SqliteHubStore::recordChanges(const std::string& entity, const std::string& recordId) {
    auto st = m_db.prepare(std::string(kSelect) + "WHERE entity = ? AND record_id = ? ORDER BY id");
    st.bind(1, entity).bind(2, recordId);
    std::vector<RecordChangeEntry> out;
    while (st.step()) out.push_back(readChange(st));
    return out;
}

std::vector<RecordChangeEntry> SqliteHubStore::recordChangesSince(const std::string& sinceIso, int limit) {
    auto st = m_db.prepare(std::string(kSelect) + "WHERE at >= ? ORDER BY id LIMIT ?");
    st.bind(1, sinceIso).bind(2, std::int64_t{limit});
    std::vector<RecordChangeEntry> out;
    while (st.step()) out.push_back(readChange(st));
    return out;
}

}  // namespace mediane::hub
