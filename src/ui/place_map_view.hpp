// The Annuaire's map: places drawn with ImGui's draw list from the PlaceMap view-model, panned and zoomed with
// the mouse and the keyboard, clustered when zoomed out, the open place ringed, an itinerant place's stops joined.
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include "app/app_state.hpp"
#include "app/place_map.hpp"

namespace mediane::ui {

class PlaceMapView {
public:
    // Usage: if (auto id = mapView.draw(state, map, view.openId(), size)) view.open(*id);
    // Draws in a child region of `size` at the cursor; returns the id of the place clicked (or picked in the
    // list of a cluster too tight to split). Tags "directory.map" (the map's rectangle) for tests.
    std::optional<std::string> draw(app::AppState& state, app::PlaceMap& map, const std::string& selectedId,
                                     ImVec2 size);

private:
    void handleKeys(app::PlaceMap& map);
    void drawScaleBar(app::AppState& state, const app::PlaceMap& map, ImDrawList* draw, ImVec2 origin, ImVec2 size);
    void drawTour(app::AppState& state, const app::PlaceMap& map, std::size_t placeIndex, ImDrawList* draw,
                  ImVec2 origin);

    bool m_dragged = false;
    std::optional<std::size_t> m_listedCluster;  // a cluster whose places are listed in a popup
    double m_listedScale = 0;                     // the zoom that cluster belongs to
};

}  // namespace mediane::ui
