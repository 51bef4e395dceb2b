// The Tableau de bord tab: the coordinator's filters, activity figures and charts, Pass numérique, progress, exports.
#pragma once

#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/dashboard.hpp"

namespace mediane::ui {

class DashboardScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
    // The view-model, for tests; null before the first draw.
    app::Dashboard* dashboard() { return m_dashboard.get(); }
    // Where the export buttons write (defaults to an "exports" folder beside the notebook).
    void setExportFolder(const std::string& folder) { m_exportFolder = folder; }

private:
    void drawFilters(app::AppState& state);
    void drawExports(app::AppState& state);
    void drawActivity(app::AppState& state);
    void drawPass(app::AppState& state);
    void drawProgress(app::AppState& state);
    void exportFile(app::AppState& state, const std::string& what);

    std::unique_ptr<app::Dashboard> m_dashboard;
    // The period as typed: applied to the filter only once both are valid dates.
    std::string m_from, m_to;
    std::string m_exportFolder;
    std::string m_lastExport;
};

}  // namespace mediane::ui
