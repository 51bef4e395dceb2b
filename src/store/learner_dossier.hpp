// Everything this notebook holds about one learner, for the right of access (RGPD art. 15).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace mediane::store {

class Database;

// Usage: auto dossier = learnerDossier(db, id);  // std::nullopt-like: a null json when unknown
// {"learner": {id, every wire field (identity and consent included), version, created_at, updated_at},
//  "sessions": [{id, every wire field}], "assessments": [...], "cheques": [{number, state, given_on, ...}]}
nlohmann::json learnerDossier(Database& db, const std::string& learnerId);

}  // namespace mediane::store
