#include "store/pass_settings_repository.hpp"

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/record_read.hpp"
#include "store/record_rows.hpp"
#include "store/record_tables.hpp"

namespace mediane::store {

namespace {
template <class Record>
std::vector<Record> select(Database& db, const char* entity, const std::string& where, const std::string& structure,
                           const std::string& second = {}) {
    RecordRows rows(db, entity);
    auto st = db.prepare("SELECT id, " + rows.selectList("r") + " FROM " + rows.table().table + " r " + where);
    st.bind(1, structure);
    if (!second.empty()) st.bind(2, second);
    std::vector<Record> out;
    while (st.step()) out.push_back(readRecord<Record>(rows, st));
    return out;
}
}  // namespace

std::optional<core::PassProfile> PassSettingsRepository::profile(const std::string& structure) {
    auto found = select<core::PassProfile>(m_db, "pass_profile", "WHERE r.structure = ?1 ORDER BY r.id LIMIT 1", structure);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<core::PassService> PassSettingsRepository::services(const std::string& structure, bool withWithdrawn) {
    return select<core::PassService>(
        m_db, "pass_service",
        std::string("WHERE r.structure = ?1") + (withWithdrawn ? "" : " AND r.withdrawn = 0") + " ORDER BY r.label, r.code",
        structure);
}

std::optional<core::PassService> PassSettingsRepository::service(const std::string& structure, const std::string& code) {
    auto found = select<core::PassService>(m_db, "pass_service", "WHERE r.structure = ?1 AND r.code = ?2", structure, code);
    if (found.empty()) return std::nullopt;
    return found.front();
}

template <class Record>
void PassSettingsRepository::save(const char* entity, const Record& record) {
    RecordRows rows(m_db, entity);
    auto wire = sync::toWire(record);
    auto before = rows.find(record.id);
    if (!before) {
        rows.insert(record.id, wire, {{"sync_state", "pending"}}, Origin::ThisLaptop);
        m_outbox.append(entity, record.id, "create", wire);
        return;
    }
    nlohmann::json changed = nlohmann::json::object();
    for (auto it = wire.begin(); it != wire.end(); ++it)
        if ((*before)[it.key()] != it.value()) changed[it.key()] = it.value();
    // The structure, and a service's code, make the id: they never change on an existing record.
    changed.erase("structure");
    changed.erase("code");
    if (changed.empty()) return;
    auto st = m_db.prepare("SELECT version FROM " + rows.table().table + " WHERE id = ?");
    st.bind(1, record.id);
    const int version = st.step() ? static_cast<int>(st.columnInt(0)) : 0;
    rows.update(record.id, changed, {{"sync_state", "pending"}});
    m_outbox.append(entity, record.id, "update", changed, version);
}

void PassSettingsRepository::keepAsPulled(const core::PassProfile& profile) {
    RecordRows(m_db, "pass_profile").insert(profile.id, sync::toWire(profile), {{"sync_state", "synced"}, {"version", 1}},
                                            Origin::Hub);
}

void PassSettingsRepository::keepAsPulled(const core::PassService& service) {
    RecordRows(m_db, "pass_service").insert(service.id, sync::toWire(service), {{"sync_state", "synced"}, {"version", 1}},
                                            Origin::Hub);
}

void PassSettingsRepository::saveProfile(const core::PassProfile& profile) { save("pass_profile", profile); }
void PassSettingsRepository::saveService(const core::PassService& service) { save("pass_service", service); }

}  // namespace mediane::store
