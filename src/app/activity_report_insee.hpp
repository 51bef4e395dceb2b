// The INSEE code of a place of activity for the activity reports: the place's own, else found in the national list of communes.
#pragma once

#include <map>
#include <string>

namespace mediane::core {
class CommuneDirectory;
}

namespace mediane::app {

// Why a lookup: places typed in Médiane have a postal code and a commune name but rarely an INSEE code,
// which the national report wants. Several communes share a postal code, so the name picks among them.
// Usage: PlaceInseeCodes insee(&communes); row.insee = insee.of(place.inseeCode, place.postalCode, place.commune);
class PlaceInseeCodes {
public:
    // communes may be null: then only the places' own codes are known.
    explicit PlaceInseeCodes(const core::CommuneDirectory* communes) : m_communes(communes) {}
    // The stored code when there is one; else the commune with that postal code whose name is the place's
    // commune (accents and case ignored; "Lyon 8e" finds « Lyon 8e Arrondissement »), or the only commune
    // of that postal code; else "". Looked up once per (postal code, commune).
    std::string of(const std::string& storedCode, const std::string& postalCode, const std::string& commune);

private:
    std::string lookUp(const std::string& postalCode, const std::string& commune) const;

    const core::CommuneDirectory* m_communes;
    std::map<std::string, std::string> m_known;
};

}  // namespace mediane::app
