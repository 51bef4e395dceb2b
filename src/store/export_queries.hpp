// The rows of the sessions and learners exports, streamed from the notebook one record at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mediane::store {

class Database;

// A session as exported: stored values, lists already split, and the cheques it redeemed.
struct ExportedSession {
    std::string id, date;
    std::int64_t durationMinutes = 0;
    std::string kind, placeMode, placeId;  // placeId "" when not in a place
    std::string communeName, communePostalCode, communeInsee;  // home, remote or elsewhere
    std::int64_t anonymousCount = 0, anonymousAlreadyAccompanied = 0;
    std::string procedureName, workshopTitle, workshopLevel, redirection, legacyCodes;
    std::int64_t oriented = 0;
    std::string autonomy, orientationPlaceId, notes, createdAt, syncState;
    std::vector<std::string> learnerIds, themes, equipment, competences;
    // The anonymous participants' breakdowns as stored and sent: "feminin:3" entries.
    std::vector<std::string> anonymousByGender, anonymousByAge, anonymousByStatus;
    std::vector<std::int64_t> chequeNumbers;  // ascending
};

// A learner as exported. The identity fields stay empty unless asked for.
struct ExportedLearner {
    std::string id, pseudonym;
    std::string firstName, lastName, phone, email, goals;
    std::string consentDate, ageBracket, gender, socialStatus, commune, communePostalCode, communeInsee, legacyCodes;
    std::int64_t birthYear = 0;  // 0: not given
    std::int64_t sessionCount = 0;
    std::string createdAt, updatedAt, syncState;
};

// Usage: ExportQueries(db).forEachSession([&](const ExportedSession& s) { sink.row(...); });
class ExportQueries {
public:
    explicit ExportQueries(Database& db) : m_db(db) {}
    // By date, then id.
    void forEachSession(const std::function<void(const ExportedSession&)>& visit);
    // By creation, then id. Without withIdentity the identity columns are not even read.
    void forEachLearner(bool withIdentity, const std::function<void(const ExportedLearner&)>& visit);

private:
    Database& m_db;
};

}  // namespace mediane::store
