// What a person recognises a conflict's record by (a pseudonym, a cheque number, a place's name), read locally.
#pragma once

#include <cstdint>
#include <string>

namespace mediane::store {

class Database;

// Each lookup returns "" when the record is not (or no longer) in this notebook.
// Usage: ConflictLabels labels(db); auto name = labels.learnerPseudonym(conflict.recordId);
class ConflictLabels {
public:
    explicit ConflictLabels(Database& db) : m_db(db) {}
    std::string learnerPseudonym(const std::string& learnerId);
    std::string chequeNumber(const std::string& chequeId);
    std::string placeName(const std::string& placeId);
    // A session as its adviser finds it: "2026-11-26 · 45 min · Médiathèque" (no learner's name).
    std::string sessionLabel(const std::string& sessionId);
    // The name of the place a session happened in.
    std::string sessionPlaceName(const std::string& sessionId);
    // Why the hub refused the latest decision sent from here on this conflict (e.g. "forbidden: …").
    std::string decisionRefusal(std::int64_t conflictId);

private:
    std::string firstText(const char* sql, const std::string& id);

    Database& m_db;
};

}  // namespace mediane::store
