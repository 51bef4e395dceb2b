#include "store/territory_queries.hpp"

#include "store/database.hpp"

namespace mediane::store {

namespace {

std::unordered_map<std::string, std::int64_t> countsBy(Database& db, const std::string& sql,
                                                       const std::vector<std::string>& values) {
    auto st = db.prepare(sql);
    for (std::size_t i = 0; i < values.size(); ++i) st.bind(static_cast<int>(i) + 1, values[i]);
    std::unordered_map<std::string, std::int64_t> out;
    while (st.step()) out[st.columnText(0)] += st.columnInt(1);
    return out;
}

}  // namespace

TerritoryQueries::TerritoryQueries(Database& db) : m_db(db) {}

TerritoryQueries::~TerritoryQueries() = default;

void TerritoryQueries::stopWhen(const std::atomic<bool>* stop) { m_db.stopWhen(stop); }

std::unique_ptr<TerritoryQueries> TerritoryQueries::openReadOnly(const std::string& file) {
    auto db = std::make_unique<Database>(file, OpenMode::ReadOnly);
    auto queries = std::make_unique<TerritoryQueries>(*db);
    queries->m_ownConnection = std::move(db);
    return queries;
}

std::vector<PlaceLocation> TerritoryQueries::places() {
    // `itinerance` is stored as the standard writes it ("Itinérant|Fixe"): a LIKE keeps the test in SQL.
    auto st = m_db.prepare(
        "SELECT id, name, commune, postal_code, code_insee, latitude, longitude, "
        "itinerance LIKE '%Itinérant%', horaires, pivot, in_directory FROM places ORDER BY id");
    std::vector<PlaceLocation> out;
    while (st.step()) {
        PlaceLocation p;
        p.id = st.columnText(0);
        p.name = st.columnText(1);
        p.commune = st.columnText(2);
        p.postalCode = st.columnText(3);
        p.inseeCode = st.columnText(4);
        if (!st.columnIsNull(5) && !st.columnIsNull(6)) {
            p.latitude = st.columnDouble(5);
            p.longitude = st.columnDouble(6);
        }
        p.itinerant = st.columnInt(7) != 0;
        p.hours = st.columnText(8);
        p.pivot = st.columnText(9);
        p.inDirectory = st.columnInt(10) != 0;
        out.push_back(std::move(p));
    }
    return out;
}

std::unordered_map<std::string, std::int64_t> TerritoryQueries::sessionsPerPlace(const DashboardFilter& filter) {
    auto where = DashboardQueries::sessionWhere(filter);
    return countsBy(m_db,
                    "SELECT s.place_id, count(*) FROM sessions s WHERE s.place_mode = 'lieu_activite' "
                    "AND s.place_id IS NOT NULL" + where.sql + " GROUP BY s.place_id",
                    where.values);
}

std::unordered_map<std::string, std::int64_t> TerritoryQueries::sessionsPerCommune(const DashboardFilter& filter) {
    auto where = DashboardQueries::sessionWhere(filter);
    return countsBy(m_db,
                    "SELECT s.commune_insee, count(*) FROM sessions s WHERE s.place_mode IN ('domicile', 'autre') "
                    "AND s.commune_insee <> ''" + where.sql + " GROUP BY s.commune_insee",
                    where.values);
}

std::unordered_map<std::string, std::int64_t> TerritoryQueries::learnersPerCommune(const DashboardFilter& filter) {
    auto where = DashboardQueries::sessionWhere(filter);
    return countsBy(m_db,
                    "SELECT l.commune_insee, count(DISTINCT l.id) FROM sessions s "
                    "JOIN session_learners sl ON sl.session_id = s.id JOIN learners l ON l.id = sl.learner_id "
                    "WHERE 1" + where.sql + " GROUP BY l.commune_insee",
                    where.values);
}

}  // namespace mediane::store
