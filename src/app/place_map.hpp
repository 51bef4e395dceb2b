// View-model of the Annuaire's map: the notebook's places on Web Mercator, the part shown, the clusters of the
// zoom level, and the stops of itinerant places. No drawing here: the screen reads it and draws.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/notebook.hpp"
#include "core/map_clusters.hpp"
#include "core/map_projection.hpp"

namespace mediane::store {
class TerritoryQueries;
}

namespace mediane::app {

struct MapPlace {
    std::string id, name, commune;
    core::WorldPoint at;
    bool itinerant = false;
    std::vector<int> days;  // weekdays an itinerant stop is served (0 = Monday), when its hours say so
    std::size_t tour = 0;   // index into PlaceMap::tours() for an itinerant place
};

// The stops of one itinerant service: places marked « Itinérant » sharing a pivot (SIRET), or a name when
// they have no pivot, in the order of the first weekday each is served.
struct ItinerantTour {
    std::vector<std::size_t> stops;  // indices into PlaceMap::places()
};

// Usage (once per frame): map.notice(state.status()); map.refresh(); map.setSize(w, h);
//   for (const auto& c : map.clusters()) ... viewport().toScreen(c.centre) ...
// Places load when the notebook's places change (an import, a sync), never every frame; clusters are computed
// once per zoom level and reused while the map pans.
class PlaceMap {
public:
    // A cluster's cell, in pixels: two discs closer than this merge.
    static constexpr double kCellPixels = 44.0;

    explicit PlaceMap(Notebook& notebook);
    ~PlaceMap();
    PlaceMap(const PlaceMap&) = delete;
    PlaceMap& operator=(const PlaceMap&) = delete;

    void notice(const NotebookStatus& status);
    // Reloads the places when stale. Throws mediane::Error from the store.
    void refresh();
    int loadCount() const { return m_loadCount; }

    const std::vector<MapPlace>& places() const { return m_places; }
    const std::vector<ItinerantTour>& tours() const { return m_tours; }
    // Places of the notebook without coordinates: not on the map (the screen says how many).
    int unlocated() const { return m_unlocated; }
    std::optional<std::size_t> indexOf(const std::string& placeId) const;

    // The first size fits every place in view; later sizes keep the centre and zoom.
    void setSize(double width, double height);
    core::MapViewport& viewport() { return m_viewport; }
    const core::MapViewport& viewport() const { return m_viewport; }
    void fitAll();
    // Centres the map on the place and zooms in to its neighbourhood if farther out (a place opened from the list).
    void reveal(const std::string& placeId);

    // The clusters at the current zoom (every place in exactly one).
    const std::vector<core::MapCluster>& clusters();
    // The cluster whose disc is under the screen point (map-relative pixels), nearest first; nullopt when none.
    std::optional<std::size_t> clusterAt(double screenX, double screenY, double radius);

private:
    Notebook& m_notebook;
    std::unique_ptr<store::TerritoryQueries> m_queries;  // opened on the first refresh
    std::string m_fingerprint;
    bool m_stale = true;
    int m_loadCount = 0;
    std::vector<MapPlace> m_places;
    std::vector<core::WorldPoint> m_points;
    std::vector<ItinerantTour> m_tours;
    std::unordered_map<std::string, std::size_t> m_byId;
    core::WorldBounds m_bounds;
    int m_unlocated = 0;

    core::MapViewport m_viewport;
    bool m_sized = false;
    double m_clusteredScale = -1;
    std::vector<core::MapCluster> m_clusters;
};

}  // namespace mediane::app
