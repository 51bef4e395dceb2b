#include "store/local_settings.hpp"

#include "core/calendar.hpp"
#include "core/uuid.hpp"
#include "store/database.hpp"

namespace mediane::store {

std::string LocalSettings::get(const std::string& key, const std::string& fallback) {
    auto st = m_db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    return st.step() ? st.columnText(0) : fallback;
}

void LocalSettings::set(const std::string& key, const std::string& value) {
    m_db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

std::string LocalSettings::deviceId() {
    auto st = m_db.prepare("SELECT id FROM device LIMIT 1");
    if (st.step()) return st.columnText(0);
    std::string id = core::newUuidV7();
    m_db.prepare("INSERT INTO device (id, created_at) VALUES (?, ?)").bind(1, id).bind(2, core::nowUtc()).run();
    return id;
}

}  // namespace mediane::store
