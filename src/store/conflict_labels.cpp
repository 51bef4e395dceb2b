#include "store/conflict_labels.hpp"

#include "store/database.hpp"

namespace mediane::store {

std::string ConflictLabels::firstText(const char* sql, const std::string& id) {
    auto st = m_db.prepare(sql);
    st.bind(1, id);
    return st.step() ? st.columnText(0) : std::string();
}

std::string ConflictLabels::learnerPseudonym(const std::string& learnerId) {
    return firstText("SELECT pseudonym FROM learners WHERE id = ?", learnerId);
}

std::string ConflictLabels::chequeNumber(const std::string& chequeId) {
    return firstText("SELECT CAST(number AS TEXT) FROM pass_cheques WHERE id = ?", chequeId);
}

std::string ConflictLabels::placeName(const std::string& placeId) {
    return firstText("SELECT name FROM places WHERE id = ?", placeId);
}

std::string ConflictLabels::sessionLabel(const std::string& sessionId) {
    return firstText("SELECT s.date || ' · ' || s.duration_minutes || ' min' || coalesce(' · ' || p.name, '') "
                     "FROM sessions s LEFT JOIN places p ON p.id = s.place_id WHERE s.id = ?",
                     sessionId);
}

std::string ConflictLabels::sessionPlaceName(const std::string& sessionId) {
    return firstText("SELECT p.name FROM sessions s JOIN places p ON p.id = s.place_id WHERE s.id = ?", sessionId);
}

std::string ConflictLabels::decisionRefusal(std::int64_t conflictId) {
    // A decision travels as a conflict_resolution operation keyed by the conflict's id.
    return firstText("SELECT error FROM outbox WHERE entity = 'conflict_resolution' AND state = 'error' "
                     "AND record_id = ? ORDER BY seq DESC LIMIT 1",
                     std::to_string(conflictId));
}

}  // namespace mediane::store
