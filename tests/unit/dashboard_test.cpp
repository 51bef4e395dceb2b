// The coordinator dashboard: its figures checked against counts made independently in C++ from the
// repositories' listings, on a demo notebook split between two structures and three advisers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <map>
#include <set>

#include "app/dashboard.hpp"
#include "app/demo_generator.hpp"
#include "core/calendar.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

constexpr const char* kToday = "2026-06-30";

// A demo notebook whose sessions are spread over two structures and three advisers, as a coordinator's
// database is after pulling the territory.
struct TerritoryFixture {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), test::assetsDir());
    std::map<std::string, std::pair<std::string, std::string>> authorOf;  // session id → structure, adviser

    TerritoryFixture() {
        app::generateDemo(*notebook, {.seed = 11, .scale = app::DemoScale::Small, .endDate = kToday});
        test::NotebookSql sql(*notebook);
        sql.exec(
            "UPDATE sessions SET structure = CASE WHEN rowid % 2 = 0 THEN 'Centre social Parilly' "
            "ELSE 'Médiathèque Bron' END, adviser = CASE rowid % 3 WHEN 0 THEN 'alice' WHEN 1 THEN 'bruno' "
            "ELSE 'chloe' END");
        auto st = sql.prepare("SELECT id, structure, adviser FROM sessions");
        while (st.step()) authorOf[st.columnText(0)] = {st.columnText(1), st.columnText(2)};
    }

    bool matches(const core::Session& s, const app::DashboardFilter& f) {
        if (!f.from.empty() && s.date < f.from) return false;
        if (!f.to.empty() && s.date > f.to) return false;
        if (!f.structure.empty() && authorOf[s.id].first != f.structure) return false;
        if (!f.adviser.empty() && authorOf[s.id].second != f.adviser) return false;
        if (!f.placeId.empty() && s.placeId != f.placeId) return false;
        return true;
    }
};

// What the dashboard should say, counted session by session from SessionRepository::forEach.
struct Expected {
    std::int64_t sessions = 0, participants = 0, orientations = 0, minutes = 0;
    std::set<std::string> learners;
    std::map<std::string, std::int64_t> perMonth, workshopsPerMonth, themes, placeKinds;
    std::map<std::string, std::set<std::string>> learnersPerMonth;
    std::map<std::string, std::int64_t> genders, ages, statuses;
};

// What the national report counts for a code nobody gave.
std::string orUnsaid(const std::string& code) { return code.empty() ? std::string("non_communique") : code; }

// Anonymous participants by a breakdown, the rest « non communiqué ».
void addAnonymous(std::map<std::string, std::int64_t>& into, const std::vector<core::HeadCount>& counts, int anonymous) {
    for (const auto& c : counts) into[c.code] += c.count;
    if (anonymous > core::totalOf(counts)) into["non_communique"] += anonymous - core::totalOf(counts);
}

Expected expected(TerritoryFixture& t, const app::DashboardFilter& filter) {
    Expected e;
    std::map<std::string, std::string> placeKind;
    for (const auto& p : t.notebook->places()) placeKind[p.id] = p.kind;
    t.notebook->sessionStore().forEach([&](const core::Session& s) {
        if (!t.matches(s, filter)) return;
        ++e.sessions;
        e.minutes += s.durationMinutes;
        e.participants += s.participantCount();
        if (s.oriented != 0) ++e.orientations;
        addAnonymous(e.genders, s.anonymousByGender, s.anonymousCount);
        addAnonymous(e.ages, s.anonymousByAge, s.anonymousCount);
        addAnonymous(e.statuses, s.anonymousByStatus, s.anonymousCount);
        std::string month = core::monthOf(s.date);
        ++e.perMonth[month];
        if (s.kind == core::SessionKind::Workshop) ++e.workshopsPerMonth[month];
        for (const auto& id : s.learnerIds) {
            e.learners.insert(id);
            e.learnersPerMonth[month].insert(id);
        }
        for (const auto& theme : s.themes) ++e.themes[theme];
        ++e.placeKinds[s.placeMode == core::PlaceMode::Place ? placeKind[s.placeId]
                                                             : std::string("mode:") + core::toString(s.placeMode)];
    });
    for (const auto& l : t.notebook->learnerStore().all()) {
        if (!e.learners.count(l.id)) continue;
        ++e.genders[orUnsaid(l.gender)];
        ++e.ages[orUnsaid(l.ageBracket)];
        ++e.statuses[orUnsaid(l.socialStatus)];
    }
    return e;
}

std::map<std::string, std::int64_t> asMap(const std::vector<app::CodeCount>& counts) {
    std::map<std::string, std::int64_t> m;
    for (const auto& c : counts) m[c.code] = c.count;
    return m;
}

void checkActivity(TerritoryFixture& t, const app::DashboardFilter& filter) {
    auto e = expected(t, filter);
    auto a = t.notebook->dashboardQueries().activity(filter);
    REQUIRE(e.sessions > 0);  // a filter that selects nothing would prove nothing
    CHECK(a.sessions == e.sessions);
    CHECK(a.learners == static_cast<std::int64_t>(e.learners.size()));
    CHECK(a.participants == e.participants);
    CHECK(a.orientations == e.orientations);
    CHECK(a.averageMinutes == Approx(double(e.minutes) / double(e.sessions)));
    REQUIRE(a.months.size() == e.perMonth.size());
    for (const auto& m : a.months) {
        CHECK(m.sessions() == e.perMonth[m.month]);
        CHECK(m.workshop == e.workshopsPerMonth[m.month]);
        CHECK(m.learners == static_cast<std::int64_t>(e.learnersPerMonth[m.month].size()));
    }
    CHECK(asMap(a.byTheme) == e.themes);
    CHECK(asMap(a.byPlaceKind) == e.placeKinds);
    CHECK(asMap(a.byGender) == e.genders);
    CHECK(asMap(a.byAgeBracket) == e.ages);
    CHECK(asMap(a.bySocialStatus) == e.statuses);
}

void assess(app::Notebook& notebook, const std::string& learnerId, const std::string& code, int score,
            const std::string& date) {
    core::Assessment a;
    a.learnerId = learnerId;
    a.competenceCode = code;
    a.score = score;
    a.date = date;
    notebook.recordAssessment(a);
}

}  // namespace

TEST_CASE("dashboard activity figures over a period equal counts made from the session listing", "[dashboard]") {
    TerritoryFixture t;
    checkActivity(t, {"2025-07-01", "2026-06-30", "", "", ""});
    checkActivity(t, {"", "", "", "", ""});
}

TEST_CASE("filtering the dashboard by structure, adviser or place narrows the figures exactly", "[dashboard]") {
    TerritoryFixture t;
    checkActivity(t, {"2025-01-01", "2026-06-30", "Centre social Parilly", "", ""});
    checkActivity(t, {"2025-01-01", "2026-06-30", "", "", "bruno"});
    checkActivity(t, {"2024-01-01", "2026-06-30", "Médiathèque Bron", "", "alice"});
    test::NotebookSql sql(*t.notebook);
    auto st = sql.prepare(
        "SELECT place_id FROM sessions WHERE place_id IS NOT NULL GROUP BY place_id ORDER BY count(*) DESC LIMIT 1");
    REQUIRE(st.step());
    checkActivity(t, {"2022-01-01", "2026-06-30", "", st.columnText(0), ""});

    auto choices = t.notebook->dashboardQueries().choices();
    CHECK(choices.advisers == std::vector<std::string>{"alice", "bruno", "chloe"});
    CHECK(std::count(choices.structures.begin(), choices.structures.end(), "Médiathèque Bron") == 1);
}

TEST_CASE("session durations group into the national statistics' ranges, bounds in the upper range", "[dashboard]") {
    TerritoryFixture t;
    const app::DashboardFilter all{"", "", "", "", ""};
    auto a = t.notebook->dashboardQueries().activity(all);
    std::map<std::string, std::int64_t> expected = {{"30", 0}, {"60", 0}, {"120", 0}, {"more", 0}};
    t.notebook->sessionStore().forEach([&](const core::Session& s) {
        int m = s.durationMinutes;
        ++expected[m < 30 ? "30" : m < 60 ? "60" : m < 120 ? "120" : "more"];
    });
    auto ranges = app::durationRangeCounts(t.notebook->vocabularies(), a.byDurationMinutes);
    REQUIRE(ranges.size() == 4);
    CHECK(ranges[0].code == "30");  // the vocabulary's order, shortest first
    CHECK(ranges[3].code == "more");
    CHECK(asMap(ranges) == expected);
    CHECK(expected["30"] > 0);  // the demo's quick help
    CHECK(expected["more"] > 0);  // its workshops

    // People figures in the vocabulary's order: age brackets oldest first, as the national forms list them.
    auto ages = app::inVocabularyOrder(t.notebook->vocabularies(), "age_brackets", a.byAgeBracket);
    REQUIRE(ages.size() >= 2);
    CHECK(ages.front().code == "soixante_dix_plus");
    CHECK(ages.back().code == "non_communique");
}

TEST_CASE("cheque stock per structure and redemptions per month equal counts from the cheque listing", "[dashboard]") {
    TerritoryFixture t;
    std::map<std::string, std::string> structureOf, expiryOf;
    for (const auto& b : t.notebook->booklets()) structureOf[b.id] = b.structure;
    std::map<std::string, store::ChequeStock> stock;
    std::map<std::string, std::int64_t> redeemedPerMonth;
    const std::string soon = core::addDays(kToday, 30);
    t.notebook->passStore().forEach([&](const core::PassCheque& c) {
        auto& s = stock[structureOf[c.bookletId]];
        ++s.received;
        bool unused = c.state == core::ChequeState::InStock || c.state == core::ChequeState::Given;
        if (unused && c.expiry < kToday) ++s.expired;
        else if (c.state == core::ChequeState::InStock) ++s.inStock;
        else if (c.state == core::ChequeState::Given) ++s.given;
        if (c.state == core::ChequeState::Redeemed) ++s.redeemed;
        if (c.state == core::ChequeState::Paid) ++s.paid;
        if (unused && c.expiry >= kToday && c.expiry <= soon) ++s.expiringSoon;
        if (!c.redeemedOn.empty() && c.redeemedOn >= "2025-07-01" && c.redeemedOn <= kToday)
            ++redeemedPerMonth[core::monthOf(c.redeemedOn)];
    });
    REQUIRE(!stock.empty());

    auto pass = t.notebook->dashboardQueries().pass({"2025-07-01", kToday, "", "", ""}, kToday);
    REQUIRE(pass.perStructure.size() == stock.size());
    for (const auto& s : pass.perStructure) {
        const auto& want = stock[s.structure];
        INFO(s.structure);
        CHECK(s.stock.received == want.received);
        CHECK(s.stock.inStock == want.inStock);
        CHECK(s.stock.given == want.given);
        CHECK(s.stock.redeemed == want.redeemed);
        CHECK(s.stock.paid == want.paid);
        CHECK(s.stock.expired == want.expired);
        CHECK(s.stock.expiringSoon == want.expiringSoon);
    }
    CHECK(asMap(pass.redemptionsPerMonth) == redeemedPerMonth);

    // The claim lists exactly the cheques redeemed in the period, paid or not.
    std::int64_t listed = 0, wanted = 0;
    t.notebook->dashboardQueries()
        .forEachClaimLine({"2025-07-01", kToday, "", "", ""}, [&](const app::ClaimLine& line) {
            ++listed;
            CHECK(line.redeemedOn >= "2025-07-01");
            CHECK(line.faceValueCents > 0);
        });
    for (const auto& [month, n] : redeemedPerMonth) wanted += n;
    CHECK(listed == wanted);
}

TEST_CASE("progress counts a learner who moved up a level, and a step, against the score before the period",
          "[dashboard][progress]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    auto learner = [&](const std::string& name) {
        core::Learner l;
        l.pseudonym = name;
        return notebook->createLearner(l).id;
    };
    std::string ana = learner("Ana"), bob = learner("Bob"), cleo = learner("Cléo"), dan = learner("Dan");
    // Ana: level 1 step 2 before the period, level 2 step 1 in it → a level (and steps) up.
    assess(*notebook, ana, "4.2", 2, "2025-12-10");
    assess(*notebook, ana, "4.2", 5, "2026-02-10");
    // Bob: first assessed in the period at 0, then 3 → steps up, same level.
    assess(*notebook, bob, "4.1", 0, "2026-01-15");
    assess(*notebook, bob, "4.1", 3, "2026-03-15");
    // Cléo: one assessment in the period: assessed, no move. Dan: went down.
    assess(*notebook, cleo, "4.3", 6, "2026-02-01");
    assess(*notebook, dan, "1.1", 8, "2025-11-01");
    assess(*notebook, dan, "1.1", 4, "2026-02-01");
    // Outside the period: ignored.
    assess(*notebook, dan, "1.1", 20, "2026-08-01");

    auto& queries = notebook->dashboardQueries();
    auto moves = queries.progress({"2026-01-01", "2026-06-30", "", "", ""});
    REQUIRE(moves.size() == 2);
    CHECK(moves[0].domain == "1");
    CHECK(moves[0].assessed == 1);
    CHECK(moves[0].movedUpLevel == 0);
    CHECK(moves[0].movedUpStep == 0);
    CHECK(moves[1].domain == "4");
    CHECK(moves[1].assessed == 3);
    CHECK(moves[1].movedUpLevel == 1);
    CHECK(moves[1].movedUpStep == 2);

    auto movers = queries.topMovers({"2026-01-01", "2026-06-30", "", "", ""}, 10);
    REQUIRE(movers.size() == 2);
    CHECK(movers[0].pseudonym == "Ana");  // +3 steps
    CHECK(movers[0].steps == 3);
    CHECK(movers[1].pseudonym == "Bob");  // +3 as well: ties go by pseudonym; Dan went down and is not listed
}

TEST_CASE("the dashboard computes only when its filter or the notebook changes", "[dashboard]") {
    TerritoryFixture t;
    app::Dashboard dashboard(*t.notebook, kToday);
    CHECK(dashboard.filter().from == "2025-07-01");
    CHECK(dashboard.filter().to == kToday);
    auto status = t.notebook->status();
    dashboard.notice(status);
    dashboard.refresh();
    CHECK(dashboard.refreshCount() == 1);
    for (int frame = 0; frame < 10; ++frame) {
        dashboard.notice(status);
        dashboard.setFilter(dashboard.filter());
        dashboard.refresh();
    }
    CHECK(dashboard.refreshCount() == 1);

    auto filter = dashboard.filter();
    filter.adviser = "alice";
    dashboard.setFilter(filter);
    dashboard.refresh();
    CHECK(dashboard.refreshCount() == 2);
    CHECK(dashboard.activity().sessions == t.notebook->dashboardQueries().activity(filter).sessions);

    core::Session s;
    s.date = "2026-06-01";
    s.placeMode = core::PlaceMode::Remote;
    s.kind = core::SessionKind::Workshop;
    s.anonymousCount = 6;
    s.themes = {"email"};
    t.notebook->recordSession(s);
    dashboard.notice(t.notebook->status());
    dashboard.refresh();
    CHECK(dashboard.refreshCount() == 3);
}

TEST_CASE("a period of twelve months starts on the first day of the month eleven months back", "[dashboard]") {
    CHECK(app::Dashboard::lastTwelveMonths("2026-06-30").from == "2025-07-01");
    CHECK(app::Dashboard::lastTwelveMonths("2026-12-05").from == "2026-01-01");
    CHECK(app::Dashboard::lastTwelveMonths("2026-01-31").from == "2025-02-01");
}

TEST_CASE("a filter change computes only the tab shown, and another tab catches up when it is shown", "[dashboard]") {
    TerritoryFixture t;
    app::Dashboard dashboard(*t.notebook, kToday);
    dashboard.notice(t.notebook->status());
    dashboard.refresh();
    CHECK(dashboard.activity().sessions > 0);
    CHECK(dashboard.pass().perStructure.empty());  // not shown yet, not computed

    dashboard.show(app::DashboardSection::Pass);
    dashboard.refresh();
    REQUIRE(!dashboard.pass().perStructure.empty());
    auto filter = dashboard.filter();
    filter.structure = dashboard.pass().perStructure.front().structure;
    dashboard.setFilter(filter);
    dashboard.refresh();
    CHECK(dashboard.pass().perStructure.size() == 1);
    int computed = dashboard.refreshCount();

    dashboard.show(app::DashboardSection::Activity);
    dashboard.refresh();  // the activity tab was left on the old filter: it catches up now
    CHECK(dashboard.refreshCount() == computed + 1);
    CHECK(dashboard.activity().sessions == t.notebook->dashboardQueries().activity(filter).sessions);
    dashboard.refresh();
    CHECK(dashboard.refreshCount() == computed + 1);
}

namespace {

// Polls like the GUI's frames do, at most ten seconds: the worker's figures must arrive, not hang.
bool awaitFigures(app::Dashboard& dashboard) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
        dashboard.refreshInBackground();
        if (!dashboard.computing()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

}  // namespace

TEST_CASE("a filter change returns at once with the previous figures, and the new ones arrive from the worker",
          "[dashboard]") {
    TerritoryFixture t;
    app::Dashboard dashboard(*t.notebook, kToday);
    dashboard.notice(t.notebook->status());
    dashboard.refreshInBackground();
    CHECK(dashboard.computing());
    REQUIRE(awaitFigures(dashboard));
    auto all = expected(t, dashboard.filter());
    CHECK(dashboard.activity().sessions == all.sessions);
    CHECK(!dashboard.choices().structures.empty());  // the choices came with the first figures

    auto filter = dashboard.filter();
    filter.structure = "Médiathèque Bron";
    filter.adviser = "bruno";
    dashboard.setFilter(filter);
    dashboard.refreshInBackground();
    // It only posted the job: still computing, the previous figures in place (how long posting takes is
    // measured in tests/bench/dashboard_bench.cpp, not asserted here).
    CHECK(dashboard.computing());
    CHECK(dashboard.activity().sessions == all.sessions);  // still the previous figures
    REQUIRE(awaitFigures(dashboard));
    auto narrowed = expected(t, filter);
    REQUIRE(narrowed.sessions > 0);
    CHECK(dashboard.activity().sessions == narrowed.sessions);
    CHECK(dashboard.activity().participants == narrowed.participants);
    CHECK(dashboard.activity().learners == static_cast<std::int64_t>(narrowed.learners.size()));
    CHECK(dashboard.discardedCount() == 0);
}

TEST_CASE("figures computed for a filter changed meanwhile are dropped, and the latest filter's are shown",
          "[dashboard]") {
    TerritoryFixture t;
    app::Dashboard dashboard(*t.notebook, kToday);
    dashboard.notice(t.notebook->status());
    REQUIRE(awaitFigures(dashboard));
    int computed = dashboard.refreshCount();

    auto first = dashboard.filter();
    first.adviser = "alice";
    dashboard.setFilter(first);
    dashboard.refreshInBackground();
    // The worker has long picked the job up; its answer comes back for a filter no longer wanted.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto second = dashboard.filter();
    second.adviser = "chloe";
    dashboard.setFilter(second);
    dashboard.refreshInBackground();
    REQUIRE(awaitFigures(dashboard));
    CHECK(dashboard.discardedCount() == 1);
    CHECK(dashboard.refreshCount() == computed + 1);
    CHECK(dashboard.activity().sessions == expected(t, second).sessions);
    CHECK(dashboard.activity().sessions != expected(t, first).sessions);
}
