#include "app/activity_report_insee.hpp"

#include <algorithm>

#include "core/commune_directory.hpp"
#include "core/directory_text.hpp"

namespace mediane::app {

std::string PlaceInseeCodes::of(const std::string& storedCode, const std::string& postalCode,
                                const std::string& commune) {
    if (!storedCode.empty()) return storedCode;
    if (!m_communes || (postalCode.empty() && commune.empty())) return {};
    const std::string key = postalCode + '\x1f' + commune;
    auto found = m_known.find(key);
    if (found == m_known.end()) found = m_known.emplace(key, lookUp(postalCode, commune)).first;
    return found->second;
}

std::string PlaceInseeCodes::lookUp(const std::string& postalCode, const std::string& commune) const {
    const std::string name = core::foldText(commune);
    std::vector<const core::Commune*> candidates;
    if (!postalCode.empty()) {
        for (const auto* c : m_communes->search(postalCode, 50))
            if (std::find(c->postalCodes.begin(), c->postalCodes.end(), postalCode) != c->postalCodes.end())
                candidates.push_back(c);
    } else {
        candidates = m_communes->search(commune, 50);
    }
    for (const auto* c : candidates)
        if (core::foldText(c->name) == name) return c->inseeCode;
    // "Lyon 8e" for « Lyon 8e Arrondissement », "Saint-Priest" for « Saint-Priest » (a hyphen folds to a space).
    for (const auto* c : candidates)
        if (!name.empty() && core::foldText(c->name).rfind(name + " ", 0) == 0) return c->inseeCode;
    if (!postalCode.empty() && candidates.size() == 1) return candidates.front()->inseeCode;
    return {};
}

}  // namespace mediane::app
