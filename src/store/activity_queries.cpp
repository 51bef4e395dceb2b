#include "store/activity_queries.hpp"

#include "store/database.hpp"

namespace mediane::store {

namespace {

// A stored anonymous breakdown entry is "code:count", as it travels (record_kinds.cpp).
void addHeadCount(std::vector<core::HeadCount>& counts, const std::string& entry) {
    auto colon = entry.rfind(':');
    if (colon == std::string::npos) return;
    int count = 0;
    for (std::size_t i = colon + 1; i < entry.size(); ++i) {
        if (entry[i] < '0' || entry[i] > '9') return;
        count = count * 10 + (entry[i] - '0');
        if (count > 100000) return;
    }
    counts.push_back({entry.substr(0, colon), count});
}

}  // namespace

std::int64_t ActivityQueries::forEachSession(const DashboardFilter& filter,
                                             const std::function<void(const ReportedSession&)>& visit) {
    auto where = DashboardQueries::sessionWhere(filter);
    auto sessions = m_db.prepare(
        "SELECT s.id, s.date, s.kind, s.duration_minutes, s.place_mode, coalesce(p.name, ''), "
        "coalesce(p.address, ''), coalesce(p.commune, ''), coalesce(p.postal_code, ''), coalesce(p.kind, ''), "
        "s.structure, s.adviser, s.anonymous_count, s.autonomy, coalesce(o.name, ''), coalesce(o.commune, ''), "
        "(SELECT count(*) FROM pass_cheques c WHERE c.session_id = s.id), "
        "s.commune, s.commune_postal_code, s.commune_insee, s.anonymous_already_accompanied, s.procedure_name, "
        "s.workshop_title, s.workshop_level, s.oriented, s.redirection, s.legacy_codes, s.created_at, "
        "coalesce(p.code_insee, '') "
        "FROM sessions s LEFT JOIN places p ON p.id = s.place_id "
        "LEFT JOIN places o ON o.id = s.orientation_place_id WHERE 1" +
        where.sql + " ORDER BY s.date, s.created_at, s.id");
    for (std::size_t i = 0; i < where.values.size(); ++i) sessions.bind(static_cast<int>(i) + 1, where.values[i]);
    auto tags = m_db.prepare("SELECT facet, code FROM session_tags WHERE session_id = ? ORDER BY facet, code");
    // Whether this session is each learner's first: a walk of that learner's few sessions
    // (session_learners_by_learner), compared on the report's own order.
    auto learners = m_db.prepare(
        "SELECT l.id, l.age_bracket, l.social_status, l.gender, l.commune, l.commune_postal_code, l.commune_insee, "
        "NOT EXISTS (SELECT 1 FROM session_learners sl2 JOIN sessions s2 ON s2.id = sl2.session_id "
        "  WHERE sl2.learner_id = l.id AND (s2.date, s2.created_at, s2.id) < (?2, ?3, ?1)) "
        "FROM session_learners sl JOIN learners l ON l.id = sl.learner_id WHERE sl.session_id = ?1 ORDER BY l.id");

    std::int64_t count = 0;
    ReportedSession s;
    while (sessions.step()) {
        s = ReportedSession{};
        s.id = sessions.columnText(0);
        s.date = sessions.columnText(1);
        s.kind = sessions.columnText(2);
        s.durationMinutes = static_cast<int>(sessions.columnInt(3));
        s.placeMode = sessions.columnText(4);
        s.placeName = sessions.columnText(5);
        s.placeAddress = sessions.columnText(6);
        s.placeCommune = sessions.columnText(7);
        s.placePostalCode = sessions.columnText(8);
        s.placeKind = sessions.columnText(9);
        s.structure = sessions.columnText(10);
        s.adviser = sessions.columnText(11);
        s.anonymous = static_cast<int>(sessions.columnInt(12));
        s.autonomy = sessions.columnText(13);
        s.orientationName = sessions.columnText(14);
        s.orientationCommune = sessions.columnText(15);
        s.chequesRedeemed = static_cast<int>(sessions.columnInt(16));
        s.communeName = sessions.columnText(17);
        s.communePostalCode = sessions.columnText(18);
        s.communeInsee = sessions.columnText(19);
        s.anonymousAlreadyAccompanied = static_cast<int>(sessions.columnInt(20));
        s.procedureName = sessions.columnText(21);
        s.workshopTitle = sessions.columnText(22);
        s.workshopLevel = sessions.columnText(23);
        s.oriented = static_cast<int>(sessions.columnInt(24));
        s.redirection = sessions.columnText(25);
        s.legacyCodes = sessions.columnText(26);
        s.createdAt = sessions.columnText(27);
        s.placeInsee = sessions.columnText(28);

        tags.reset();
        tags.bind(1, s.id);
        while (tags.step()) {
            std::string facet = tags.columnText(0);
            if (facet == "theme") s.themes.push_back(tags.columnText(1));
            else if (facet == "equipment") s.equipment.push_back(tags.columnText(1));
            else if (facet == "competence") s.competences.push_back(tags.columnText(1));
            else if (facet == "anonymous_gender") addHeadCount(s.anonymousByGender, tags.columnText(1));
            else if (facet == "anonymous_age") addHeadCount(s.anonymousByAge, tags.columnText(1));
            else if (facet == "anonymous_status") addHeadCount(s.anonymousByStatus, tags.columnText(1));
        }
        learners.reset();
        learners.bind(1, s.id).bind(2, s.date).bind(3, s.createdAt);
        while (learners.step())
            s.learners.push_back({learners.columnText(0), learners.columnText(1), learners.columnText(2),
                                  learners.columnText(3), learners.columnText(4), learners.columnText(5),
                                  learners.columnText(6), learners.columnInt(7) != 0});
        visit(s);
        ++count;
    }
    return count;
}

std::int64_t ActivityQueries::countParticipants(const DashboardFilter& filter) {
    auto where = DashboardQueries::sessionWhere(filter);
    auto st = m_db.prepare(
        "SELECT coalesce(sum(s.anonymous_count + (SELECT count(*) FROM session_learners sl WHERE sl.session_id = s.id)), 0) "
        "FROM sessions s WHERE 1" + where.sql);
    for (std::size_t i = 0; i < where.values.size(); ++i) st.bind(static_cast<int>(i) + 1, where.values[i]);
    return st.step() ? st.columnInt(0) : 0;
}

std::string ActivityQueries::accountRole() {
    auto st = m_db.prepare("SELECT role FROM sync_account WHERE id = 1");
    return st.step() ? st.columnText(0) : std::string();
}

}  // namespace mediane::store
