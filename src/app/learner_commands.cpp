// Notebook: learners and their assessments.
#include "app/notebook.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"

namespace mediane::app {

core::Learner Notebook::createLearner(core::Learner draft) {
    core::deriveAgeBracket(draft, m_vocabularies, std::stoi(core::today().substr(0, 4)));
    core::validateLearner(draft, m_vocabularies);
    draft.id = core::newUuidV7();
    draft.createdAt = draft.updatedAt = core::nowUtc();
    draft.version = 0;
    draft.syncState = core::SyncState::Pending;
    store::Transaction tx(*m_db);
    m_learners.insert(draft);
    tx.commit();
    return draft;
}

core::Learner Notebook::updateLearner(core::Learner edited) {
    core::deriveAgeBracket(edited, m_vocabularies, std::stoi(core::today().substr(0, 4)));
    core::validateLearner(edited, m_vocabularies);
    auto before = m_learners.find(edited.id);
    if (!before) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", edited.id}});
    core::Learner after = edited;
    after.createdAt = before->createdAt;
    after.version = before->version;
    after.updatedAt = core::nowUtc();
    store::Transaction tx(*m_db);
    m_learners.update(*before, after);
    tx.commit();
    return *m_learners.find(edited.id);
}

std::optional<core::Learner> Notebook::learner(const std::string& id) { return m_learners.find(id); }

std::vector<core::Learner> Notebook::searchLearners(const std::string& typed, int limit) {
    return m_learners.search(typed, limit);
}

std::vector<core::Session> Notebook::learnerHistory(const std::string& learnerId) {
    return m_sessions.forLearner(learnerId);
}

std::vector<core::Assessment> Notebook::learnerAssessments(const std::string& learnerId) {
    return m_assessments.forLearner(learnerId);
}

std::vector<core::PassCheque> Notebook::learnerCheques(const std::string& learnerId) {
    return m_pass.forLearner(learnerId);
}

core::Assessment Notebook::recordAssessment(core::Assessment draft) {
    core::validateAssessment(draft, m_framework);
    if (!m_learners.find(draft.learnerId))
        throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", draft.learnerId}}, "assessment.learner");
    draft.id = core::newUuidV7();
    store::Transaction tx(*m_db);
    m_assessments.insert(draft);
    tx.commit();
    return draft;
}

}  // namespace mediane::app
