#include "store/dashboard_queries.hpp"

#include <map>

#include "core/calendar.hpp"
#include "store/database.hpp"

namespace mediane::store {

namespace {

// Open ends of a period compare as the earliest and latest possible ISO dates.
std::string fromOf(const DashboardFilter& f) { return f.from; }
std::string toOf(const DashboardFilter& f) { return f.to.empty() ? std::string("9999-12-31") : f.to; }

void bindAll(Statement& st, const std::vector<std::string>& values, int first = 1) {
    for (std::size_t i = 0; i < values.size(); ++i) st.bind(first + static_cast<int>(i), values[i]);
}

std::vector<CodeCount> codeCounts(Database& db, const std::string& sql,
                                  const std::vector<std::string>& values = {}) {
    auto st = db.prepare(sql);
    bindAll(st, values);
    std::vector<CodeCount> out;
    while (st.step()) out.push_back({st.columnText(0), st.columnInt(1)});
    return out;
}

// The latest score of a (learner, competence) before the period, else the first in it, against the last in it.
// Why a correlated subquery for the baseline: it walks assessments_by_learner for a few rows per learner
// instead of ranking every assessment ever made.
std::string movesSql(bool scoped) {
    // One pass over the period's assessments gives both ends per (learner, competence): a self-join of the
    // ranked rows instead took seconds once ANALYZE statistics led SQLite to a nested loop over them.
    std::string sql =
        "WITH moves AS ("
        "  SELECT r.learner_id, r.competence_code, r.score AS last,"
        "    coalesce((SELECT b.score FROM assessments b WHERE b.learner_id = r.learner_id"
        "              AND b.competence_code = r.competence_code AND b.date < ?1"
        "              ORDER BY b.date DESC, b.id DESC LIMIT 1), r.first_score) AS base"
        "  FROM (SELECT learner_id, competence_code, score,"
        "      first_value(score) OVER (PARTITION BY learner_id, competence_code ORDER BY date, id) AS first_score,"
        "      row_number() OVER (PARTITION BY learner_id, competence_code ORDER BY date DESC, id DESC) AS last_rn"
        "    FROM assessments WHERE date >= ?1 AND date <= ?2";
    if (scoped)
        sql += " AND learner_id IN (SELECT sl.learner_id FROM session_learners sl "
               "JOIN temp.dash_sessions d ON d.id = sl.session_id)";
    sql += ") r WHERE r.last_rn = 1) ";
    return sql;
}

// The national vocabularies' code for a gender, age bracket or status nobody gave.
constexpr const char* kNotGiven = "non_communique";

bool scoped(const DashboardFilter& f) { return !f.structure.empty() || !f.placeId.empty() || !f.adviser.empty(); }

}  // namespace

std::unique_ptr<DashboardQueries> DashboardQueries::openReadOnly(const std::string& file) {
    auto db = std::make_unique<Database>(file, OpenMode::ReadOnly);
    auto queries = std::unique_ptr<DashboardQueries>(new DashboardQueries(*db));
    queries->m_ownConnection = std::move(db);
    return queries;
}

DashboardQueries::DashboardQueries(Database& db) : m_db(db) {}

DashboardQueries::~DashboardQueries() = default;

void DashboardQueries::stopWhen(const std::atomic<bool>* stop) { m_db.stopWhen(stop); }

DashboardQueries::Where DashboardQueries::sessionWhere(const DashboardFilter& filter) {
    // Only the filters in use become clauses, so SQLite can pick the index of the most selective one.
    Where w;
    if (!filter.from.empty()) {
        w.sql += " AND s.date >= ?";
        w.values.push_back(filter.from);
    }
    if (!filter.to.empty()) {
        w.sql += " AND s.date <= ?";
        w.values.push_back(filter.to);
    }
    if (!filter.structure.empty()) {
        w.sql += " AND s.structure = ?";
        w.values.push_back(filter.structure);
    }
    if (!filter.placeId.empty()) {
        w.sql += " AND s.place_id = ?";
        w.values.push_back(filter.placeId);
    }
    if (!filter.adviser.empty()) {
        w.sql += " AND s.adviser = ?";
        w.values.push_back(filter.adviser);
    }
    return w;
}

FilterChoices DashboardQueries::choices() {
    FilterChoices c;
    auto structures = m_db.prepare(
        "SELECT structure FROM sessions WHERE structure <> '' UNION "
        "SELECT structure FROM pass_booklets WHERE structure <> '' ORDER BY 1");
    while (structures.step()) c.structures.push_back(structures.columnText(0));
    auto places = m_db.prepare(
        "SELECT p.id, p.name FROM places p WHERE p.id IN (SELECT DISTINCT place_id FROM sessions "
        "WHERE place_id IS NOT NULL) ORDER BY p.name COLLATE NOCASE");
    while (places.step()) c.places.emplace_back(places.columnText(0), places.columnText(1));
    auto advisers = m_db.prepare("SELECT DISTINCT adviser FROM sessions WHERE adviser <> '' ORDER BY 1");
    while (advisers.step()) c.advisers.push_back(advisers.columnText(0));
    auto range = m_db.prepare("SELECT min(date), max(date) FROM sessions");
    if (range.step() && !range.columnIsNull(0)) {
        c.firstDate = range.columnText(0);
        c.lastDate = range.columnText(1);
    }
    return c;
}

void DashboardQueries::selectSessions(const DashboardFilter& filter) {
    m_db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS dash_sessions ("
        "  id TEXT PRIMARY KEY, month TEXT NOT NULL, kind TEXT NOT NULL, minutes INTEGER NOT NULL,"
        "  place_mode TEXT NOT NULL, place_id TEXT, anonymous INTEGER NOT NULL, oriented INTEGER NOT NULL"
        ") WITHOUT ROWID");
    m_db.exec("DELETE FROM temp.dash_sessions");
    auto where = sessionWhere(filter);
    auto st = m_db.prepare(
        "INSERT INTO temp.dash_sessions SELECT s.id, substr(s.date, 1, 7), s.kind, s.duration_minutes, "
        "s.place_mode, s.place_id, s.anonymous_count, s.oriented <> 0 "
        "FROM sessions s WHERE 1" + where.sql);
    bindAll(st, where.values);
    st.run();
}

ActivityFigures DashboardQueries::activity(const DashboardFilter& filter) {
    selectSessions(filter);
    ActivityFigures a;
    std::int64_t anonymousTotal = 0;
    auto totals = m_db.prepare(
        "SELECT count(*), coalesce(avg(minutes), 0), coalesce(sum(anonymous), 0), coalesce(sum(oriented), 0) "
        "FROM dash_sessions");
    if (totals.step()) {
        a.sessions = totals.columnInt(0);
        a.averageMinutes = totals.columnDouble(1);
        anonymousTotal = totals.columnInt(2);
        a.participants = anonymousTotal;
        a.orientations = totals.columnInt(3);
    }
    // The session–learner links of the selection, read once: totals, months and profiles all count them.
    // Emptied and refilled rather than dropped: dropping a table is refused while any statement is open.
    m_db.exec("CREATE TEMP TABLE IF NOT EXISTS dash_links (month TEXT NOT NULL, learner_id TEXT NOT NULL)");
    m_db.exec("DELETE FROM temp.dash_links");
    m_db.exec(
        "INSERT INTO temp.dash_links SELECT d.month, sl.learner_id "
        "FROM temp.dash_sessions d JOIN session_learners sl ON sl.session_id = d.id");
    auto links = m_db.prepare("SELECT count(*), count(DISTINCT learner_id) FROM temp.dash_links");
    if (links.step()) {
        a.participants += links.columnInt(0);
        a.learners = links.columnInt(1);
    }

    auto months = m_db.prepare(
        "SELECT month, sum(kind = 'individuel'), sum(kind = 'collectif') "
        "FROM dash_sessions GROUP BY month ORDER BY month");
    while (months.step()) a.months.push_back({months.columnText(0), months.columnInt(1), months.columnInt(2), 0});
    auto monthLearners = m_db.prepare(
        "SELECT month, count(DISTINCT learner_id) FROM temp.dash_links GROUP BY month ORDER BY month");
    std::size_t i = 0;
    while (monthLearners.step()) {
        std::string month = monthLearners.columnText(0);
        while (i < a.months.size() && a.months[i].month < month) ++i;
        if (i < a.months.size() && a.months[i].month == month) a.months[i].learners = monthLearners.columnInt(1);
    }

    a.byKind = codeCounts(m_db, "SELECT kind, count(*) FROM dash_sessions GROUP BY kind ORDER BY 2 DESC, 1");
    a.byTheme = codeCounts(m_db,
                           "SELECT t.code, count(*) FROM dash_sessions d JOIN session_tags t "
                           "ON t.session_id = d.id AND t.facet = 'theme' GROUP BY t.code ORDER BY 2 DESC, 1");
    a.byPlaceKind = codeCounts(m_db,
                               "SELECT CASE WHEN d.place_mode = 'lieu_activite' THEN coalesce(p.kind, '') "
                               "ELSE 'mode:' || d.place_mode END AS k, count(*) FROM dash_sessions d "
                               "LEFT JOIN places p ON p.id = d.place_id GROUP BY k ORDER BY 2 DESC, 1");
    a.byRedirection = codeCounts(m_db,
                                 "SELECT s.redirection, count(*) FROM dash_sessions d JOIN sessions s ON s.id = d.id "
                                 "WHERE d.oriented GROUP BY 1 ORDER BY 2 DESC, 1");
    a.byDurationMinutes = codeCounts(m_db, "SELECT minutes, count(*) FROM dash_sessions GROUP BY minutes ORDER BY minutes");

    // Gender, age bracket and social status in one pass over the distinct learners…
    std::map<std::string, std::int64_t> genders, ages, statuses;
    auto orUnsaid = [](std::string code) { return code.empty() ? std::string(kNotGiven) : code; };
    auto profiles = m_db.prepare(
        "SELECT l.gender, l.age_bracket, l.social_status, count(*) FROM (SELECT DISTINCT learner_id FROM temp.dash_links) x "
        "JOIN learners l ON l.id = x.learner_id GROUP BY 1, 2, 3");
    while (profiles.step()) {
        genders[orUnsaid(profiles.columnText(0))] += profiles.columnInt(3);
        ages[orUnsaid(profiles.columnText(1))] += profiles.columnInt(3);
        statuses[orUnsaid(profiles.columnText(2))] += profiles.columnInt(3);
    }
    // … then the anonymous participants: their breakdowns ("code:count" entries), the rest unsaid.
    auto anonymous = m_db.prepare(
        "SELECT t.facet, substr(t.code, 1, instr(t.code, ':') - 1), sum(CAST(substr(t.code, instr(t.code, ':') + 1) "
        "AS INTEGER)) FROM dash_sessions d JOIN session_tags t ON t.session_id = d.id "
        "AND t.facet IN ('anonymous_gender', 'anonymous_age', 'anonymous_status') WHERE d.anonymous > 0 "
        "AND instr(t.code, ':') > 0 GROUP BY 1, 2");
    std::int64_t saidGender = 0, saidAge = 0, saidStatus = 0;
    while (anonymous.step()) {
        std::string facet = anonymous.columnText(0);
        std::int64_t n = anonymous.columnInt(2);
        auto& into = facet == "anonymous_gender" ? genders : facet == "anonymous_age" ? ages : statuses;
        auto& said = facet == "anonymous_gender" ? saidGender : facet == "anonymous_age" ? saidAge : saidStatus;
        into[orUnsaid(anonymous.columnText(1))] += n;
        said += n;
    }
    if (anonymousTotal - saidGender > 0) genders[kNotGiven] += anonymousTotal - saidGender;
    if (anonymousTotal - saidAge > 0) ages[kNotGiven] += anonymousTotal - saidAge;
    if (anonymousTotal - saidStatus > 0) statuses[kNotGiven] += anonymousTotal - saidStatus;
    for (const auto& [code, n] : genders) a.byGender.push_back({code, n});
    for (const auto& [code, n] : ages) a.byAgeBracket.push_back({code, n});
    for (const auto& [code, n] : statuses) a.bySocialStatus.push_back({code, n});
    return a;
}

PassFigures DashboardQueries::pass(const DashboardFilter& filter, const std::string& today) {
    PassFigures p;
    std::string structureClause = filter.structure.empty() ? "" : " AND b.structure = ?3";
    auto stock = m_db.prepare(
        "SELECT b.structure, count(*), "
        "sum(c.state = 'in_stock' AND b.expiry >= ?1), sum(c.state = 'given' AND b.expiry >= ?1), "
        "sum(c.state = 'redeemed'), sum(c.state = 'paid'), "
        "sum(c.state IN ('in_stock', 'given') AND b.expiry < ?1), "
        "sum(c.state IN ('in_stock', 'given') AND b.expiry >= ?1 AND b.expiry <= ?2) "
        "FROM pass_booklets b JOIN pass_cheques c ON c.booklet_id = b.id WHERE 1" +
        structureClause + " GROUP BY b.structure ORDER BY b.structure");
    stock.bind(1, today).bind(2, core::addDays(today, 30));
    if (!filter.structure.empty()) stock.bind(3, filter.structure);
    while (stock.step()) {
        StructureStock s;
        s.structure = stock.columnText(0);
        s.stock.received = stock.columnInt(1);
        s.stock.inStock = stock.columnInt(2);
        s.stock.given = stock.columnInt(3);
        s.stock.redeemed = stock.columnInt(4);
        s.stock.paid = stock.columnInt(5);
        s.stock.expired = stock.columnInt(6);
        s.stock.expiringSoon = stock.columnInt(7);
        p.perStructure.push_back(s);
    }

    std::vector<std::string> values = {std::max(fromOf(filter), std::string("0")), toOf(filter)};
    std::string sql =
        "SELECT substr(c.redeemed_on, 1, 7) AS m, count(*) FROM pass_cheques c "
        "JOIN pass_booklets b ON b.id = c.booklet_id WHERE c.redeemed_on >= ?1 AND c.redeemed_on <= ?2";
    if (!filter.structure.empty()) {
        sql += " AND b.structure = ?3";
        values.push_back(filter.structure);
    }
    p.redemptionsPerMonth = codeCounts(m_db, sql + " GROUP BY m ORDER BY m", values);
    p.perFunder = PassLedger(m_db).perFunder(fromOf(filter), filter.to, today, validityPolicyOf(m_db));
    return p;
}

std::vector<DomainMoves> DashboardQueries::progress(const DashboardFilter& filter) {
    bool inScope = scoped(filter);
    if (inScope) selectSessions(filter);
    auto st = m_db.prepare(
        movesSql(inScope) +
        "SELECT CASE WHEN instr(competence_code, '.') > 0 "
        "  THEN substr(competence_code, 1, instr(competence_code, '.') - 1) ELSE competence_code END AS domain, "
        "count(DISTINCT learner_id), count(DISTINCT CASE WHEN last / 4 > base / 4 THEN learner_id END), "
        "count(DISTINCT CASE WHEN last > base THEN learner_id END) FROM moves GROUP BY domain ORDER BY domain");
    st.bind(1, fromOf(filter)).bind(2, toOf(filter));
    std::vector<DomainMoves> out;
    while (st.step()) out.push_back({st.columnText(0), st.columnInt(1), st.columnInt(2), st.columnInt(3)});
    return out;
}

std::vector<LearnerMove> DashboardQueries::topMovers(const DashboardFilter& filter, int limit) {
    bool inScope = scoped(filter);
    if (inScope) selectSessions(filter);
    auto st = m_db.prepare(movesSql(inScope) +
                           "SELECT m.learner_id, l.pseudonym, sum(m.last - m.base) AS gained FROM moves m "
                           "JOIN learners l ON l.id = m.learner_id GROUP BY m.learner_id "
                           "HAVING gained > 0 ORDER BY gained DESC, l.pseudonym LIMIT ?3");
    st.bind(1, fromOf(filter)).bind(2, toOf(filter)).bind(3, limit);
    std::vector<LearnerMove> out;
    while (st.step()) out.push_back({st.columnText(0), st.columnText(1), st.columnInt(2)});
    return out;
}

void DashboardQueries::forEachClaimLine(const DashboardFilter& filter,
                                        const std::function<void(const ClaimLine&)>& visit) {
    std::string sql =
        // A cheque of another structure's booklet, redeemed here, is listed too: its booklet is not on this
        // laptop, so its face value is unknown (0) and its end is that of the year typed from it.
        "SELECT c.number, coalesce(b.structure, ''), coalesce(b.face_value_cents, 0), "
        "coalesce(b.expiry, CASE WHEN c.valid_year > 0 THEN c.valid_year || '-12-31' ELSE '' END), c.redeemed_on, "
        "c.paid_on, coalesce(c.session_id, '') FROM pass_cheques c LEFT JOIN pass_booklets b ON b.id = c.booklet_id "
        "WHERE c.redeemed_on >= ?1 AND c.redeemed_on <= ?2 AND c.state IN ('redeemed', 'paid')";
    if (!filter.structure.empty()) sql += " AND b.structure = ?3";
    auto st = m_db.prepare(sql + " ORDER BY c.number");
    st.bind(1, std::max(fromOf(filter), std::string("0"))).bind(2, toOf(filter));
    if (!filter.structure.empty()) st.bind(3, filter.structure);
    while (st.step()) {
        ClaimLine line;
        line.number = st.columnInt(0);
        line.structure = st.columnText(1);
        line.faceValueCents = st.columnInt(2);
        line.expiry = st.columnText(3);
        line.redeemedOn = st.columnText(4);
        line.paidOn = st.columnText(5);
        line.sessionId = st.columnText(6);
        visit(line);
    }
}

}  // namespace mediane::store
