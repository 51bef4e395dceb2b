// The sessions of the national activity report, read with their place, tags and learners' profiles.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/dashboard_queries.hpp"

namespace mediane::store {

class Database;

// One session as the report needs it. Learners come with their profile only: the report is pseudonymous.
struct ReportedSession {
    std::string id, date, kind;
    int durationMinutes = 0;
    std::string placeMode, placeName, placeCommune, placePostalCode, placeKind;
    std::string structure, adviser;
    int anonymous = 0;
    std::vector<std::string> themes, equipment, competences;  // codes, sorted
    std::string autonomy;
    std::string orientationName, orientationCommune;
    int chequesRedeemed = 0;
    struct Learner {
        std::string id, ageBracket, socialStatus;
    };
    std::vector<Learner> learners;  // by id
};

// Usage: ActivityQueries(db).forEachSession(filter, [&](const ReportedSession& s) { ... });
class ActivityQueries {
public:
    explicit ActivityQueries(Database& db) : m_db(db) {}
    // Streams the filtered sessions in date order (then creation, then id); returns how many.
    std::int64_t forEachSession(const DashboardFilter& filter, const std::function<void(const ReportedSession&)>& visit);

private:
    Database& m_db;
};

}  // namespace mediane::store
