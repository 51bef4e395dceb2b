// Validation of what an adviser types, before anything is stored: the first problem found, naming its field.
#pragma once

#include "core/competence_framework.hpp"
#include "core/model.hpp"
#include "core/vocabulary.hpp"

namespace mediane::core {

// Limits that keep a pasted novel or a binary blob out of the notebook.
constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxNotes = 20000;

// Each throws mediane::Error (Validation) naming the field.
void validateLearner(const Learner& learner, const Vocabularies& vocab);
void validateSession(const Session& session, const Vocabularies& vocab, const CompetenceFramework& framework);
void validateAssessment(const Assessment& assessment, const CompetenceFramework& framework);
void validatePlace(const Place& place, const Vocabularies& vocab);

}  // namespace mediane::core
