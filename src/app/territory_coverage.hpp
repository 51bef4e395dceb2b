// View-model of the Tableau de bord's coverage tab: a territory (an intercommunality) picked by the coordinator,
// and its coverage for the dashboard's filter, cached until the territory, the filter or the notebook change.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/dashboard_figures.hpp"
#include "app/notebook.hpp"
#include "core/commune_directory.hpp"
#include "core/coverage.hpp"
#include "core/intercommunalities.hpp"

namespace mediane::core {
class Translator;
}
namespace mediane::store {
class TerritoryQueries;
}

namespace mediane::app {

class CoverageWorker;

// The coverage of a territory for a filter, computed now (the tab, the CLI and exports).
// Places without an INSEE code get one from their postal code and commune (PlaceInseeCodes).
core::TerritoryCoverage computeTerritoryCoverage(store::TerritoryQueries& queries, const core::CommuneDirectory& communes,
                                                 const core::Intercommunality& territory, const DashboardFilter& filter);

// « mardi, jeudi » for an itinerant stop's days; the translated « jours non précisés » when its hours do not say.
std::string servedDaysText(const core::Translator& tr, const core::CommuneCoverage& commune);

// Usage (once per frame): coverage.notice(state.status()); coverage.setFilter(dashboard.filter());
//   coverage.refreshInBackground();   (the CLI, exports and tests may call refresh(), which computes now)
class CoverageView {
public:
    // The local setting that remembers the coordinator's territory from one visit to the next.
    static constexpr const char* kTerritorySetting = "coverage.territory";

    CoverageView(Notebook& notebook, std::string assetsDir);
    ~CoverageView();
    CoverageView(const CoverageView&) = delete;
    CoverageView& operator=(const CoverageView&) = delete;

    // The intercommunalities and communes of France, read on first use. Throw mediane::Error.
    const core::Intercommunalities& territories();
    const core::CommuneDirectory& communes();

    // The SIREN of the territory shown ("" until one is picked); remembered on this laptop.
    const std::string& territory();
    void setTerritory(const std::string& siren);
    void setFilter(const DashboardFilter& filter);
    void notice(const NotebookStatus& status);
    // Computes when stale and a territory is set. Throws mediane::Error (an unknown SIREN: NotFound).
    void refresh();
    // The GUI's refresh: collects a finished result and posts a stale territory/filter to the worker thread;
    // never waits. The figures shown stay until the new ones arrive (none after a change of territory).
    // Throws mediane::Error: an unknown SIREN, or what the worker's computation threw.
    void refreshInBackground();
    // True while the figures for the current territory and filter are being computed.
    bool computing() const { return m_awaiting; }

    const std::optional<core::TerritoryCoverage>& coverage() const { return m_coverage; }
    int computeCount() const { return m_computeCount; }
    double lastComputeMs() const { return m_lastMs; }

private:
    const core::Intercommunality& chosen();
    void markStale();

    Notebook& m_notebook;
    std::string m_assetsDir;
    std::unique_ptr<core::Intercommunalities> m_territories;
    std::unique_ptr<core::CommuneDirectory> m_communes;
    std::unique_ptr<store::TerritoryQueries> m_queries;
    std::optional<std::string> m_territory;  // nullopt until read from the settings
    DashboardFilter m_filter;
    std::string m_fingerprint;
    bool m_stale = true;
    std::optional<core::TerritoryCoverage> m_coverage;
    int m_computeCount = 0;
    double m_lastMs = 0;
    // Bumped by every change of territory, filter or data: a result for an older generation is dropped.
    std::uint64_t m_generation = 0;
    bool m_awaiting = false;
    std::unique_ptr<CoverageWorker> m_worker;  // last: stopped before what its jobs point into
};

}  // namespace mediane::app
