// Validation of what an adviser types, before anything is stored: the first problem found, naming its field.
#pragma once

#include "core/competence_framework.hpp"
#include "core/model.hpp"
#include "core/vocabulary.hpp"

namespace mediane::core {

// Limits that keep a pasted novel or a binary blob out of the notebook.
constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxNotes = 20000;
constexpr int kMaxDurationMinutes = 23 * 60 + 59;

// Each throws mediane::Error (Validation) naming the field.
void validateLearner(const Learner& learner, const Vocabularies& vocab);
void validateSession(const Session& session, const Vocabularies& vocab, const CompetenceFramework& framework);
void validateAssessment(const Assessment& assessment, const CompetenceFramework& framework);
void validatePlace(const Place& place, const Vocabularies& vocab);

// An INSEE commune code: five digits, or 2A/2B and three digits (Corsica).
bool isInseeCode(const std::string& code);
// When a birth year is known, the age bracket is the one it gives in `year`, as the Coop derives it.
void deriveAgeBracket(Learner& learner, const Vocabularies& vocab, int year);

}  // namespace mediane::core
