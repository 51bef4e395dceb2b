#include "store/activity_queries.hpp"

#include "store/database.hpp"

namespace mediane::store {

std::int64_t ActivityQueries::forEachSession(const DashboardFilter& filter,
                                             const std::function<void(const ReportedSession&)>& visit) {
    auto where = DashboardQueries::sessionWhere(filter);
    auto sessions = m_db.prepare(
        "SELECT s.id, s.date, s.kind, s.duration_minutes, s.place_mode, coalesce(p.name, ''), "
        "coalesce(p.commune, ''), coalesce(p.postal_code, ''), coalesce(p.kind, ''), s.structure, s.adviser, "
        "s.anonymous_count, s.autonomy, coalesce(o.name, ''), coalesce(o.commune, ''), "
        "(SELECT count(*) FROM pass_cheques c WHERE c.session_id = s.id) "
        "FROM sessions s LEFT JOIN places p ON p.id = s.place_id "
        "LEFT JOIN places o ON o.id = s.orientation_place_id WHERE 1" +
        where.sql + " ORDER BY s.date, s.created_at, s.id");
    for (std::size_t i = 0; i < where.values.size(); ++i) sessions.bind(static_cast<int>(i) + 1, where.values[i]);
    auto tags = m_db.prepare("SELECT facet, code FROM session_tags WHERE session_id = ? ORDER BY facet, code");
    auto learners = m_db.prepare(
        "SELECT l.id, l.age_bracket, l.social_status FROM session_learners sl JOIN learners l ON l.id = sl.learner_id "
        "WHERE sl.session_id = ? ORDER BY l.id");

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
        s.placeCommune = sessions.columnText(6);
        s.placePostalCode = sessions.columnText(7);
        s.placeKind = sessions.columnText(8);
        s.structure = sessions.columnText(9);
        s.adviser = sessions.columnText(10);
        s.anonymous = static_cast<int>(sessions.columnInt(11));
        s.autonomy = sessions.columnText(12);
        s.orientationName = sessions.columnText(13);
        s.orientationCommune = sessions.columnText(14);
        s.chequesRedeemed = static_cast<int>(sessions.columnInt(15));

        tags.reset();
        tags.bind(1, s.id);
        while (tags.step()) {
            std::string facet = tags.columnText(0);
            auto& list = facet == "theme" ? s.themes : facet == "equipment" ? s.equipment : s.competences;
            list.push_back(tags.columnText(1));
        }
        learners.reset();
        learners.bind(1, s.id);
        while (learners.step())
            s.learners.push_back({learners.columnText(0), learners.columnText(1), learners.columnText(2)});
        visit(s);
        ++count;
    }
    return count;
}

}  // namespace mediane::store
