#include "store/correction_history.hpp"

#include "core/calendar.hpp"
#include "store/database.hpp"

namespace mediane::store {

namespace {
// Field names hold letters, digits and underscores: a comma separates them without escaping.
std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
    return out;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text) {
        if (c == ',') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    if (!item.empty()) out.push_back(item);
    return out;
}
}  // namespace

void CorrectionHistory::add(const std::string& entity, const std::string& recordId, const std::string& op,
                            const std::vector<std::string>& fields, const std::string& login) {
    m_db.prepare("INSERT INTO record_history (entity, record_id, op, fields, login, at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, entity).bind(2, recordId).bind(3, op).bind(4, joined(fields)).bind(5, login).bind(6, core::nowUtc())
        .run();
}

void CorrectionHistory::addPulled(const std::string& entity, const std::string& recordId, const CorrectionEntry& e) {
    m_db.prepare("INSERT INTO record_history (entity, record_id, op, fields, login, at) SELECT ?1, ?2, ?3, ?4, ?5, ?6 "
                 "WHERE NOT EXISTS (SELECT 1 FROM record_history WHERE entity = ?1 AND record_id = ?2 AND op = ?3 "
                 "AND login = ?5 AND at = ?6)")
        .bind(1, entity).bind(2, recordId).bind(3, e.op).bind(4, joined(e.fields)).bind(5, e.login).bind(6, e.at)
        .run();
}

std::vector<CorrectionEntry> CorrectionHistory::forRecord(const std::string& entity, const std::string& recordId) {
    auto st = m_db.prepare("SELECT op, fields, login, at FROM record_history WHERE entity = ? AND record_id = ? ORDER BY at, id");
    st.bind(1, entity).bind(2, recordId);
    std::vector<CorrectionEntry> out;
    while (st.step()) out.push_back({st.columnText(0), split(st.columnText(1)), st.columnText(2), st.columnText(3)});
    return out;
}

}  // namespace mediane::store
