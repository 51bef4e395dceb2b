#include "store/place_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"

namespace mediane::store {

namespace {
constexpr const char* kSelect = "SELECT id, name, kind, address, postal_code, commune FROM places ";
core::Place read(const Statement& st) {
    return {st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4), st.columnText(5)};
}
}  // namespace

void PlaceRepository::insert(const core::Place& p) {
    m_db.prepare("INSERT INTO places (id, name, kind, address, postal_code, commune) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, p.id).bind(2, p.name).bind(3, p.kind).bind(4, p.address).bind(5, p.postalCode).bind(6, p.commune)
        .run();
    m_outbox.append("place", p.id, "create",
                    {{"name", p.name}, {"kind", p.kind}, {"address", p.address}, {"postal_code", p.postalCode},
                     {"commune", p.commune}});
}

std::optional<core::Place> PlaceRepository::find(const std::string& id) {
    auto st = m_db.prepare(std::string(kSelect) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read(st);
}

std::vector<core::Place> PlaceRepository::all() {
    auto st = m_db.prepare(std::string(kSelect) + "ORDER BY name COLLATE NOCASE");
    std::vector<core::Place> out;
    while (st.step()) out.push_back(read(st));
    return out;
}

std::int64_t PlaceRepository::count() { return m_db.scalarInt("SELECT count(*) FROM places"); }

}  // namespace mediane::store
