#include "core/coverage.hpp"

#include <algorithm>

#include "core/opening_hours.hpp"

namespace mediane::core {

std::optional<std::vector<int>> weekdaysOpen(const std::string& openingHours) {
    if (openingHours.empty()) return std::nullopt;
    OpeningHours hours = OpeningHours::parse(openingHours);
    if (!hours.parsed()) return std::nullopt;
    std::vector<int> days;
    for (int d = 0; d < 7; ++d)
        if (hours.isOpenDuring(d, 0, 24 * 60).value_or(false)) days.push_back(d);
    return days;
}

TerritoryCoverage computeCoverage(const Intercommunality& territory, const CommuneDirectory& communes,
                                  const std::vector<CoveragePlace>& places, const CoverageCounts& counts) {
    TerritoryCoverage out;
    out.siren = territory.siren;
    out.name = territory.name;

    std::unordered_map<std::string, std::size_t> lineOf;
    for (const auto& code : territory.communes) {
        CommuneCoverage line;
        line.inseeCode = code;
        if (const Commune* c = communes.findByInsee(code)) {
            line.name = c->name;
            line.population = c->population;
        } else {
            line.name = code;  // a code the communes asset does not know yet: shown as its code, never dropped
        }
        out.population += line.population;
        lineOf.emplace(code, out.communes.size());
        out.communes.push_back(std::move(line));
    }
    out.communeCount = static_cast<int>(out.communes.size());
    auto lineFor = [&](const std::string& insee) -> CommuneCoverage* {
        auto it = lineOf.find(municipalityOf(insee));
        return it == lineOf.end() ? nullptr : &out.communes[it->second];
    };

    for (const auto& place : places) {
        CommuneCoverage* line = lineFor(place.inseeCode);
        if (!line) continue;
        ++out.placeCount;
        if (place.sessions == 0) out.idlePlaces.push_back({place.id, place.name, line->name, place.itinerant});
        if (!place.itinerant) {
            ++line->fixedPlaces;
            line->sessions += place.sessions;
            continue;
        }
        ++line->itinerantStops;
        line->sessions += place.sessions;
        if (auto days = weekdaysOpen(place.hours)) {
            for (int d : *days)
                if (std::find(line->servedDays.begin(), line->servedDays.end(), d) == line->servedDays.end())
                    line->servedDays.push_back(d);
            std::sort(line->servedDays.begin(), line->servedDays.end());
        } else {
            line->servedDaysKnown = false;
        }
    }

    for (const auto& [insee, n] : counts.sessionsByCommune)
        if (CommuneCoverage* line = lineFor(insee)) line->sessions += n;
    for (const auto& [insee, n] : counts.learnersByCommune) {
        if (insee.empty()) out.learnersUnknown += n;
        else if (CommuneCoverage* line = lineFor(insee)) line->learners += n;
        else out.learnersOutside += n;
    }

    auto larger = [](const CommuneCoverage& a, const CommuneCoverage& b) {
        if (a.population != b.population) return a.population > b.population;
        return a.inseeCode < b.inseeCode;
    };
    std::sort(out.communes.begin(), out.communes.end(), larger);
    for (const auto& line : out.communes) {
        if (line.fixedPlaces > 0) continue;
        // An itinerant stop whose hours name no day serves nobody: the commune stays a white zone.
        const bool served = line.itinerantStops > 0 && (!line.servedDaysKnown || !line.servedDays.empty());
        if (served) {
            out.itinerantOnly.push_back(line);
        } else {
            out.withoutPlace.push_back(line);
            out.populationWithoutPlace += line.population;
        }
    }
    std::sort(out.idlePlaces.begin(), out.idlePlaces.end(), [](const IdlePlace& a, const IdlePlace& b) {
        return a.name != b.name ? a.name < b.name : a.id < b.id;
    });
    return out;
}

}  // namespace mediane::core
