#include "store/place_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/record_counts.hpp"
#include "store/record_read.hpp"
#include "store/record_rows.hpp"
#include "store/record_writer.hpp"
#include "sync/protocol/record_wire.hpp"

#include <nlohmann/json.hpp>

namespace mediane::store {

namespace {
// The place's own fields come from its description; the directory's national fields are read by
// DirectoryRepository.
std::string select(const RecordRows& rows, const std::string& rest) {
    return "SELECT p.id, " + rows.selectList("p") + " FROM places p " + rest;
}
}  // namespace

void PlaceRepository::insert(const core::Place& p) {
    RecordWriter(m_db, m_outbox).create("place", p.id, sync::toWire(p));
}

void PlaceRepository::update(const core::Place& before, const core::Place& after) {
    nlohmann::json changed = nlohmann::json::object();
    auto old = sync::toWire(before), now = sync::toWire(after);
    for (auto it = now.begin(); it != now.end(); ++it)
        if (old[it.key()] != it.value()) changed[it.key()] = it.value();
    if (changed.empty()) return;
    auto version = m_db.prepare("SELECT version FROM places WHERE id = ?");
    version.bind(1, after.id);
    std::int64_t baseVersion = version.step() ? version.columnInt(0) : 0;
    RecordRows(m_db, "place").update(after.id, changed, {{"sync_state", "pending"}});
    m_outbox.append("place", after.id, "update", changed, static_cast<int>(baseVersion));
}

bool PlaceRepository::isOwn(const std::string& id) {
    auto st = m_db.prepare("SELECT 1 FROM places WHERE id = ? AND in_directory = 0");
    st.bind(1, id);
    return st.step();
}

std::vector<core::Place> PlaceRepository::own() {
    RecordRows rows(m_db, "place");
    auto st = m_db.prepare(select(rows, "WHERE p.in_directory = 0 ORDER BY p.name COLLATE NOCASE"));
    std::vector<core::Place> out;
    while (st.step()) out.push_back(readRecord<core::Place>(rows, st));
    return out;
}

std::optional<core::Place> PlaceRepository::find(const std::string& id) {
    RecordRows rows(m_db, "place");
    auto st = m_db.prepare(select(rows, "WHERE p.id = ?"));
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readRecord<core::Place>(rows, st);
}

std::vector<core::Place> PlaceRepository::all() {
    RecordRows rows(m_db, "place");
    auto st = m_db.prepare(select(rows, "ORDER BY p.name COLLATE NOCASE"));
    std::vector<core::Place> out;
    while (st.step()) out.push_back(readRecord<core::Place>(rows, st));
    return out;
}

std::int64_t PlaceRepository::count() { return keptRowCount(m_db, "places"); }

}  // namespace mediane::store
