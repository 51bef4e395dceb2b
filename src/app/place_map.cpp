#include "app/place_map.hpp"

#include <algorithm>
#include <map>

#include "core/coverage.hpp"
#include "store/territory_queries.hpp"

namespace mediane::app {

PlaceMap::PlaceMap(Notebook& notebook) : m_notebook(notebook) {}

PlaceMap::~PlaceMap() = default;

void PlaceMap::notice(const NotebookStatus& s) {
    std::string fingerprint = std::to_string(s.places) + "/" + std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint == m_fingerprint) return;
    m_fingerprint = std::move(fingerprint);
    m_stale = true;
}

void PlaceMap::refresh() {
    if (!m_stale) return;
    m_stale = false;
    ++m_loadCount;
    const bool wasEmpty = m_places.empty();
    m_places.clear();
    m_points.clear();
    m_tours.clear();
    m_byId.clear();
    m_bounds = {};
    m_unlocated = 0;
    m_clusteredScale = -1;

    std::map<std::string, std::size_t> tourOf;
    if (!m_queries) m_queries = store::TerritoryQueries::openReadOnly(m_notebook.dataFile());
    for (auto& p : m_queries->places()) {
        std::optional<core::WorldPoint> at;
        if (p.latitude && p.longitude) at = core::project(*p.latitude, *p.longitude);
        if (!at) {
            ++m_unlocated;
            continue;
        }
        MapPlace place{p.id, p.name, p.commune, *at, p.itinerant, {}, 0};
        if (p.itinerant) {
            place.days = core::weekdaysOpen(p.hours).value_or(std::vector<int>{});
            std::string key = p.pivot.empty() ? "name:" + p.name : "pivot:" + p.pivot;
            auto [it, added] = tourOf.emplace(key, m_tours.size());
            if (added) m_tours.emplace_back();
            place.tour = it->second;
            m_tours[it->second].stops.push_back(m_places.size());
        }
        m_byId.emplace(place.id, m_places.size());
        m_bounds.extend(*at);
        m_points.push_back(*at);
        m_places.push_back(std::move(place));
    }
    // A tour is drawn in the order of the week: the stop served first in the week first.
    auto firstDay = [&](std::size_t i) { return m_places[i].days.empty() ? 7 : m_places[i].days.front(); };
    for (auto& tour : m_tours)
        std::stable_sort(tour.stops.begin(), tour.stops.end(),
                         [&](std::size_t a, std::size_t b) { return firstDay(a) < firstDay(b); });
    // Places arriving in an empty map (the first load, the first import) are brought into view.
    if (m_sized && wasEmpty) fitAll();
}

std::optional<std::size_t> PlaceMap::indexOf(const std::string& placeId) const {
    auto it = m_byId.find(placeId);
    if (it == m_byId.end()) return std::nullopt;
    return it->second;
}

void PlaceMap::setSize(double width, double height) {
    m_viewport.setSize(width, height);
    if (m_sized) return;
    m_sized = true;
    fitAll();
}

void PlaceMap::fitAll() {
    if (m_bounds.empty()) {
        // Metropolitan France, when there is nothing to show yet.
        core::WorldBounds france;
        france.extend(*core::project(51.1, -4.8));
        france.extend(*core::project(42.3, 8.3));
        m_viewport.fit(france);
        return;
    }
    // A margin wide enough that no place sits under the count, the zoom buttons or the scale bar.
    m_viewport.fit(m_bounds, 56.0);
}

void PlaceMap::reveal(const std::string& placeId) {
    auto i = indexOf(placeId);
    if (!i) return;
    // The adviser asks where a place is: its neighbourhood, centred, close enough that it stands alone.
    constexpr double kNeighbourhoodScale = 40075.0 * 150.0;  // about 150 pixels a kilometre
    m_viewport.setCentre(m_places[*i].at);
    if (m_viewport.scale() < kNeighbourhoodScale) m_viewport.setScale(kNeighbourhoodScale);
}

const std::vector<core::MapCluster>& PlaceMap::clusters() {
    if (m_viewport.scale() != m_clusteredScale) {
        m_clusters = core::clusterPoints(m_points, m_viewport.scale(), kCellPixels);
        m_clusteredScale = m_viewport.scale();
    }
    return m_clusters;
}

std::optional<std::size_t> PlaceMap::clusterAt(double screenX, double screenY, double radius) {
    std::optional<std::size_t> best;
    double bestDistance = radius * radius;
    const auto& all = clusters();
    for (std::size_t i = 0; i < all.size(); ++i) {
        auto s = m_viewport.toScreen(all[i].centre);
        double dx = s.x - screenX, dy = s.y - screenY, d = dx * dx + dy * dy;
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

}  // namespace mediane::app
