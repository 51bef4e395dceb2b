#include "sync/hub/pg_hub_migration.hpp"

#include <optional>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "core/error.hpp"
#include "sync/hub/hub_database.hpp"
#include "sync/hub/pg_hub_store.hpp"
#include "sync/hub/sqlite_hub_store.hpp"

namespace mediane::hub {

namespace {

struct Column {
    const char* name;
    bool json = false;  // jsonb on PostgreSQL: compared as a JSON value, its spacing and key order aside
};

struct Table {
    const char* name;
    std::vector<Column> columns;
    const char* order;       // the primary key: both sides are read back in this order
    const char* identity;    // the column a sequence numbers, "" for none
};

// Hub schema 9, parents before children (users name their structure).
const std::vector<Table>& tables() {
    static const std::vector<Table> all = {
        {"structures", {{"name"}, {"territory"}}, "name", ""},
        {"users", {{"login"}, {"password_hash"}, {"role"}, {"structure"}, {"created_at"}, {"disabled"}}, "login", ""},
        {"devices",
         {{"device_id"}, {"login"}, {"token_hash"}, {"token_issued_at"}, {"token_expires_at"}, {"next_token_hash"},
          {"next_issued_at"}, {"enrolled_at"}, {"last_seen_at"}, {"revoked"}, {"pulled_through"}},
         "device_id", ""},
        {"records",
         {{"entity"}, {"record_id"}, {"version"}, {"fields", true}, {"field_versions", true}, {"structure"}, {"deleted"}},
         "entity, record_id", ""},
        {"changes",
         {{"server_seq"}, {"entity"}, {"record_id"}, {"version"}, {"op"}, {"fields", true}, {"deleted"}, {"structure"},
          {"op_id"}, {"device_id"}, {"created_at"}, {"held_by_author"}},
         "server_seq", "server_seq"},
        {"cheque_links", {{"structure"}, {"server_seq"}}, "structure, server_seq", ""},
        {"applied_ops", {{"op_id"}, {"device_id"}, {"fingerprint"}, {"result"}, {"applied_at"}}, "op_id", ""},
        {"conflicts",
         {{"id"}, {"kind"}, {"entity"}, {"record_id"}, {"op_id"}, {"device_id"}, {"structure"}, {"details", true},
          {"created_at"}, {"resolved_at"}},
         "id", "id"},
        {"meta", {{"key"}, {"value"}}, "key", ""},
        {"vocabulary_upgrade_report",
         {{"entity"}, {"record_id"}, {"field"}, {"old_code"}, {"source"}, {"reported_at"}},
         "entity, record_id, field, old_code", ""},
        {"published_vocabularies", {{"version"}, {"document"}, {"retired"}, {"published_at"}}, "version", ""},
        {"record_history",
         {{"id"}, {"entity"}, {"record_id"}, {"op"}, {"fields"}, {"login"}, {"device_id"}, {"at"}, {"server_seq"}},
         "id", "id"},
        {"retention", {{"structure"}, {"months"}}, "structure", ""},
        {"privacy_audit",
         {{"id"}, {"at"}, {"action"}, {"entity"}, {"record_id"}, {"login"}, {"device_id"}, {"structure"}, {"note"}},
         "id", "id"},
    };
    return all;
}

using Row = std::vector<std::optional<std::string>>;

std::string columnList(const Table& t) {
    std::string out;
    for (const auto& c : t.columns) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

std::string selectSql(const Table& t) {
    return "SELECT " + columnList(t) + " FROM " + t.name + " ORDER BY " + t.order;
}

// One table's rows as a running hash: each value framed by its length, NULL apart from "", JSON canonical.
class TableDigest {
public:
    explicit TableDigest(const Table& table) : m_table(table) { crypto_generichash_init(&m_state, nullptr, 0, 32); }
    void add(const Row& row) {
        ++m_rows;
        for (std::size_t i = 0; i < row.size(); ++i) {
            std::string value;
            if (!row[i]) value = "N";
            else if (m_table.columns[i].json) value = "J" + nlohmann::json::parse(*row[i]).dump();
            else value = "T" + *row[i];
            auto size = std::to_string(value.size()) + ":";
            crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char*>(size.data()), size.size());
            crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
        }
    }
    CopiedTable finish() {
        unsigned char out[32];
        crypto_generichash_final(&m_state, out, sizeof out);
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, out, sizeof out);
        return {m_table.name, m_rows, hex};
    }

private:
    const Table& m_table;
    crypto_generichash_state m_state{};
    std::int64_t m_rows = 0;
};

Error mismatch(const std::string& table, const std::string& detail) {
    return Error(Error::Kind::Storage, "err.hub.migrate_mismatch", {{"table", table}, {"detail", detail}});
}
}  // namespace

HubMigrationReport migrateSqliteHub(const std::string& sqlitePath, PgHubStore& target) {
    { SqliteHubStore upgrade(sqlitePath); }  // the current schema, as a hub starting on the file would make it
    HubDatabase source(sqlitePath);
    pqxx::work tx(target.connection());

    for (const auto& t : tables()) {
        auto rows = tx.exec("SELECT count(*) FROM " + std::string(t.name))[0][0].as<std::int64_t>();
        if (rows > 0)
            throw Error(Error::Kind::Validation, "err.hub.migrate_target_not_empty",
                        {{"table", t.name}, {"rows", std::to_string(rows)}});
    }

    HubMigrationReport report;
    for (const auto& t : tables()) {
        std::string placeholders;
        for (std::size_t i = 0; i < t.columns.size(); ++i) placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
        const std::string insertName = std::string("migrate_") + t.name;
        target.connection().prepare(insertName, "INSERT INTO " + std::string(t.name) + " (" + columnList(t) +
                                                    ") VALUES (" + placeholders + ")");
        TableDigest copied(t);
        auto st = source.prepare(selectSql(t));
        while (st.step()) {
            Row row;
            for (int i = 0; i < static_cast<int>(t.columns.size()); ++i)
                row.push_back(st.columnIsNull(i) ? std::nullopt : std::optional<std::string>(st.columnText(i)));
            tx.exec_prepared(insertName, pqxx::prepare::make_dynamic_params(row));
            copied.add(row);
        }
        // Read back from PostgreSQL, as a hub would read it.
        TableDigest stored(t);
        for (const auto& r : tx.exec(selectSql(t))) {
            Row row;
            for (const auto& field : r) row.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
            stored.add(row);
        }
        auto from = copied.finish();
        auto to = stored.finish();
        if (from.rows != to.rows)
            throw mismatch(t.name, std::to_string(from.rows) + " rows read, " + std::to_string(to.rows) + " stored");
        if (from.checksum != to.checksum) throw mismatch(t.name, "checksum " + from.checksum + " != " + to.checksum);
        if (*t.identity)
            tx.exec("SELECT setval(pg_get_serial_sequence('" + std::string(t.name) + "', '" + t.identity + "'), "
                    "coalesce((SELECT max(" + t.identity + ") FROM " + t.name + "), 0) + 1, false)");
        report.tables.push_back(from);
    }

    // The feed's numbering continues after the highest server_seq the SQLite hub ever gave (its row may be pruned):
    // a laptop's cursor or held-through mark never points past a number the new hub gives again.
    report.lastServerSeq = source.scalarInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)");
    tx.exec_params("SELECT setval(pg_get_serial_sequence('changes', 'server_seq'), greatest($1::bigint, "
                   "coalesce((SELECT max(server_seq) FROM changes), 0)) + 1, false)",
                   report.lastServerSeq);
    tx.exec_params("INSERT INTO meta (key, value) VALUES ('last_server_seq', $1) ON CONFLICT (key) DO UPDATE SET "
                   "value = greatest(meta.value::bigint, excluded.value::bigint)::text",
                   std::to_string(report.lastServerSeq));
    tx.commit();
    return report;
}

}  // namespace mediane::hub
