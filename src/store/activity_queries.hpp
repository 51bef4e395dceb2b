// The sessions of the national activity report, read with their place, tags and learners' profiles.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "store/dashboard_queries.hpp"

namespace mediane::store {

class Database;

// One session as the report needs it. Learners come with their profile only: the report is pseudonymous.
struct ReportedSession {
    std::string id, date, kind;
    int durationMinutes = 0;
    std::string placeMode, placeName, placeAddress, placeCommune, placePostalCode, placeKind;
    std::string placeInsee;  // the place's INSEE code when the directory gave it one
    // The session's own commune: home, remote or elsewhere (empty in a place of activity).
    std::string communeName, communePostalCode, communeInsee;
    std::string structure, adviser;
    int anonymous = 0;
    int anonymousAlreadyAccompanied = 0;
    std::vector<core::HeadCount> anonymousByGender, anonymousByAge, anonymousByStatus;  // codes sorted
    std::vector<std::string> themes, equipment, competences;  // codes, sorted
    std::string procedureName;
    std::string autonomy;
    std::string workshopTitle, workshopLevel;
    int oriented = 0;
    std::string redirection;
    std::string orientationName, orientationCommune;
    int chequesRedeemed = 0;
    std::string legacyCodes;
    std::string createdAt;  // ISO stamp, UTC ("2026-02-03T09:30:00Z")
    struct Learner {
        std::string id, ageBracket, socialStatus, gender;
        std::string commune, communePostalCode, communeInsee;
        // This session is the learner's first (the national report's « premier accompagnement »):
        // no session of theirs comes before it by date, then recording time, then id.
        bool firstSession = false;
    };
    std::vector<Learner> learners;  // by id
};

// Usage: ActivityQueries(db).forEachSession(filter, [&](const ReportedSession& s) { ... });
class ActivityQueries {
public:
    explicit ActivityQueries(Database& db) : m_db(db) {}
    // Streams the filtered sessions in date order (then creation, then id); returns how many.
    std::int64_t forEachSession(const DashboardFilter& filter, const std::function<void(const ReportedSession&)>& visit);
    // The filtered sessions' participants: linked learners plus anonymous head counts.
    std::int64_t countParticipants(const DashboardFilter& filter);
    // The role of the hub account this notebook is enrolled with ("adviser", "coordinator", "admin"),
    // or "" before enrolment: it tells an adviser's own activity from a territory's.
    std::string accountRole();

private:
    Database& m_db;
};

}  // namespace mediane::store
