// The values migration 9 could not map to the national vocabularies: where each one is kept, for the adviser to review.
#pragma once

#include <string>
#include <vector>

namespace mediane::store {

class Database;

struct UnmappedValue {
    std::string entity;    // "learner" or "session"
    std::string recordId;
    std::string field;     // the wire field it was in
    std::string oldCode;   // kept verbatim in the record's legacy_codes
    std::string outcome;   // what the migration did instead
};

class VocabularyUpgradeReport {
public:
    explicit VocabularyUpgradeReport(Database& db) : m_db(db) {}
    // Every unmapped value, by entity, record and field; empty for a notebook created after the migration.
    std::vector<UnmappedValue> all();

private:
    Database& m_db;
};

}  // namespace mediane::store
