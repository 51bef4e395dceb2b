// The Tableau de bord's Couverture tab: a territory picked among the intercommunalities, its communes without a
// place (largest population first), those only an itinerant place serves, where learners live against where
// sessions happen, and the places with no session in the period.
#pragma once

#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/dashboard_figures.hpp"
#include "app/territory_coverage.hpp"

namespace mediane::ui {

class CoveragePanel {
public:
    // Draws the tab's contents for the dashboard's filter (period, structure, place, adviser).
    void draw(app::AppState& state, const app::DashboardFilter& filter);
    // The coverage for the export of that filter: computed now when the tab was never shown; null when no
    // territory was picked. Throws mediane::Error (run it inside AppState::run).
    const core::TerritoryCoverage* coverageFor(app::AppState& state, const app::DashboardFilter& filter);
    // The view-model, for tests; null before the first draw.
    app::CoverageView* view() { return m_view.get(); }

private:
    void ensureView(app::AppState& state);
    void drawTerritoryPicker(app::AppState& state);
    void drawWhiteZones(app::AppState& state, const core::TerritoryCoverage& coverage);
    void drawLearnersAndSessions(app::AppState& state, const core::TerritoryCoverage& coverage);
    void drawIdlePlaces(app::AppState& state, const core::TerritoryCoverage& coverage);

    std::unique_ptr<app::CoverageView> m_view;
    std::string m_query;  // the territory as typed
};

}  // namespace mediane::ui
