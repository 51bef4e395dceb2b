// The Tableau de bord tab: the coordinator's filters, activity figures and charts, Pass numérique, progress, exports.
#pragma once

#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/dashboard.hpp"
#include "ui/coverage_panel.hpp"
#include "ui/folder_picker.hpp"

namespace mediane::ui {

class DashboardScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
    // The view-model, for tests; null before the first draw.
    app::Dashboard* dashboard() { return m_dashboard.get(); }
    // The Couverture tab, for tests.
    CoveragePanel& coverage() { return m_coverage; }
    // Where the export buttons write (defaults to the folder last chosen, else ~/Documents: app::exportFolder).
    void setExportFolder(const std::string& folder) { m_exportFolder = folder; }

private:
    void drawFilters(app::AppState& state);
    void drawExports(app::AppState& state);
    void drawActivity(app::AppState& state);
    void drawPass(app::AppState& state);
    // The Pass tab's figures per funder and month: a line per funder (expiring, unused), a table of its months.
    void drawFunders(app::AppState& state, const std::vector<app::FunderPass>& funders);
    void drawProgress(app::AppState& state);
    void exportFile(app::AppState& state, const std::string& what);

    std::unique_ptr<app::Dashboard> m_dashboard;
    // The period as typed: applied to the filter only once both are valid dates.
    std::string m_from, m_to;
    std::string m_exportFolder;  // empty until the first draw reads the saved one
    std::string m_lastExport;
    bool m_spreadsheetCsv = false;  // CSV with `;` and a BOM, for French Excel
    FolderPicker m_folderPicker;
    CoveragePanel m_coverage;
};

}  // namespace mediane::ui
