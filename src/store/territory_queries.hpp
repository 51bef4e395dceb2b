// What the map and the coverage read from the notebook: every place with its position and commune, and the
// period's sessions and learners counted per place and per commune (counts and INSEE codes, never names).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/dashboard_queries.hpp"

namespace mediane::store {

class Database;

// A place as the map and the coverage need it: a few columns, not the whole standard.
struct PlaceLocation {
    std::string id, name, commune, postalCode, inseeCode;
    std::optional<double> latitude, longitude;
    bool itinerant = false;  // `itinerance` holds « Itinérant »
    std::string hours;       // `horaires`, OSM syntax
    std::string pivot;       // SIRET/RNA: the stops of one itinerant service share it
    bool inDirectory = false;
};

// Usage: auto q = TerritoryQueries::openReadOnly(notebook.dataFile()); for (const auto& p : q->places()) ...
class TerritoryQueries {
public:
    explicit TerritoryQueries(Database& db);
    // On a read-only connection of its own to the notebook file (WAL lets it read beside the notebook's), so
    // the map and the coverage need nothing from the notebook's connection.
    static std::unique_ptr<TerritoryQueries> openReadOnly(const std::string& file);
    ~TerritoryQueries();
    TerritoryQueries(const TerritoryQueries&) = delete;
    TerritoryQueries& operator=(const TerritoryQueries&) = delete;
    // A reader thread's way out: see sql::Connection::stopWhen.
    void stopWhen(const std::atomic<bool>* stop);

    // Every place of the notebook (directory places and the laptop's own), by id.
    std::vector<PlaceLocation> places();
    // The filter's sessions held in a place, per place id.
    std::unordered_map<std::string, std::int64_t> sessionsPerPlace(const DashboardFilter& filter);
    // The filter's sessions at a learner's home or elsewhere, per INSEE code of their commune (remote sessions
    // happen nowhere in particular: left out).
    std::unordered_map<std::string, std::int64_t> sessionsPerCommune(const DashboardFilter& filter);
    // Distinct learners of the filter's sessions, per INSEE code of the commune they live in ("" when not recorded).
    std::unordered_map<std::string, std::int64_t> learnersPerCommune(const DashboardFilter& filter);

private:
    Database& m_db;
    std::unique_ptr<Database> m_ownConnection;  // when opened read-only
};

}  // namespace mediane::store
