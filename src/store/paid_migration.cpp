#include "store/paid_migration.hpp"

#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace mediane::store {

namespace {
std::string replacedAll(std::string text, const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// Why from the stored schema rather than a CREATE TABLE written here: whatever columns version 12 holds (and
// later edits of it) are carried over as they are, in their order, with their defaults.
void rebuild(Database& db, const std::string& table, const std::string& codedColumn) {
    // Each read is finished (its statement back in the cache, reset) before the table is dropped: SQLite refuses
    // to drop a table a pending statement still reads.
    std::string created;
    {
        auto schema = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
        schema.bind(1, table);
        if (!schema.step())
            throw Error(Error::Kind::Storage, "err.db_unreadable", {{"file", db.path()}, {"detail", "no table " + table}});
        created = schema.columnText(0);
    }
    const std::string rebuilt = table + "_v13";
    db.exec("CREATE TABLE " + rebuilt + " " +
            replacedAll(replacedAll(created.substr(created.find('(')), "'claimed'", "'paid'"), "claimed_on", "paid_on"));

    std::string into, from;
    {
        auto columns = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
        columns.bind(1, table);
        while (columns.step()) {
            const std::string name = columns.columnText(0);
            into += (into.empty() ? "" : ", ") + quoted(name == "claimed_on" ? "paid_on" : name);
            from += (from.empty() ? "" : ", ") +
                    (name == codedColumn
                         ? "CASE WHEN " + quoted(name) + " = 'claimed' THEN 'paid' ELSE " + quoted(name) + " END"
                         : quoted(name));
        }
    }
    db.exec("INSERT INTO " + rebuilt + " (" + into + ") SELECT " + from + " FROM " + table);

    std::vector<std::string> indexes;
    {
        auto index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL");
        index.bind(1, table);
        while (index.step()) indexes.push_back(index.columnText(0));
    }
    db.exec("DROP TABLE " + table);
    db.exec("ALTER TABLE " + rebuilt + " RENAME TO " + table);
    for (const auto& sql : indexes) db.exec(sql);
}
}  // namespace

void migrateClaimedToPaid(Database& db) {
    rebuild(db, "pass_cheques", "state");
    rebuild(db, "cheque_events", "kind");
    // The statement reads a month's redemptions; the dashboard a period's events by kind.
    db.exec("CREATE INDEX cheque_events_by_kind ON cheque_events(kind, on_date)");
}

}  // namespace mediane::store
