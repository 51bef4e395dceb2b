#include "store/assessment_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"

namespace mediane::store {

void AssessmentRepository::insert(const core::Assessment& a) {
    m_db.prepare("INSERT INTO assessments (id, learner_id, competence_code, score, date, session_id) "
                 "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, a.id).bind(2, a.learnerId).bind(3, a.competenceCode).bind(4, a.score).bind(5, a.date)
        .bindOptional(6, a.sessionId)
        .run();
    m_outbox.append("assessment", a.id, "create",
                    {{"learner_id", a.learnerId}, {"competence_code", a.competenceCode}, {"score", a.score},
                     {"date", a.date}, {"session_id", a.sessionId}});
}

std::vector<core::Assessment> AssessmentRepository::forLearner(const std::string& learnerId) {
    auto st = m_db.prepare("SELECT id, learner_id, competence_code, score, date, coalesce(session_id, '') "
                           "FROM assessments WHERE learner_id = ? ORDER BY date, id");
    st.bind(1, learnerId);
    std::vector<core::Assessment> out;
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), static_cast<int>(st.columnInt(3)),
                       st.columnText(4), st.columnText(5)});
    return out;
}

std::int64_t AssessmentRepository::count() { return m_db.scalarInt("SELECT count(*) FROM assessments"); }

}  // namespace mediane::store
