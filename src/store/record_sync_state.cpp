#include "store/record_sync_state.hpp"

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/record_tables.hpp"

namespace mediane::store {

std::string RecordSyncState::stateRowId(std::string_view entity, const std::string& recordId,
                                        const nlohmann::json& fields) {
    const auto& t = recordTable(entity);
    if (t.stateIdField.empty()) return recordId;
    if (fields.is_object()) {
        auto it = fields.find(t.stateIdField);
        if (it != fields.end() && it->is_string() && !it->get<std::string>().empty()) {
            std::string id = it->get<std::string>();
            // A cheque is named "<booklet id>#<number>" where its booklet is known and "pass#<number>" where it
            // is not: another laptop's id for it is found here by its number, the same everywhere.
            auto number = fields.find("number");
            if (t.stateTable == "pass_cheques" && number != fields.end() && number->is_number_integer()) {
                auto byId = m_db.prepare("SELECT 1 FROM pass_cheques WHERE id = ?");
                byId.bind(1, id);
                if (!byId.step()) {
                    auto byNumber = m_db.prepare("SELECT id FROM pass_cheques WHERE number = ?");
                    byNumber.bind(1, number->get<std::int64_t>());
                    if (byNumber.step()) return byNumber.columnText(0);
                }
            }
            return id;
        }
    }
    auto st = m_db.prepare("SELECT " + t.stateIdField + " FROM " + t.table + " WHERE id = ?");
    st.bind(1, recordId);
    return st.step() ? st.columnText(0) : std::string();
}

void RecordSyncState::show(std::string_view entity, const std::string& recordId, const nlohmann::json& fields,
                           const std::string& state) {
    if (!findRecordTable(entity)) return;
    auto id = stateRowId(entity, recordId, fields);
    if (id.empty()) return;
    m_db.prepare("UPDATE " + recordTable(entity).stateTable + " SET sync_state = ? WHERE id = ?")
        .bind(1, state).bind(2, id).run();
}

void RecordSyncState::showSyncedIfSettled(std::string_view entity, const std::string& recordId,
                                          const nlohmann::json& fields) {
    if (!findRecordTable(entity)) return;
    const auto& t = recordTable(entity);
    auto id = stateRowId(entity, recordId, fields);
    if (id.empty()) return;
    // Indexed lookups only (outbox by record, the kind's rows by their state row): this runs once per
    // acknowledged operation.
    std::string sql = "UPDATE " + t.stateTable + " SET sync_state = 'synced' WHERE id = ?1 "
                      "AND sync_state NOT IN ('conflict', 'error') AND NOT EXISTS ";
    if (t.stateIdField.empty())
        sql += "(SELECT 1 FROM outbox WHERE record_id = ?1 AND state != 'acked')";
    else
        sql += "(SELECT 1 FROM " + t.table + " r JOIN outbox o ON o.record_id = r.id WHERE r." + t.stateIdField +
               " = ?1 AND o.state != 'acked')";
    m_db.prepare(sql).bind(1, id).run();
}

void RecordSyncState::leaveConflict(std::string_view entity, const std::string& recordId) {
    // Only records whose state is shown on their own row: a cheque gathers the conflicts of several
    // events, which this does not count.
    const auto* t = findRecordTable(entity);
    if (!t || !t->stateIdField.empty()) return;
    const auto& id = recordId;
    m_db.prepare("UPDATE " + t->stateTable + " SET sync_state = CASE WHEN EXISTS (SELECT 1 FROM "
                 "outbox WHERE record_id = ?2 AND state != 'acked') THEN 'pending' ELSE 'synced' END WHERE id = ?1 "
                 "AND sync_state = 'conflict' AND NOT EXISTS (SELECT 1 FROM sync_conflicts WHERE record_id = ?2 AND "
                 "resolution_state != 'resolved')")
        .bind(1, id).bind(2, recordId).run();
}

}  // namespace mediane::store
