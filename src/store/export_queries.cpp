#include "store/export_queries.hpp"

#include <map>

#include "store/database.hpp"

namespace mediane::store {

namespace {

std::vector<std::string> splitList(const std::string& joined) {
    std::vector<std::string> out;
    if (joined.empty()) return out;
    std::size_t from = 0;
    for (std::size_t bar; (bar = joined.find('|', from)) != std::string::npos; from = bar + 1)
        out.push_back(joined.substr(from, bar - from));
    out.push_back(joined.substr(from));
    return out;
}

}  // namespace

// Why one query rather than SessionRepository::forEach: forEach runs three more queries per session,
// and its cheque lookup (pass_cheques by session_id) has no index, so 100,000 sessions took minutes.
// Redeemed cheques are read once into a map (one entry per redeemed cheque, a few MB at most);
// sessions themselves stream.
void ExportQueries::forEachSession(const std::function<void(const ExportedSession&)>& visit) {
    std::map<std::string, std::vector<std::int64_t>> chequesBySession;
    auto cheques = m_db.prepare(
        "SELECT session_id, number FROM pass_cheques WHERE session_id IS NOT NULL ORDER BY number");
    while (cheques.step()) chequesBySession[cheques.columnText(0)].push_back(cheques.columnInt(1));

    auto st = m_db.prepare(
        "SELECT s.id, s.date, s.duration_minutes, s.kind, s.place_mode, coalesce(s.place_id, ''), s.anonymous_count, "
        "s.autonomy, coalesce(s.orientation_place_id, ''), s.notes, s.created_at, s.sync_state, "
        "(SELECT group_concat(learner_id, '|') FROM session_learners WHERE session_id = s.id), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'theme'), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'equipment'), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'competence'), "
        "s.commune, s.commune_postal_code, s.commune_insee, s.anonymous_already_accompanied, s.procedure_name, "
        "s.workshop_title, s.workshop_level, s.oriented, s.redirection, s.legacy_codes, "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'anonymous_gender'), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'anonymous_age'), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'anonymous_status') "
        "FROM sessions s ORDER BY s.date, s.id");
    ExportedSession s;
    while (st.step()) {
        s.id = st.columnText(0);
        s.date = st.columnText(1);
        s.durationMinutes = st.columnInt(2);
        s.kind = st.columnText(3);
        s.placeMode = st.columnText(4);
        s.placeId = st.columnText(5);
        s.anonymousCount = st.columnInt(6);
        s.autonomy = st.columnText(7);
        s.orientationPlaceId = st.columnText(8);
        s.notes = st.columnText(9);
        s.createdAt = st.columnText(10);
        s.syncState = st.columnText(11);
        s.learnerIds = splitList(st.columnText(12));
        s.themes = splitList(st.columnText(13));
        s.equipment = splitList(st.columnText(14));
        s.competences = splitList(st.columnText(15));
        s.communeName = st.columnText(16);
        s.communePostalCode = st.columnText(17);
        s.communeInsee = st.columnText(18);
        s.anonymousAlreadyAccompanied = st.columnInt(19);
        s.procedureName = st.columnText(20);
        s.workshopTitle = st.columnText(21);
        s.workshopLevel = st.columnText(22);
        s.oriented = st.columnInt(23);
        s.redirection = st.columnText(24);
        s.legacyCodes = st.columnText(25);
        s.anonymousByGender = splitList(st.columnText(26));
        s.anonymousByAge = splitList(st.columnText(27));
        s.anonymousByStatus = splitList(st.columnText(28));
        auto found = chequesBySession.find(s.id);
        if (found == chequesBySession.end()) s.chequeNumbers.clear();
        else s.chequeNumbers = found->second;
        visit(s);
    }
}

// Why SQL here rather than LearnerRepository: it offers all() (every learner in memory at once),
// and an export of a large notebook must stream.
void ExportQueries::forEachLearner(bool withIdentity, const std::function<void(const ExportedLearner&)>& visit) {
    const char* identity = withIdentity ? "l.first_name, l.last_name, l.phone, l.email, l.goals"
                                        : "'', '', '', '', ''";
    auto st = m_db.prepare(std::string("SELECT l.id, l.pseudonym, ") + identity +
                           ", l.consent_date, l.age_bracket, l.gender, l.social_status, l.commune, "
                           "(SELECT count(*) FROM session_learners sl WHERE sl.learner_id = l.id), l.created_at, "
                           "l.updated_at, l.sync_state, l.birth_year, l.commune_postal_code, l.commune_insee, "
                           "l.legacy_codes FROM learners l ORDER BY l.created_at, l.id");
    ExportedLearner l;
    while (st.step()) {
        l.id = st.columnText(0);
        l.pseudonym = st.columnText(1);
        l.firstName = st.columnText(2);
        l.lastName = st.columnText(3);
        l.phone = st.columnText(4);
        l.email = st.columnText(5);
        l.goals = st.columnText(6);
        l.consentDate = st.columnText(7);
        l.ageBracket = st.columnText(8);
        l.gender = st.columnText(9);
        l.socialStatus = st.columnText(10);
        l.commune = st.columnText(11);
        l.sessionCount = st.columnInt(12);
        l.createdAt = st.columnText(13);
        l.updatedAt = st.columnText(14);
        l.syncState = st.columnText(15);
        l.birthYear = st.columnInt(16);
        l.communePostalCode = st.columnText(17);
        l.communeInsee = st.columnText(18);
        l.legacyCodes = st.columnText(19);
        visit(l);
    }
}

}  // namespace mediane::store
