#include "store/assessment_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/record_counts.hpp"
#include "store/record_read.hpp"
#include "store/record_rows.hpp"
#include "store/record_writer.hpp"
#include "sync/protocol/record_wire.hpp"

#include <nlohmann/json.hpp>

namespace mediane::store {

void AssessmentRepository::insert(const core::Assessment& a) {
    RecordWriter(m_db, m_outbox).create("assessment", a.id, sync::toWire(a));
}

std::vector<core::Assessment> AssessmentRepository::forLearner(const std::string& learnerId) {
    RecordRows rows(m_db, "assessment");
    auto st = m_db.prepare("SELECT a.id, " + rows.selectList("a") +
                           " FROM assessments a WHERE a.learner_id = ? ORDER BY a.date, a.id");
    st.bind(1, learnerId);
    std::vector<core::Assessment> out;
    while (st.step()) out.push_back(readRecord<core::Assessment>(rows, st));
    return out;
}

std::int64_t AssessmentRepository::count() { return keptRowCount(m_db, "assessments"); }

}  // namespace mediane::store
