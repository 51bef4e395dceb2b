#include "store/directory_repository.hpp"

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/outbox.hpp"

namespace mediane::store {

std::string placeColumnOf(const std::string& field) {
    if (field == "nom") return "name";
    if (field == "code_postal") return "postal_code";
    if (field == "adresse") return "address";
    return field;
}

namespace {

// The standard's field name → its column in `places` (three columns predate the directory).
bool isNumeric(const std::string& field) { return field == "latitude" || field == "longitude"; }

const std::string& selectColumns() {
    static const std::string cols = [] {
        std::string s;
        for (const auto& f : core::PlaceRecord::fieldNames()) s += (s.empty() ? "p." : ", p.") + placeColumnOf(f);
        return s;
    }();
    return cols;
}

core::PlaceRecord read(const Statement& st) {
    core::PlaceRecord p;
    const auto& names = core::PlaceRecord::fieldNames();
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
        if (isNumeric(names[i])) {
            auto& slot = names[i] == "latitude" ? p.latitude : p.longitude;
            if (!st.columnIsNull(i)) slot = st.columnDouble(i);
        } else {
            p.set(names[i], st.columnText(i));
        }
    }
    return p;
}

nlohmann::json fieldValue(const core::PlaceRecord& p, const std::string& field) {
    if (field == "latitude") return p.latitude ? nlohmann::json(*p.latitude) : nlohmann::json(nullptr);
    if (field == "longitude") return p.longitude ? nlohmann::json(*p.longitude) : nlohmann::json(nullptr);
    return p.get(field);
}

void bindAll(Statement& st, const core::PlaceRecord& p) {
    int i = 1;
    for (const auto& f : core::PlaceRecord::fieldNames()) {
        if (f == "latitude" || f == "longitude") {
            const auto& v = f == "latitude" ? p.latitude : p.longitude;
            if (v) st.bind(i, *v); else st.bindNull(i);
        } else {
            st.bind(i, p.get(f));
        }
        ++i;
    }
    st.bind(i, p.typologie.empty() ? std::string() : p.typologie.front());
}

}  // namespace

std::string directoryFtsQuery(const std::string& typed) {
    std::string query, word;
    auto flush = [&] {
        if (word.empty()) return;
        query += (query.empty() ? "\"" : " \"") + word + "\"*";
        word.clear();
    };
    for (char c : typed) {
        auto u = static_cast<unsigned char>(c);
        // Bytes >= 0x80 belong to accented letters: the tokenizer folds them, so they stay in the word.
        if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) word += c;
        else flush();
    }
    flush();
    return query;
}

DirectoryRepository::Upsert DirectoryRepository::upsert(const core::PlaceRecord& place) {
    auto existing = find(place.id);
    const auto& names = core::PlaceRecord::fieldNames();
    if (!existing) {
        std::string cols, marks;
        for (const auto& f : names) {
            cols += (cols.empty() ? "" : ", ") + placeColumnOf(f);
            marks += marks.empty() ? "?" : ", ?";
        }
        auto st = m_db.prepare("INSERT INTO places (" + cols + ", kind, in_directory) VALUES (" + marks + ", ?, 1)");
        bindAll(st, place);
        st.run();
        nlohmann::json fields = nlohmann::json::object();
        for (const auto& f : names)
            if (f != "id" && !place.get(f).empty()) fields[f] = fieldValue(place, f);
        m_outbox.append("place", place.id, "create", fields);
        return Upsert::Created;
    }
    nlohmann::json changed = nlohmann::json::object();
    for (const auto& f : names)
        if (fieldValue(*existing, f) != fieldValue(place, f)) changed[f] = fieldValue(place, f);
    // A local place (added before the directory knew it) joins the directory even when no field changed.
    auto local = m_db.prepare("SELECT 1 FROM places WHERE id = ? AND in_directory = 0");
    bool wasLocal = local.bind(1, place.id).step();
    if (changed.empty() && !wasLocal) return Upsert::Unchanged;
    std::string sets;
    for (const auto& f : names)
        if (f != "id") sets += (sets.empty() ? "" : ", ") + placeColumnOf(f) + " = ?";
    auto st = m_db.prepare("UPDATE places SET " + sets + ", kind = ?, in_directory = 1 WHERE id = ?");
    int i = 1;
    for (const auto& f : names) {
        if (f == "id") continue;
        if (isNumeric(f)) {
            const auto& v = f == "latitude" ? place.latitude : place.longitude;
            if (v) st.bind(i, *v); else st.bindNull(i);
        } else {
            st.bind(i, place.get(f));
        }
        ++i;
    }
    st.bind(i++, place.typologie.empty() ? std::string() : place.typologie.front());
    st.bind(i, place.id);
    st.run();
    // The hub merges an update against the version it was made on: without it every field looks stale.
    auto version = m_db.prepare("SELECT version FROM places WHERE id = ?");
    version.bind(1, place.id).step();
    m_outbox.append("place", place.id, "update", changed, static_cast<int>(version.columnInt(0)));
    return Upsert::Updated;
}

std::optional<core::PlaceRecord> DirectoryRepository::find(const std::string& id) {
    auto st = m_db.prepare("SELECT " + selectColumns() + " FROM places p WHERE p.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read(st);
}

std::vector<core::PlaceRecord> DirectoryRepository::all() {
    auto st = m_db.prepare("SELECT " + selectColumns() + " FROM places p WHERE p.in_directory = 1 ORDER BY p.id");
    std::vector<core::PlaceRecord> out;
    while (st.step()) out.push_back(read(st));
    return out;
}

std::int64_t DirectoryRepository::count() { return m_db.scalarInt("SELECT count(*) FROM places WHERE in_directory = 1"); }

std::vector<std::string> DirectoryRepository::distinctHours() {
    auto st = m_db.prepare("SELECT DISTINCT horaires FROM places WHERE in_directory = 1");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.columnText(0));
    return out;
}

std::vector<DirectoryHit> DirectoryRepository::search(const DirectoryFilter& filter) {
    // Service and public narrow the full-text match too (a phrase on their column), so SQLite joins only the
    // few candidate rows; the LIKE below then keeps exact vocabulary values only.
    std::string fts = directoryFtsQuery(filter.text);
    auto addPhrase = [&fts](const char* column, const std::string& value) {
        if (!fts.empty()) fts.append(" ");
        fts.append(column).append(" : \"");
        for (char c : value) fts.append(c == '"' ? 2 : 1, c);
        fts.append("\"");
    };
    if (!filter.service.empty()) addPhrase("services", filter.service);
    if (!filter.publicType.empty()) addPhrase("publics", filter.publicType);
    std::string sql = "SELECT p.id, p.name, p.commune, p.postal_code, p.services, p.horaires, p.typologie ";
    // Why CROSS JOIN: it makes the full-text match the outer loop; otherwise SQLite may walk the name index and
    // run the match once per place, which costs half a second on 10,000 places.
    sql += fts.empty() ? "FROM places p WHERE p.in_directory = 1 "
                       : "FROM places_fts f CROSS JOIN places p ON p.rowid = f.rowid "
                         "WHERE places_fts MATCH ? AND p.in_directory = 1 ";
    // Why '|' around the list: an exact vocabulary value, so "Gratuit" never matches "Gratuit sous condition".
    if (!filter.service.empty()) sql += "AND ('|' || p.services || '|') LIKE ? ";
    if (!filter.publicType.empty()) sql += "AND ('|' || p.publics_specifiquement_adresses || '|') LIKE ? ";
    if (filter.freeOnly) sql += "AND ('|' || p.frais_a_charge || '|') LIKE '%|Gratuit|%' ";
    // Unary + keeps SQLite on the name index (stopping at the limit) instead of the hours index plus a sort.
    if (filter.hoursAmong) sql += "AND +p.horaires IN (SELECT value FROM json_each(?)) ";
    // By name, not by relevance: an adviser scans an alphabetical list, and bm25 over thousands of
    // prefix matches ("m") alone costs more than a frame.
    sql += "ORDER BY p.name COLLATE NOCASE, p.rowid ";
    if (filter.limit > 0) sql += "LIMIT " + std::to_string(filter.limit);
    auto st = m_db.prepare(sql);
    int i = 1;
    if (!fts.empty()) st.bind(i++, fts);
    if (!filter.service.empty()) st.bind(i++, "%|" + filter.service + "|%");
    if (!filter.publicType.empty()) st.bind(i++, "%|" + filter.publicType + "|%");
    if (filter.hoursAmong) st.bind(i++, nlohmann::json(*filter.hoursAmong).dump());
    std::vector<DirectoryHit> out;
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3),
                       core::splitList(st.columnText(4)), st.columnText(5), core::splitList(st.columnText(6))});
    return out;
}

}  // namespace mediane::store
