// The Annuaire's map: places drawn with ImGui's draw list from the PlaceMap view-model, panned and zoomed with
// the mouse and the keyboard, clustered when zoomed out, the open place ringed, an itinerant place's stops joined.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/app_state.hpp"
#include "app/place_map.hpp"

namespace mediane::ui {

class PlaceMapView {
public:
    // Usage: if (auto id = mapView.draw(state, map, view.openId(), found, size)) view.open(*id);
    // Draws in a child region of `size` at the cursor; returns the id of the place clicked (or picked in the
    // list of a cluster too tight to split). `found`: the places the search lists (empty when nothing is
    // searched), marked over the clusters. Tags "directory.map" (the map's rectangle) for tests.
    std::optional<std::string> draw(app::AppState& state, app::PlaceMap& map, const std::string& selectedId,
                                    const std::vector<std::string>& found, ImVec2 size);

    // How many places the search found were marked in the last frame (tests).
    int foundMarked() const { return m_foundMarked; }

private:
    void handleKeys(app::PlaceMap& map);
    void drawScaleBar(app::AppState& state, const app::PlaceMap& map, ImDrawList* draw, ImVec2 origin, ImVec2 size);
    void drawTour(app::AppState& state, const app::PlaceMap& map, std::size_t placeIndex, ImDrawList* draw,
                  ImVec2 origin);

    bool m_dragged = false;
    std::optional<std::size_t> m_listedCluster;  // a cluster whose places are listed in a popup
    double m_listedScale = 0;                     // the zoom that cluster belongs to
    int m_foundMarked = 0;
};

}  // namespace mediane::ui
