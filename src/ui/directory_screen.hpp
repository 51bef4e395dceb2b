// The Annuaire tab: search the Rés'IN directory, filter it, see the places on a map, read a place's card and
// orient the learner there.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "app/directory_view.hpp"
#include "app/place_map.hpp"
#include "ui/place_map_view.hpp"

namespace mediane::ui {

class DirectoryScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);

    // The view-model, for tests; null before the first draw.
    app::DirectoryView* view() { return m_view.get(); }
    // Tests fix "now" for « Ouvert maintenant »; call before the first draw.
    void setClock(app::LocalClock clock) { m_clock = std::move(clock); }
    // The map's view-model, for tests; null before the map is first shown.
    app::PlaceMap* map() { return m_map.get(); }
    bool showsMap() const { return m_showMap; }
    const PlaceMapView& mapView() const { return m_mapView; }

private:
    void refreshView(app::AppState& state);
    void drawSearch(app::AppState& state);
    void drawFilters(app::AppState& state);
    void drawList(app::AppState& state);
    void drawCard(app::AppState& state);
    void drawCardDetails(app::AppState& state);
    void orientHere(app::AppState& state);
    void drawPaneSwitch(app::AppState& state);
    void drawMapPane(app::AppState& state);
    void drawMapStrip(app::AppState& state);

    std::unique_ptr<app::DirectoryView> m_view;
    app::LocalClock m_clock = app::localNow;
    app::DirectoryFilters m_filters;  // as the adviser sets them; the view re-queries only when they change
    int m_lastDrawnFrame = -10;       // to give the search box the keyboard when the tab opens
    std::unique_ptr<app::PlaceMap> m_map;
    PlaceMapView m_mapView;
    // The right pane shows the map until a place is picked in the list, then its card; the adviser switches back.
    bool m_showMap = true;
    bool m_revealOnMap = false;       // centre the open place when the map is shown again
    std::vector<std::string> m_found; // the listed places' ids, marked on the map (kept to reuse its memory)
};

}  // namespace mediane::ui
