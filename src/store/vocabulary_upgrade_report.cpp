#include "store/vocabulary_upgrade_report.hpp"

#include "store/database.hpp"

namespace mediane::store {

std::vector<UnmappedValue> VocabularyUpgradeReport::all() {
    std::vector<UnmappedValue> out;
    auto rows = m_db.prepare(
        "SELECT entity, record_id, field, old_code, outcome FROM vocabulary_upgrade_report "
        "ORDER BY entity, record_id, field, old_code");
    while (rows.step())
        out.push_back({rows.columnText(0), rows.columnText(1), rows.columnText(2), rows.columnText(3), rows.columnText(4)});
    return out;
}

}  // namespace mediane::store
