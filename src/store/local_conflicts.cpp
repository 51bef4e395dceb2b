#include "store/local_conflicts.hpp"

#include "store/database.hpp"
#include "store/record_sync_state.hpp"

namespace mediane::store {

namespace {
using nlohmann::json;

std::string text(const json& fields, const char* key) {
    auto it = fields.find(key);
    if (it == fields.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}
}  // namespace

void LocalConflicts::record(const RemoteConflict& c) {
    m_db.prepare("INSERT OR REPLACE INTO sync_conflicts (id, kind, entity, record_id, op_id, device_id, structure, "
                 "created_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.id).bind(2, c.kind).bind(3, c.entity).bind(4, c.recordId).bind(5, c.opId).bind(6, c.deviceId)
        .bind(7, c.structure).bind(8, c.createdAt).bind(9, c.details.dump())
        .run();
    // The record shows "conflict" until a person resolves it; a cheque event marks its cheque.
    RecordSyncState(m_db).show(c.entity, c.recordId, c.details, "conflict");
}

namespace {
constexpr const char* kSelectConflict =
    "SELECT id, kind, entity, record_id, op_id, device_id, structure, created_at, details, resolution_state, "
    "resolution, resolved_by, resolved_at FROM sync_conflicts ";

RemoteConflict readConflict(Statement& st) {
    return {st.columnInt(0),  st.columnText(1),  st.columnText(2),  st.columnText(3), st.columnText(4),
            st.columnText(5), st.columnText(6),  st.columnText(7),  json::parse(st.columnText(8)),
            st.columnText(9), json::parse(st.columnText(10)), st.columnText(11), st.columnText(12)};
}
}  // namespace

std::vector<RemoteConflict> LocalConflicts::all(const std::string& recordId) {
    std::string sql = kSelectConflict;
    if (!recordId.empty()) sql += "WHERE record_id = ? ";
    auto st = m_db.prepare(sql + "ORDER BY id");
    if (!recordId.empty()) st.bind(1, recordId);
    std::vector<RemoteConflict> out;
    while (st.step()) out.push_back(readConflict(st));
    return out;
}

std::optional<RemoteConflict> LocalConflicts::find(std::int64_t id) {
    auto st = m_db.prepare(std::string(kSelectConflict) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readConflict(st);
}

void LocalConflicts::markSent(std::int64_t id, const json& resolution) {
    m_db.prepare("UPDATE sync_conflicts SET resolution_state = 'sent', resolution = ? WHERE id = ? "
                 "AND resolution_state = 'open'")
        .bind(1, resolution.dump()).bind(2, id).run();
}

void LocalConflicts::markResolved(const json& resolution) {
    std::int64_t id = resolution.value("conflict_id", std::int64_t{0});
    m_db.prepare("UPDATE sync_conflicts SET resolution_state = 'resolved', resolution = ?, resolved_by = ?, "
                 "resolved_at = ? WHERE id = ?")
        .bind(1, resolution.dump()).bind(2, text(resolution, "resolved_by")).bind(3, text(resolution, "resolved_at"))
        .bind(4, id).run();
    RecordSyncState(m_db).leaveConflict(text(resolution, "entity"), text(resolution, "record_id"));
}

void LocalConflicts::reopen(std::int64_t id) {
    m_db.prepare("UPDATE sync_conflicts SET resolution_state = 'open' WHERE id = ? AND resolution_state = 'sent'")
        .bind(1, id).run();
}

std::int64_t LocalConflicts::count() { return m_db.scalarInt("SELECT count(*) FROM sync_conflicts"); }

}  // namespace mediane::store
