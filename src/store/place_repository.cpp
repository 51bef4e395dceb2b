#include "store/place_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"
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

std::int64_t PlaceRepository::count() { return m_db.scalarInt("SELECT count(*) FROM places"); }

}  // namespace mediane::store
