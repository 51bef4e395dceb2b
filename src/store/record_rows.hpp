// Reading and writing any synced record's row (and its list rows) from its wire fields, as its description says.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "store/database.hpp"

namespace mediane::sync {
struct RecordField;
}

namespace mediane::store {

struct RecordTable;
struct ListStorage;

// Where the values come from: this laptop (references must exist: the schema refuses a dangling one), or
// the hub (a reference to a record this laptop cannot see is stored as NULL and its list rows are skipped).
enum class Origin { ThisLaptop, Hub };

class RecordRows {
public:
    RecordRows(Database& db, std::string_view entity);

    // The stored columns of the kind's scalar fields, e.g. "s.date, s.duration_minutes, ...", and the
    // reader that turns them back into wire fields; for repositories that add their own columns after.
    std::string selectList(std::string_view alias) const;
    int columnCount() const { return static_cast<int>(m_columns.size()); }
    void readColumns(const Statement& st, int firstColumn, nlohmann::json& wire) const;
    // The list and derived fields of one record.
    void readLists(const std::string& id, nlohmann::json& wire);
    // Every wire field of the record, as a laptop would send it.
    std::optional<nlohmann::json> find(const std::string& id);
    bool exists(const std::string& id);

    // Inserts the record's row with every scalar field (a missing one is empty or 0), the `local` columns
    // (e.g. sync_state, created_at) and its list rows.
    void insert(const std::string& id, const nlohmann::json& wire, const nlohmann::json& local, Origin origin);
    // Sets the scalar fields present in `wire` and the `local` columns; lists are not edited in place.
    // From the hub, a reference to a record this laptop cannot see is stored as NULL, as on insert.
    void update(const std::string& id, const nlohmann::json& wire, const nlohmann::json& local,
                Origin origin = Origin::ThisLaptop);
    // Replaces the list rows of every list field present in `wire` (a corrected session's learners, themes...).
    void replaceLists(const std::string& id, const nlohmann::json& wire, Origin origin);

    const RecordTable& table() const { return m_table; }

private:
    void bindField(Statement& st, int index, const sync::RecordField& field, const nlohmann::json& value,
                   Origin origin);
    bool known(const std::string& table, const std::string& id);
    void insertList(const std::string& id, const ListStorage& list, const nlohmann::json& values, Origin origin);

    Database& m_db;
    const RecordTable& m_table;
    std::vector<const sync::RecordField*> m_columns;
};

}  // namespace mediane::store
