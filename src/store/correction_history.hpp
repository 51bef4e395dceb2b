// Who corrected a record on this laptop, and which fields: the local half of a session's « Historique ».
#pragma once

#include <string>
#include <vector>

namespace mediane::store {

class Database;

// One change made on this laptop. Field names only, never values: the history must not become a second copy
// of personal data that an erasure would then have to find.
struct CorrectionEntry {
    std::string op;                   // create | update | delete
    std::vector<std::string> fields;  // wire names of the fields an update set
    std::string login;                // the sync account's login ("" before enrolment)
    std::string at;                   // ISO UTC
};

// Usage: CorrectionHistory(db).add("session", id, "update", {"duration_minutes"}, login);   (inside the write's Transaction)
class CorrectionHistory {
public:
    explicit CorrectionHistory(Database& db) : m_db(db) {}
    void add(const std::string& entity, const std::string& recordId, const std::string& op,
             const std::vector<std::string>& fields, const std::string& login);
    // A change another laptop made, as the hub's history told it on a pull: kept once however often it is
    // pulled again (a re-snapshot replays the feed).
    void addPulled(const std::string& entity, const std::string& recordId, const CorrectionEntry& entry);
    // Oldest first.
    std::vector<CorrectionEntry> forRecord(const std::string& entity, const std::string& recordId);

private:
    Database& m_db;
};

}  // namespace mediane::store
