// Which communes of a territory have a place of digital mediation, and where learners live and sessions happen:
// the coverage a coordinator reads in the Tableau de bord. Pure: the app gathers the inputs from the notebook.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/commune_directory.hpp"
#include "core/intercommunalities.hpp"

namespace mediane::core {

// A place as coverage sees it.
struct CoveragePlace {
    std::string id, name;
    std::string inseeCode;  // the place's commune (an arrondissement counts for its city); "" when unknown
    bool itinerant = false; // `itinerance` says « Itinérant »: a bus or a mobile team, at this stop on its days
    std::string hours;      // OSM opening_hours: for an itinerant stop, the days it serves the commune
    std::int64_t sessions = 0;  // sessions held there in the period
};

// Counts per INSEE code (arrondissements are folded into their city by the computation).
struct CoverageCounts {
    std::unordered_map<std::string, std::int64_t> learnersByCommune;  // distinct learners of the period's sessions
    std::unordered_map<std::string, std::int64_t> sessionsByCommune;  // sessions at home or elsewhere, by commune
};

struct CommuneCoverage {
    std::string inseeCode, name;
    std::int64_t population = 0;
    int fixedPlaces = 0;
    int itinerantStops = 0;
    // The weekdays (0 = Monday … 6 = Sunday) an itinerant place serves the commune, when its hours say so.
    std::vector<int> servedDays;
    bool servedDaysKnown = true;  // false: a stop whose hours are missing or unreadable
    std::int64_t learners = 0;    // learners of the period living here
    std::int64_t sessions = 0;    // sessions of the period held here (in a place of the commune, or at home/elsewhere)
};

struct IdlePlace {
    std::string id, name, communeName;
    bool itinerant = false;
};

struct TerritoryCoverage {
    std::string siren, name;
    int communeCount = 0;
    std::int64_t population = 0;
    // No fixed place and no itinerant stop: the white zones, largest population first.
    std::vector<CommuneCoverage> withoutPlace;
    std::int64_t populationWithoutPlace = 0;
    // No fixed place, but an itinerant place stops there: covered on the days it serves them, largest first.
    std::vector<CommuneCoverage> itinerantOnly;
    // Every commune of the territory, largest population first, with its places, learners and sessions.
    std::vector<CommuneCoverage> communes;
    // Learners of the period living outside the territory, or whose commune is not recorded.
    std::int64_t learnersOutside = 0, learnersUnknown = 0;
    // Places of the territory with no session in the period, by name.
    std::vector<IdlePlace> idlePlaces;
    int placeCount = 0;  // places in the territory's communes
};

// Usage: auto coverage = computeCoverage(*epcis.find("200046977"), communes, places, counts);
TerritoryCoverage computeCoverage(const Intercommunality& territory, const CommuneDirectory& communes,
                                  const std::vector<CoveragePlace>& places, const CoverageCounts& counts);

// The weekdays (0 = Monday) an opening-hours text opens on in a typical week; nullopt when it cannot tell
// (empty or unreadable text).
std::optional<std::vector<int>> weekdaysOpen(const std::string& openingHours);

}  // namespace mediane::core
