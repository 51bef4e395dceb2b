#include "app/place_picker.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "core/directory_text.hpp"

namespace mediane::app {

std::string placeLabel(const core::Place& p) {
    std::string where = p.commune;
    if (!p.postalCode.empty()) where += (where.empty() ? "" : " ") + p.postalCode;
    return where.empty() ? p.name : p.name + " (" + where + ")";
}

void PlacePicker::setPlaces(std::vector<core::Place> places) {
    m_places = std::move(places);
    m_folded.clear();
    m_folded.reserve(m_places.size());
    for (const auto& p : m_places) m_folded.push_back(core::foldText(p.name + " " + p.commune + " " + p.postalCode));
    setQuery(m_query);
}

void PlacePicker::setQuery(const std::string& typed) {
    m_query = typed;
    m_matches.clear();
    m_count = 0;
    m_highlight = 0;
    std::vector<std::string> words;
    std::istringstream in(core::foldText(typed));
    for (std::string w; in >> w;) words.push_back(w);
    for (std::size_t i = 0; i < m_places.size(); ++i) {
        bool all = std::all_of(words.begin(), words.end(),
                               [&](const std::string& w) { return m_folded[i].find(w) != std::string::npos; });
        if (!all) continue;
        ++m_count;
        if (m_matches.size() < kLimit) m_matches.push_back(&m_places[i]);
    }
}

void PlacePicker::moveHighlight(int delta) {
    if (m_matches.empty()) return;
    m_highlight = std::clamp(m_highlight + delta, 0, static_cast<int>(m_matches.size()) - 1);
}

std::optional<std::string> PlacePicker::confirm() {
    if (m_matches.empty()) return std::nullopt;
    return m_matches[static_cast<std::size_t>(m_highlight)]->id;
}

const core::Place* PlacePicker::find(const std::string& id) const {
    for (const auto& p : m_places)
        if (p.id == id) return &p;
    return nullptr;
}

std::vector<core::Place> orderForPicking(std::vector<core::Place> places, const std::vector<core::Place>& own,
                                         const std::string& lastPlaceId) {
    std::set<std::string> ownIds;
    for (const auto& p : own) ownIds.insert(p.id);
    auto rank = [&](const core::Place& p) { return p.id == lastPlaceId ? 0 : ownIds.count(p.id) ? 1 : 2; };
    std::stable_sort(places.begin(), places.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    return places;
}

}  // namespace mediane::app
