// The operator's side of the Pass numérique: migration 13 (« claimed » becomes paid), the payment file checked
// line by line before anything is written, the monthly statement, unused value back to the funder, and the
// dashboard's figures per funder and month.
#include "app/pass_payment_import.hpp"
#include "app/pass_statement.hpp"
#include "app/pass_unused.hpp"
#include "core/error.hpp"
#include "notebook_fixture.hpp"
#include "store/dashboard_queries.hpp"
#include "store/migrations.hpp"
#include "store/remote_changes.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace mediane;
using mediane::test::NotebookFixture;

namespace {
std::string thisMonth() { return core::today().substr(0, 7); }
std::string thisYear() { return core::today().substr(0, 4); }

// Redeems the cheques in a session of the fixture's place, today.
void redeem(NotebookFixture& f, std::vector<std::int64_t> cheques, const std::string& date = core::today()) {
    auto s = f.makeSession();
    s.date = date;
    s.chequesRedeemed = std::move(cheques);
    f.notebook->recordSession(s);
}

// A cheque event pulled from the hub, as another laptop (maybe of another structure) wrote it.
void pull(NotebookFixture& f, const std::string& id, const nlohmann::json& fields) {
    test::NotebookSql db(*f.notebook);
    store::Transaction tx(db);
    store::RemoteChanges changes(db);
    store::RemoteChange c;
    c.serverSeq = 1;
    c.entity = "cheque_event";
    c.recordId = id;
    c.version = 1;
    c.fields = fields;
    REQUIRE(changes.apply(c));
    tx.commit();
}

// Another structure's redemption of one of our cheques: its session is not on this laptop.
void redeemedElsewhere(NotebookFixture& f, std::int64_t number, const std::string& id) {
    pull(f, id, {{"cheque_id", f.booklet.id + "#" + std::to_string(number)}, {"number", number}, {"kind", "redeemed"},
                 {"session_id", "0190a0a0-0000-7000-8000-00000000dead"}, {"on_date", core::today()}});
}

std::string text(NotebookFixture& f, const std::string& sql) {
    test::NotebookSql db(*f.notebook);
    auto st = db.prepare(sql);
    return st.step() ? st.columnText(0) : std::string();
}

std::string allStates(NotebookFixture& f) {
    return text(f, "SELECT group_concat(number || ':' || state || ':' || paid_on, ',') FROM "
                   "(SELECT * FROM pass_cheques ORDER BY number)");
}
}  // namespace

TEST_CASE("migration 13 makes an older notebook's claimed cheques and events paid, dates kept", "[pass][payment]") {
    test::TempDir dir;
    auto path = (dir.path() / app::Notebook::kDatabaseFile).string();
    {
        store::Database db(path);
        store::migrate(db, 12);
        REQUIRE(store::schemaVersion(db) == 12);
        // A column the migration does not know about (a later edit of version 12) is carried over too.
        db.exec("ALTER TABLE cheque_events ADD COLUMN kept_for_test TEXT NOT NULL DEFAULT 'kept'");
        db.exec("INSERT INTO pass_booklets (id, structure, first_number, last_number, face_value_cents, expiry, "
                "received_on, sync_state, funder, valid_year) VALUES "
                "('b1', 'Parilly', 10, 12, 1000, '2025-12-31', '2025-01-02', 'synced', 'Métropole de Lyon', 2025)");
        db.exec("INSERT INTO pass_cheques (id, booklet_id, number, state, given_on, redeemed_on, claimed_on, "
                "sync_state) VALUES "
                "('b1#10', 'b1', 10, 'claimed', '2025-02-01', '2025-03-01', '2025-04-02', 'synced'), "
                "('b1#11', 'b1', 11, 'redeemed', '2025-02-01', '2025-03-05', '', 'synced'), "
                "('b1#12', 'b1', 12, 'in_stock', '', '', '', 'synced')");
        db.exec("INSERT INTO cheque_events (id, cheque_id, kind, on_date, created_at, number, amount_cents) VALUES "
                "('e1', 'b1#10', 'given', '2025-02-01', '2025-02-01T10:00:00Z', 10, 0), "
                "('e2', 'b1#10', 'redeemed', '2025-03-01', '2025-03-01T10:00:00Z', 10, 0), "
                "('e3', 'b1#10', 'claimed', '2025-04-02', '2025-04-02T10:00:00Z', 10, 0), "
                "('e4', 'b1#11', 'redeemed', '2025-03-05', '2025-03-05T10:00:00Z', 11, 0)");
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK(test::sqlInt(*notebook, "PRAGMA user_version") >= 13);
    auto paid = notebook->passStore().findByNumber(10);
    REQUIRE(paid);
    CHECK(paid->state == core::ChequeState::Paid);
    CHECK(paid->paidOn == "2025-04-02");
    CHECK(paid->redeemedOn == "2025-03-01");
    CHECK(paid->givenOn == "2025-02-01");
    CHECK(paid->funder == "Métropole de Lyon");
    CHECK(notebook->passStore().findByNumber(11)->state == core::ChequeState::Redeemed);
    CHECK(notebook->passStore().findByNumber(12)->state == core::ChequeState::InStock);
    test::NotebookSql db(*notebook);
    CHECK(db.scalarInt("SELECT count(*) FROM cheque_events") == 4);
    CHECK(db.scalarInt("SELECT count(*) FROM cheque_events WHERE kind = 'paid' AND on_date = '2025-04-02' "
                       "AND created_at = '2025-04-02T10:00:00Z'") == 1);
    CHECK(db.scalarInt("SELECT count(*) FROM cheque_events WHERE kind = 'claimed'") == 0);
    CHECK(db.scalarInt("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(db.scalarInt("SELECT count(*) FROM cheque_events WHERE kept_for_test = 'kept'") == 4);
    CHECK(db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('pass_cheques_by_learner', "
                       "'pass_cheques_by_redeemed', 'pass_cheques_by_booklet', 'pass_cheques_by_session', "
                       "'cheque_events_by_cheque', 'cheque_events_by_kind')") == 6);
    CHECK(db.scalarInt("SELECT count(*) FROM pragma_table_info('pass_cheques') WHERE name = 'claimed_on'") == 0);
    // The rebuilt tables keep refusing what they refused: no « claimed » can be stored again.
    CHECK_THROWS(db.exec("UPDATE pass_cheques SET state = 'claimed' WHERE number = 12"));
    // Paid stays final: not redeemed again, not cancelled.
    std::string key;
    try {
        notebook->chequeForRedemption(10, "2025-06-01");
    } catch (const Error& e) {
        key = e.key();
    }
    CHECK(key == "err.cheque_already_paid");
}

TEST_CASE("a « claimed » event pulled from an older laptop is read as paid", "[pass][payment]") {
    NotebookFixture f;
    redeem(f, {1005});
    pull(f, "0190a0a0-0000-7000-8000-0000000000c1",
         {{"cheque_id", f.booklet.id + "#1005"}, {"number", 1005}, {"kind", "claimed"}, {"on_date", core::today()}});
    auto cheque = f.notebook->passStore().findByNumber(1005);
    REQUIRE(cheque);
    CHECK(cheque->state == core::ChequeState::Paid);
    CHECK(cheque->paidOn == core::today());
    CHECK(text(f, "SELECT kind FROM cheque_events WHERE id = '0190a0a0-0000-7000-8000-0000000000c1'") == "paid");
}

TEST_CASE("a payment file with a bad line changes nothing and names the line", "[pass][payment]") {
    NotebookFixture f;
    redeem(f, {1001, 1002});
    const auto before = allStates(f);
    const auto outbox = f.notebook->outbox().pendingCount();
    const auto events = f.count("cheque_events");

    auto result = app::importPayments(*f.notebook, "number;amount_cents;paid_on\n1001;1000;" + core::today() +
                                                       "\n1002;10,50;" + core::today() + "\n");
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems.front().line == 3);
    CHECK(result.problems.front().key == "err.payment_amount");
    CHECK(result.problems.front().params.at("value") == "10,50");
    CHECK(result.paid == 0);
    CHECK(allStates(f) == before);
    CHECK(f.notebook->outbox().pendingCount() == outbox);
    CHECK(f.count("cheque_events") == events);
}

TEST_CASE("a payment file names every refused line with its reason", "[pass][payment]") {
    NotebookFixture f;
    redeem(f, {1001, 1002, 1003});
    f.notebook->payCheques({{1003, 1000, core::today()}});
    redeemedElsewhere(f, 1007, "0190a0a0-0000-7000-8000-0000000000e7");
    const auto today = core::today();
    auto result = app::importPayments(*f.notebook, "number;amount_cents;paid_on\n"
                                                   "1001;1000;" + today + "\n"          // 2: fine
                                                   "99999;1000;" + today + "\n"         // 3: unknown here
                                                   "1010;1000;" + today + "\n"          // 4: in stock
                                                   "1003;1000;" + today + "\n"          // 5: already paid
                                                   "1001;1000;" + today + "\n"          // 6: twice in the file
                                                   "1002;1000;2026-02-30\n"             // 7: no such day
                                                   "abc;1000;" + today + "\n"           // 8: not a number
                                                   "1002;0;" + today + "\n"             // 9: nothing paid
                                                   "1007;1000;" + today + "\n"          // 10: another structure's
                                                   "1002;1000;2000-01-01\n"             // 11: before its redemption
                                                   "1002;1000\n");                      // 12: a column missing
    std::vector<std::pair<int, std::string>> got;
    for (const auto& p : result.problems) got.emplace_back(p.line, p.key);
    const std::vector<std::pair<int, std::string>> want = {
        {3, "err.payment_cheque_unknown"}, {4, "err.cheque_not_redeemed"},   {5, "err.cheque_already_paid"},
        {6, "err.payment_duplicate"},      {7, "err.payment_date"},          {8, "err.payment_number"},
        {9, "err.payment_amount"},         {10, "err.cheque_redeemed_elsewhere"},
        {11, "err.payment_before_redemption"}, {12, "err.payment_columns"}};
    CHECK(got == want);
    CHECK(f.notebook->passStore().findByNumber(1001)->state == core::ChequeState::Redeemed);
}

TEST_CASE("a payment file as a spreadsheet saves it (BOM, semicolons, CRLF, French dates) pays every cheque",
          "[pass][payment]") {
    NotebookFixture f;
    redeem(f, {1001, 1002}, "2025-11-14");
    const auto outbox = f.notebook->outbox().pendingCount();
    auto result = app::importPayments(*f.notebook, "\xEF\xBB\xBF" "Number;Amount_cents;Paid_on\r\n"
                                                   "1001;1000;05/12/2025\r\n"
                                                   "1002;950;2025-12-05\r\n"
                                                   ";;\r\n");
    REQUIRE(result.problems.empty());
    CHECK(result.paid == 2);
    CHECK(result.totalCents == 1950);
    CHECK(allStates(f).find("1001:paid:2025-12-05,1002:paid:2025-12-05") != std::string::npos);
    CHECK(f.notebook->outbox().pendingCount() == outbox + 2);
    CHECK(text(f, "SELECT group_concat(amount_cents) FROM (SELECT amount_cents FROM cheque_events "
                  "WHERE kind = 'paid' ORDER BY number)") == "1000,950");
    CHECK(test::sqlInt(*f.notebook, "SELECT count(*) FROM outbox WHERE entity = 'cheque_event' "
                                    "AND json_extract(fields, '$.kind') = 'paid'") == 2);
}

TEST_CASE("a file that is not a payment file is refused as a whole, naming what is missing", "[pass][payment]") {
    NotebookFixture f;
    auto refusal = [&](const std::string& bytes) {
        try {
            app::importPayments(*f.notebook, bytes);
        } catch (const Error& e) {
            CHECK(e.kind() == Error::Kind::Validation);
            return e.key() + ":" + (e.params().count("column") ? e.params().at("column") : "");
        }
        return std::string("accepted");
    };
    CHECK(refusal("") == "err.payment_file_empty:");
    CHECK(refusal("number;amount_cents;paid_on\n") == "err.payment_file_empty:");
    CHECK(refusal("numero;montant;date\n1001;1000;2025-12-05\n") == "err.payment_header:number");
    CHECK(refusal("number,amount,paid_on\n1001,1000,2025-12-05\n") == "err.payment_header:amount_cents");
}

TEST_CASE("the monthly statement lists the cheques redeemed here that month, with value, service, place and state",
          "[pass][payment]") {
    NotebookFixture f;
    redeem(f, {1001, 1002});
    f.notebook->payCheques({{1002, 1000, core::today()}});
    auto session = f.notebook->recordSession(f.makeSession());
    f.notebook->redeemInSession(888001, session.id, std::stoi(thisYear()));  // another structure's booklet
    redeemedElsewhere(f, 1004, "0190a0a0-0000-7000-8000-0000000000e4");
    test::NotebookSql(*f.notebook).exec("UPDATE cheque_events SET service = 'atelier-2h' WHERE number = 1001 "
                                        "AND kind = 'redeemed'");

    std::ostringstream csv;
    CHECK(app::PassStatement(*f.notebook).writeCsv(thisMonth(), csv) == 3);
    const auto today = core::today();
    CHECK(csv.str() == "number,value_euros,service,redeemed_on,place,structure,state\r\n"
                       "1001,10.00,atelier-2h," + today + ",Médiathèque Lucie-Aubrac,,redeemed\r\n"
                       "1002,10.00,," + today + ",Médiathèque Lucie-Aubrac,,paid\r\n"
                       "888001,,," + today + ",Médiathèque Lucie-Aubrac,,redeemed\r\n");

    std::ostringstream none;
    CHECK(app::PassStatement(*f.notebook).writeCsv("2001-01", none) == 0);
    std::string field;
    try {
        app::checkMonth("2026-13");
    } catch (const Error& e) {
        field = e.field();
        CHECK(e.key() == "err.month_invalid");
    }
    CHECK(field == "month");
    CHECK_THROWS_AS(app::checkMonth("2026-1"), Error);
}

TEST_CASE("unused value goes back to the funder: cheques past their redemption period, never redeemed",
          "[pass][payment]") {
    NotebookFixture f;
    core::PassBooklet old;
    old.structure = "Centre social Parilly";
    old.firstNumber = 2000;
    old.lastNumber = 2004;
    old.faceValueCents = 1500;
    old.receivedOn = "2020-01-10";
    old.funder = "Ville de Vénissieux";
    old.validYear = 2020;
    f.notebook->receiveBooklet(old);
    f.notebook->giveCheque(2001, f.learner.id, "2020-06-01");
    f.notebook->cancelCheques(2002, 2002, "lost", "carnet égaré", "2020-07-01");
    redeem(f, {2003}, "2020-06-02");

    app::PassUnused unused(*f.notebook, "Ville de Vénissieux", core::today());
    CHECK(unused.totalCents() == 4 * 1500);
    std::ostringstream csv;
    unused.writeCsv(csv);
    CHECK(csv.str() == "number,value_euros,valid_year,redeemable_until,state\r\n"
                       "2000,15.00,2020,2021-01-31,in_stock\r\n"
                       "2001,15.00,2020,2021-01-31,given\r\n"
                       "2002,15.00,2020,2021-01-31,cancelled\r\n"
                       "2004,15.00,2020,2021-01-31,in_stock\r\n");
    // The fixture's booklet, still valid, has no unused cheque.
    CHECK(app::PassUnused(*f.notebook, "", core::today()).cheques().empty());

    try {
        app::PassUnused(*f.notebook, "Métropole", core::today());
        FAIL("an unknown funder was accepted");
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::Validation);
        CHECK(e.key() == "err.funder_unknown");
        CHECK(e.field() == "funder");
        CHECK(e.params().at("known") == "«  », « Ville de Vénissieux »");
    }
}

TEST_CASE("the dashboard counts each funder's cheques per month: given, redeemed here and elsewhere, paid, unpaid, "
          "expiring, unused", "[pass][payment][dashboard]") {
    NotebookFixture f;  // booklet 1000..1019 without a funder, ending in a year
    core::PassBooklet metropole;
    metropole.structure = "Centre social Parilly";
    metropole.firstNumber = 3000;
    metropole.lastNumber = 3009;
    metropole.faceValueCents = 1000;
    metropole.receivedOn = core::addDays(core::today(), -40);
    metropole.expiry = core::addDays(core::today(), 10);  // a hard end, within 30 days
    metropole.funder = "Métropole de Lyon";
    f.notebook->receiveBooklet(metropole);
    core::PassBooklet old;
    old.structure = "Centre social Parilly";
    old.firstNumber = 2000;
    old.lastNumber = 2002;
    old.faceValueCents = 1000;
    old.receivedOn = "2020-01-10";
    old.funder = "Ville de Vénissieux";
    old.validYear = 2020;
    f.notebook->receiveBooklet(old);

    const auto today = core::today();
    f.notebook->giveCheque(3001, f.learner.id, today);
    f.notebook->giveCheque(3002, f.learner.id, today);
    redeem(f, {3001, 3002, 3003});
    f.notebook->payCheques({{3001, 1000, today}});
    redeemedElsewhere(f, 3004, "0190a0a0-0000-7000-8000-0000000003e4");
    redeem(f, {1001});

    const auto figures = f.notebook->dashboardQueries().pass({thisMonth() + "-01", today, "", "", ""}, today);
    std::vector<std::string> got;
    for (const auto& funder : figures.perFunder) {
        std::string row = "«" + funder.funder + "»";
        for (const auto& m : funder.months)
            row += " " + m.month + ":" + std::to_string(m.given) + "/" + std::to_string(m.redeemedHere) + "/" +
                   std::to_string(m.redeemedElsewhere) + "/" + std::to_string(m.paid) + "/" + std::to_string(m.unpaid);
        row += " expiring " + std::to_string(funder.expiring) + " unused " + std::to_string(funder.unused);
        got.push_back(row);
    }
    const auto m = thisMonth();
    CHECK(got == std::vector<std::string>{"«» " + m + ":0/1/0/0/1 expiring 0 unused 0",
                                          "«Métropole de Lyon» " + m + ":2/3/1/1/2 expiring 6 unused 0",
                                          "«Ville de Vénissieux» expiring 0 unused 3"});
    REQUIRE(figures.perFunder.size() == 3);
    CHECK(figures.perFunder[1].total.redeemedHere == 3);
    CHECK(figures.perFunder[1].total.paid == 1);

    // Another month's events stay out of the period's months; today's expiring and unused do not depend on it.
    const auto earlier = f.notebook->dashboardQueries().pass({"2001-01-01", "2001-12-31", "", "", ""}, today);
    REQUIRE(earlier.perFunder.size() == 2);
    CHECK(earlier.perFunder[0].funder == "Métropole de Lyon");
    CHECK(earlier.perFunder[0].months.empty());
    CHECK(earlier.perFunder[0].expiring == 6);
    CHECK(earlier.perFunder[1].unused == 3);
}
