// SqliteHubStore: which structures' pulls an event on a cheque reaches besides its own (hub schema 9).
#include "sync/hub/sqlite_hub_store.hpp"

#include "sync/protocol/json_fields.hpp"

namespace mediane::hub {

namespace {
// A pull used to find the other structures' events on its cheques by reading every change of the network since
// its cursor: with a whole fleet pulling after a morning's pushes, each pull read everyone's morning. The links
// are kept as the events and booklets arrive instead, and a pull reads its own. They are a superset of what the
// pull's filter admits (linkedChequesFilter still decides), never a narrower one: a link is added whenever the
// filter could start to admit a row.
constexpr const char* kMigrationV9 = R"SQL(
CREATE TABLE cheque_links (
  structure TEXT NOT NULL,
  server_seq INTEGER NOT NULL,
  PRIMARY KEY (structure, server_seq)
) WITHOUT ROWID;
CREATE INDEX changes_by_cheque_number ON changes(json_extract(fields, '$.number')) WHERE entity = 'cheque_event';
CREATE INDEX records_booklets_by_first_number ON records(json_extract(fields, '$.first_number'))
  WHERE entity = 'pass_booklet';
INSERT OR IGNORE INTO cheque_links (structure, server_seq)
  SELECT r.structure, c.server_seq FROM changes c JOIN records r
    ON r.entity = 'cheque_event' AND json_extract(r.fields, '$.number') = json_extract(c.fields, '$.number')
   AND r.structure NOT IN ('', c.structure)
  WHERE c.entity = 'cheque_event' AND json_extract(c.fields, '$.number') > 0;
INSERT OR IGNORE INTO cheque_links (structure, server_seq)
  SELECT b.structure, c.server_seq FROM changes c JOIN records b
    ON b.entity = 'pass_booklet' AND b.deleted = 0
   AND json_extract(b.fields, '$.first_number') <= json_extract(c.fields, '$.number')
   AND json_extract(b.fields, '$.last_number') >= json_extract(c.fields, '$.number')
   AND b.structure NOT IN ('', c.structure)
  WHERE c.entity = 'cheque_event' AND json_extract(c.fields, '$.number') > 0;
INSERT OR REPLACE INTO meta (key, value)
  SELECT 'booklet_span', CAST(max(json_extract(fields, '$.last_number') - json_extract(fields, '$.first_number'))
                              AS TEXT)
  FROM records WHERE entity = 'pass_booklet' AND deleted = 0 HAVING count(*) > 0;
)SQL";

}  // namespace

void SqliteHubStore::migrateChequeLinks() {
    if (schemaVersion() >= 9) return;
    sql::Transaction tx(m_db);
    m_db.exec(kMigrationV9);
    m_db.exec("PRAGMA user_version = 9");
    tx.commit();
}

void SqliteHubStore::linkCheques(const StoredRecord& r, std::int64_t serverSeq) {
    if (r.structure.empty() || r.deleted) return;
    if (r.entity == "cheque_event") {
        const auto number = sync::storedInteger(r.fields, "number");
        if (number <= 0) return;
        // The structures that already have an event on the number, or hold its booklet, get this one. Each
        // look-up names its index: SQLite's planner would otherwise walk every booklet, or every cheque event.
        // A booklet holding the number starts at most the widest booklet's span below it (meta's booklet_span,
        // kept as booklets arrive): a range of 100 numbers reads one or two booklets, not a hundred.
        m_db.prepare("INSERT OR IGNORE INTO cheque_links (structure, server_seq) "
                     "SELECT structure, ?1 FROM records WHERE entity = 'cheque_event' "
                     "AND json_extract(fields, '$.number') = ?2 AND structure NOT IN ('', ?3) "
                     "UNION SELECT structure, ?1 FROM records INDEXED BY records_booklets_by_first_number "
                     "WHERE entity = 'pass_booklet' AND deleted = 0 "
                     "AND json_extract(fields, '$.first_number') BETWEEN ?2 - "
                     "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'booklet_span') AND ?2 "
                     "AND json_extract(fields, '$.last_number') >= ?2 AND structure NOT IN ('', ?3)")
            .bind(1, serverSeq).bind(2, number).bind(3, r.structure).run();
        // And this structure, now part of the cheque, gets the other structures' earlier events on it.
        m_db.prepare("INSERT OR IGNORE INTO cheque_links (structure, server_seq) "
                     "SELECT ?1, server_seq FROM changes INDEXED BY changes_by_cheque_number "
                     "WHERE entity = 'cheque_event' AND json_extract(fields, '$.number') = ?2 "
                     "AND structure NOT IN ('', ?1)")
            .bind(1, r.structure).bind(2, number).run();
    } else if (r.entity == "pass_booklet") {
        const auto first = sync::storedInteger(r.fields, "first_number"), last = sync::storedInteger(r.fields, "last_number");
        if (first <= 0 || last < first) return;
        m_db.prepare("INSERT INTO meta (key, value) VALUES ('booklet_span', ?1) ON CONFLICT(key) DO UPDATE SET "
                     "value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)")
            .bind(1, std::to_string(last - first)).run();
        m_db.prepare("INSERT OR IGNORE INTO cheque_links (structure, server_seq) "
                     "SELECT ?1, server_seq FROM changes INDEXED BY changes_by_cheque_number "
                     "WHERE entity = 'cheque_event' AND json_extract(fields, '$.number') BETWEEN ?2 AND ?3 "
                     "AND structure NOT IN ('', ?1)")
            .bind(1, r.structure).bind(2, first).bind(3, last).run();
    }
}

}  // namespace mediane::hub
