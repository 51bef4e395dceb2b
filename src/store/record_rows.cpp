#include "store/record_rows.hpp"

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/record_tables.hpp"

namespace mediane::store {

namespace {
using nlohmann::json;
using sync::FieldRole;
using sync::FieldType;

std::string textOf(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return {};
    return value.dump();
}

std::int64_t integerOf(const json& value) { return value.is_number_integer() ? value.get<std::int64_t>() : 0; }

void bindValue(Statement& st, int index, const json& value) {
    if (value.is_null()) st.bindNull(index);
    else if (value.is_number_integer()) st.bind(index, value.get<std::int64_t>());
    else if (value.is_number()) st.bind(index, value.get<double>());
    else st.bind(index, textOf(value));
}

const json& fieldOr(const json& wire, const std::string& key) {
    static const json null;
    auto it = wire.find(key);
    return it == wire.end() ? null : *it;
}
}  // namespace

RecordRows::RecordRows(Database& db, std::string_view entity) : m_db(db), m_table(recordTable(entity)) {
    for (const auto& f : m_table.kind->fields)
        if (m_table.isColumn(f)) m_columns.push_back(&f);
}

std::string RecordRows::selectList(std::string_view alias) const {
    std::string out;
    for (const auto* f : m_columns) {
        if (!out.empty()) out += ", ";
        out.append(alias).append(".").append(f->wire);
    }
    return out;
}

void RecordRows::readColumns(const Statement& st, int first, json& wire) const {
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        int column = first + static_cast<int>(i);
        const auto& f = *m_columns[i];
        if (f.type == FieldType::Integer) wire[f.wire] = st.columnInt(column);
        else wire[f.wire] = st.columnText(column);  // NULL (an unknown reference) reads as ""
    }
}

void RecordRows::readLists(const std::string& id, json& wire) {
    for (const auto& l : m_table.lists) {
        const auto* f = m_table.kind->field(l.wire);
        std::string sql = "SELECT " + l.valueColumn + " FROM " + l.table + " WHERE " + l.ownerColumn + " = ?1";
        if (!l.facetColumn.empty()) sql += " AND " + l.facetColumn + " = ?2";
        // List tables are sets (their key is owner and value): a list reads back in value order.
        sql += " ORDER BY " + l.valueColumn;
        auto st = m_db.prepare(sql);
        st.bind(1, id);
        if (!l.facetColumn.empty()) st.bind(2, l.facet);
        json values = json::array();
        while (st.step()) {
            if (f->type == FieldType::IntegerList) values.push_back(st.columnInt(0));
            else values.push_back(st.columnText(0));
        }
        wire[l.wire] = std::move(values);
    }
    for (const auto& d : m_table.derived) {
        const auto* f = m_table.kind->field(d.wire);
        auto st = m_db.prepare(d.select);
        st.bind(1, id);
        json values = json::array();
        while (st.step()) {
            if (f->type == FieldType::IntegerList) values.push_back(st.columnInt(0));
            else values.push_back(st.columnText(0));
        }
        wire[d.wire] = std::move(values);
    }
}

std::optional<json> RecordRows::find(const std::string& id) {
    auto st = m_db.prepare("SELECT " + selectList("r") + " FROM " + m_table.table + " r WHERE r.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    json wire = json::object();
    readColumns(st, 0, wire);
    readLists(id, wire);
    return wire;
}

bool RecordRows::exists(const std::string& id) { return known(m_table.table, id); }

bool RecordRows::known(const std::string& table, const std::string& id) {
    auto st = m_db.prepare("SELECT 1 FROM " + table + " WHERE id = ?");
    st.bind(1, id);
    return st.step();
}

void RecordRows::bindField(Statement& st, int index, const sync::RecordField& f, const json& value, Origin origin) {
    if (f.type == FieldType::Integer) {
        st.bind(index, integerOf(value));
        return;
    }
    std::string text = textOf(value);
    if (f.role == FieldRole::Reference) {
        // An empty reference is NULL; one the hub sent about a record this laptop cannot see must not
        // make the whole change fail.
        if (origin == Origin::Hub && !text.empty() && !known(referencedTable(f.refersTo), text)) text.clear();
        st.bindOptional(index, text);
        return;
    }
    st.bind(index, text);
}

void RecordRows::insert(const std::string& id, const json& wire, const json& local, Origin origin) {
    std::string columns = "id", marks = "?";
    for (const auto* f : m_columns) {
        columns += ", " + f->wire;
        marks += ", ?";
    }
    for (auto it = local.begin(); it != local.end(); ++it) {
        columns += ", " + it.key();
        marks += ", ?";
    }
    auto st = m_db.prepare("INSERT INTO " + m_table.table + " (" + columns + ") VALUES (" + marks + ")");
    int i = 1;
    st.bind(i++, id);
    for (const auto* f : m_columns) bindField(st, i++, *f, fieldOr(wire, f->wire), origin);
    for (auto it = local.begin(); it != local.end(); ++it) bindValue(st, i++, it.value());
    st.run();

    for (const auto& l : m_table.lists) insertList(id, l, fieldOr(wire, l.wire), origin);
}

void RecordRows::insertList(const std::string& id, const ListStorage& l, const json& values, Origin origin) {
    if (!values.is_array()) return;
    const auto* f = m_table.kind->field(l.wire);
    std::string sql = "INSERT OR IGNORE INTO " + l.table + " (" + l.ownerColumn + ", " + l.valueColumn +
                      (l.facetColumn.empty() ? ") VALUES (?, ?)" : ", " + l.facetColumn + ") VALUES (?, ?, ?)");
    auto row = m_db.prepare(sql);
    for (const auto& value : values) {
        if (f->role == FieldRole::Reference && origin == Origin::Hub &&
            !known(referencedTable(f->refersTo), textOf(value)))
            continue;
        row.bind(1, id);
        bindValue(row, 2, value);
        if (!l.facetColumn.empty()) row.bind(3, l.facet);
        row.run();
        row.reset();
    }
}

void RecordRows::replaceLists(const std::string& id, const json& wire, Origin origin) {
    for (const auto& l : m_table.lists) {
        const auto& values = fieldOr(wire, l.wire);
        if (!values.is_array()) continue;
        std::string sql = "DELETE FROM " + l.table + " WHERE " + l.ownerColumn + " = ?1";
        if (!l.facetColumn.empty()) sql += " AND " + l.facetColumn + " = ?2";
        auto st = m_db.prepare(sql);
        st.bind(1, id);
        if (!l.facetColumn.empty()) st.bind(2, l.facet);
        st.run();
        insertList(id, l, values, origin);
    }
}

void RecordRows::update(const std::string& id, const json& wire, const json& local, Origin origin) {
    std::string sets;
    std::vector<const sync::RecordField*> present;
    for (const auto* f : m_columns) {
        if (!wire.contains(f->wire)) continue;
        sets += (sets.empty() ? "" : ", ") + f->wire + " = ?";
        present.push_back(f);
    }
    for (auto it = local.begin(); it != local.end(); ++it) sets += (sets.empty() ? "" : ", ") + it.key() + " = ?";
    if (sets.empty()) return;
    auto st = m_db.prepare("UPDATE " + m_table.table + " SET " + sets + " WHERE id = ?");
    int i = 1;
    for (const auto* f : present) bindField(st, i++, *f, wire.at(f->wire), origin);
    for (auto it = local.begin(); it != local.end(); ++it) bindValue(st, i++, it.value());
    st.bind(i, id);
    st.run();
}

}  // namespace mediane::store
