#include "app/territory_coverage.hpp"

#include <chrono>

#include "app/activity_report_insee.hpp"
#include "app/coverage_worker.hpp"
#include "core/error.hpp"
#include "core/translator.hpp"
#include "store/territory_queries.hpp"

namespace mediane::app {

core::TerritoryCoverage computeTerritoryCoverage(store::TerritoryQueries& queries, const core::CommuneDirectory& communes,
                                                 const core::Intercommunality& territory, const DashboardFilter& filter) {
    PlaceInseeCodes insee(&communes);
    auto sessionsPerPlace = queries.sessionsPerPlace(filter);
    std::vector<core::CoveragePlace> places;
    for (auto& p : queries.places()) {
        core::CoveragePlace place;
        place.id = p.id;
        place.name = p.name;
        place.inseeCode = insee.of(p.inseeCode, p.postalCode, p.commune);
        place.itinerant = p.itinerant;
        place.hours = p.hours;
        if (auto it = sessionsPerPlace.find(p.id); it != sessionsPerPlace.end()) place.sessions = it->second;
        places.push_back(std::move(place));
    }
    core::CoverageCounts counts;
    counts.sessionsByCommune = queries.sessionsPerCommune(filter);
    counts.learnersByCommune = queries.learnersPerCommune(filter);
    return core::computeCoverage(territory, communes, places, counts);
}

std::string servedDaysText(const core::Translator& tr, const core::CommuneCoverage& commune) {
    static const char* const kDays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    std::string out;
    for (int d : commune.servedDays) {
        if (d < 0 || d > 6) continue;
        if (!out.empty()) out += ", ";
        out += tr.tr(std::string("directory.hours.day.") + kDays[d]);
    }
    if (!commune.servedDaysKnown) {
        if (!out.empty()) out += ", ";
        out += tr.tr("map.coverage.days_unknown");
    }
    return out;
}

CoverageView::CoverageView(Notebook& notebook, std::string assetsDir)
    : m_notebook(notebook), m_assetsDir(std::move(assetsDir)) {}

CoverageView::~CoverageView() = default;

const core::Intercommunalities& CoverageView::territories() {
    if (!m_territories)
        m_territories = std::make_unique<core::Intercommunalities>(
            core::Intercommunalities::loadFile(m_assetsDir + "/communes/intercommunalites.csv"));
    return *m_territories;
}

const core::CommuneDirectory& CoverageView::communes() {
    if (!m_communes)
        m_communes = std::make_unique<core::CommuneDirectory>(
            core::CommuneDirectory::loadFile(m_assetsDir + "/communes/communes.csv"));
    return *m_communes;
}

const std::string& CoverageView::territory() {
    if (!m_territory) m_territory = m_notebook.settings().get(kTerritorySetting);
    return *m_territory;
}

void CoverageView::markStale() {
    m_stale = true;
    ++m_generation;
}

void CoverageView::setTerritory(const std::string& siren) {
    if (siren == territory()) return;
    m_notebook.settings().set(kTerritorySetting, siren);
    m_territory = siren;
    m_coverage.reset();  // another territory's figures would be read as this one's
    markStale();
}

void CoverageView::setFilter(const DashboardFilter& filter) {
    if (filter == m_filter) return;
    m_filter = filter;
    markStale();
}

void CoverageView::notice(const NotebookStatus& s) {
    std::string fingerprint = std::to_string(s.places) + "/" + std::to_string(s.sessions) + "/" +
                              std::to_string(s.learners) + "/" + std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint == m_fingerprint) return;
    m_fingerprint = std::move(fingerprint);
    markStale();
}

const core::Intercommunality& CoverageView::chosen() {
    const core::Intercommunality* found = territories().find(territory());
    if (!found) throw Error(Error::Kind::NotFound, "map.err.territory_unknown", {{"siren", territory()}});
    return *found;
}

void CoverageView::refresh() {
    if (!m_stale || territory().empty()) return;
    m_stale = false;
    m_awaiting = false;  // a result still on its way is of this generation or older: it will be dropped
    ++m_generation;
    const auto& territoryChosen = chosen();
    auto start = std::chrono::steady_clock::now();
    if (!m_queries) m_queries = store::TerritoryQueries::openReadOnly(m_notebook.dataFile());
    m_coverage = computeTerritoryCoverage(*m_queries, communes(), territoryChosen, m_filter);
    ++m_computeCount;
    m_lastMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void CoverageView::refreshInBackground() {
    if (m_worker) {
        if (auto result = m_worker->take()) {
            if (result->generation == m_generation) {
                m_awaiting = false;
                if (result->error) std::rethrow_exception(result->error);
                m_coverage = std::move(result->coverage);
                ++m_computeCount;
                m_lastMs = result->ms;
            }
        }
    }
    if (!m_stale || territory().empty()) return;
    m_stale = false;
    const auto& territoryChosen = chosen();
    (void)communes();  // read here, once, before the worker shares it
    if (!m_worker) m_worker = std::make_unique<CoverageWorker>(m_notebook.dataFile(), communes());
    m_worker->post({m_generation, &territoryChosen, m_filter});
    m_awaiting = true;
}

}  // namespace mediane::app
