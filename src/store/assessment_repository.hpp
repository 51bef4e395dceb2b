// Competence assessments on disk, and the per-learner progress they add up to.
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::store {

class Database;
class Outbox;

class AssessmentRepository {
public:
    AssessmentRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}
    void insert(const core::Assessment& assessment);
    // Oldest first, so a timeline reads left to right.
    std::vector<core::Assessment> forLearner(const std::string& learnerId);
    std::int64_t count();

private:
    Database& m_db;
    Outbox& m_outbox;
};

}  // namespace mediane::store
