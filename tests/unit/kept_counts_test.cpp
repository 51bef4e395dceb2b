// What the window counts, kept by triggers (schema 15): the rows of each kind of record, the Pass stock per booklet
// and state, the cheque events per month. They must always equal what counting every row gives.
#include <catch2/catch.hpp>

#include "app/demo_generator.hpp"
#include "core/calendar.hpp"
#include "notebook_fixture.hpp"
#include "store/migrations.hpp"
#include "support/notebook_sql.hpp"

using namespace mediane;
using mediane::test::NotebookFixture;

namespace {

// Rows of a query as one text, to compare a kept table with a full count.
std::string rows(app::Notebook& notebook, const std::string& sql, int columns) {
    test::NotebookSql db(notebook);
    auto st = db.prepare(sql);
    std::string out;
    while (st.step()) {
        for (int i = 0; i < columns; ++i) out += st.columnText(i) + (i + 1 < columns ? "|" : "\n");
    }
    return out;
}

void checkRecordCounts(app::Notebook& notebook) {
    for (const char* table : {"learners", "sessions", "pass_cheques", "places", "assessments"}) {
        INFO(table);
        CHECK(test::sqlInt(notebook, std::string("SELECT n FROM record_counts WHERE tbl = '") + table + "'") ==
              test::sqlInt(notebook, std::string("SELECT count(*) FROM ") + table));
    }
}

void checkKeptEqualsCounted(app::Notebook& notebook) {
    checkRecordCounts(notebook);
    CHECK(rows(notebook, "SELECT booklet_id, state, n FROM pass_stock WHERE n > 0 ORDER BY 1, 2", 3) ==
          rows(notebook, "SELECT booklet_id, state, count(*) FROM pass_cheques WHERE booklet_id IS NOT NULL "
                         "GROUP BY 1, 2 ORDER BY 1, 2", 3));
    CHECK(rows(notebook, "SELECT month, events, given, redeemed, paid FROM cheque_use_months WHERE events > 0 "
                         "ORDER BY 1", 5) ==
          rows(notebook, "SELECT substr(on_date, 1, 7), count(*), sum(kind = 'given'), sum(kind = 'redeemed'), "
                         "sum(kind = 'paid') FROM cheque_events GROUP BY 1 ORDER BY 1", 5));
}

}  // namespace

TEST_CASE("the Pass stock and use per month follow every change of a cheque", "[pass]") {
    NotebookFixture f;
    checkKeptEqualsCounted(*f.notebook);
    CHECK(f.notebook->chequeStock(core::today()).inStock == 20);

    f.notebook->giveCheque(1000, f.learner.id, core::today());
    f.notebook->giveCheque(1001, f.learner.id, core::today());
    auto session = f.makeSession();
    session.chequesRedeemed = {1002};
    auto saved = f.notebook->recordSession(session);
    f.notebook->payCheques({{1002, 1000, core::today()}});
    f.notebook->cancelCheques(1010, 1014, "lost", "sac perdu au centre social", core::today());
    checkKeptEqualsCounted(*f.notebook);

    // A cheque of another structure has no booklet here: it is not in this structure's stock, but its event counts.
    const int thisYear = std::stoi(core::today().substr(0, 4));
    f.notebook->redeemInSession(777001, saved.id, thisYear);
    checkKeptEqualsCounted(*f.notebook);

    auto stock = f.notebook->chequeStock(core::today());
    CHECK(stock.received == 20);
    CHECK(stock.given == 2);
    CHECK(stock.redeemed == 0);  // 1002 is paid now; 777001 is in no booklet of this structure
    CHECK(stock.paid == 1);
    CHECK(stock.cancelled == 5);
    auto months = f.notebook->chequeUsePerMonth(12);
    REQUIRE(months.size() == 1);
    CHECK(months.front().given == 2);
    CHECK(months.front().redeemed == 2);
    CHECK(months.front().paid == 1);

    // Changes no screen makes, but the hub's feed and a future repair could: moved, re-dated and deleted rows.
    {
        test::NotebookSql sql(*f.notebook);
        sql.exec("UPDATE cheque_events SET on_date = '2020-03-04' WHERE kind = 'given'");
        sql.exec("UPDATE pass_cheques SET state = 'in_stock' WHERE number = 1001");
        sql.exec("DELETE FROM cheque_events WHERE kind = 'paid'");
        sql.exec("UPDATE pass_cheques SET booklet_id = NULL WHERE number = 1019");
        sql.exec("DELETE FROM pass_cheques WHERE number = 1018");
    }
    checkKeptEqualsCounted(*f.notebook);
    months = f.notebook->chequeUsePerMonth(12);
    REQUIRE(months.size() == 2);  // the latest month first
    CHECK(months.back().month == "2020-03");
    CHECK(months.back().given == 2);
    CHECK(months.front().given == 0);
    CHECK(months.front().paid == 0);

    f.notebook->eraseLearner(f.learner.id);
    checkKeptEqualsCounted(*f.notebook);
}

TEST_CASE("the counts of records follow the demo, deletions and erasure", "[status]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::generateDemo(*notebook, {3, app::DemoScale::Small, "2025-06-30"});
    checkKeptEqualsCounted(*notebook);
    auto status = notebook->status();
    CHECK(status.sessions == test::sqlInt(*notebook, "SELECT count(*) FROM sessions"));
    CHECK(status.learners > 0);

    auto sessions = notebook->recentSessions(3);
    REQUIRE(sessions.size() == 3);
    notebook->deleteSession(sessions.front().id);
    std::string someone = rows(*notebook, "SELECT id FROM learners ORDER BY id LIMIT 1", 1);
    someone.pop_back();  // the row's end of line
    notebook->eraseLearner(someone);
    checkKeptEqualsCounted(*notebook);
    CHECK(notebook->status().learners == status.learners - 1);
}

TEST_CASE("a notebook upgraded with records starts its counts from them", "[pass][status]") {
    test::TempDir dir;
    {
        NotebookFixture f;
        f.notebook->giveCheque(1003, f.learner.id, core::today());
        test::NotebookSql sql(*f.notebook);
        // Back to the schema before the kept figures, as on a laptop not yet upgraded.
        test::dropKeptCounts(sql);
        sql.exec("PRAGMA user_version = 14");
        sql.exec("INSERT INTO cheque_events (id, cheque_id, kind, on_date, created_at, number) "
                 "SELECT 'ev-old', id, 'given', '2024-11-02', '2024-11-02T10:00:00Z', number FROM pass_cheques "
                 "WHERE number = 1004");
        f.notebook.reset();
        std::filesystem::copy(f.dir.path(), dir.path(), std::filesystem::copy_options::recursive);
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK(test::sqlInt(*notebook, "PRAGMA user_version") == store::latestSchemaVersion());
    checkKeptEqualsCounted(*notebook);
    CHECK(notebook->status().learners == 1);
    CHECK(notebook->status().cheques == 20);
    auto stock = notebook->chequeStock(core::today());
    CHECK(stock.received == 20);
    CHECK(stock.given == 1);
    auto months = notebook->chequeUsePerMonth(12);
    REQUIRE(months.size() == 2);
    CHECK(months.back().month == "2024-11");
}
