// The Pass numérique as the scheme runs it: validity years and the grace month, cancellation, paid cheques,
// cheques of other structures redeemed here, and migration 11 keeping every cheque of an older notebook.
#include "core/error.hpp"
#include "core/pass_rules.hpp"
#include "notebook_fixture.hpp"
#include "store/migrations.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mediane;
using mediane::test::NotebookFixture;

namespace {
std::string errorKey(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.key();
    }
    return "no error";
}

// Cheques 3000..3009 of the 2025 validity year, funded by the Métropole.
core::PassBooklet booklet2025(NotebookFixture& f) {
    core::PassBooklet b;
    b.structure = "Centre social Parilly";
    b.firstNumber = 3000;
    b.lastNumber = 3009;
    b.faceValueCents = 1000;
    b.receivedOn = "2025-01-10";
    b.funder = "Métropole de Lyon";
    b.validYear = 2025;
    return f.notebook->receiveBooklet(b);
}

core::Session sessionOn(NotebookFixture& f, const std::string& date, std::int64_t cheque) {
    auto s = f.makeSession();
    s.date = date;
    s.chequesRedeemed = {cheque};
    return s;
}
}  // namespace

TEST_CASE("a booklet's validity year sets its end to 31 December and keeps its funder") {
    NotebookFixture f;
    auto b = booklet2025(f);
    CHECK(b.expiry == "2025-12-31");
    auto cheque = f.notebook->passStore().findByNumber(3004);
    REQUIRE(cheque);
    CHECK(cheque->validYear == 2025);
    CHECK(cheque->funder == "Métropole de Lyon");
    int withFunder = 0;
    for (const auto& each : f.notebook->booklets()) withFunder += each.funder == "Métropole de Lyon" && each.validYear == 2025;
    CHECK(withFunder == 1);
}

TEST_CASE("a booklet with a validity year outside the scheme's range is refused naming the field") {
    NotebookFixture f;
    core::PassBooklet b{"", "Centre social Parilly", 4000, 4009, 1000, "", "2025-01-10", "Région", 1999};
    try {
        f.notebook->receiveBooklet(b);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.field() == "booklet.valid_year");
    }
    CHECK(f.count("pass_booklets") == 1);
}

TEST_CASE("a cheque stays redeemable through the grace month to 31 January and is refused the day after") {
    NotebookFixture f;
    booklet2025(f);
    CHECK_NOTHROW(f.notebook->recordSession(sessionOn(f, "2026-01-31", 3000)));
    CHECK(f.notebook->passStore().findByNumber(3000)->state == core::ChequeState::Redeemed);
    try {
        f.notebook->recordSession(sessionOn(f, "2026-02-01", 3001));
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_expired");
        CHECK(e.params().at("expiry") == "2026-01-31");
    }
}

TEST_CASE("the grace period is a setting of the laptop") {
    NotebookFixture f;
    booklet2025(f);
    f.notebook->setGraceDays(0);
    CHECK(errorKey([&] { f.notebook->recordSession(sessionOn(f, "2026-01-05", 3002)); }) == "err.cheque_expired");
    f.notebook->setGraceDays(59);  // to the end of February
    CHECK_NOTHROW(f.notebook->recordSession(sessionOn(f, "2026-02-20", 3002)));
    CHECK(errorKey([&] { f.notebook->setGraceDays(-1); }) == "err.grace_days");
}

TEST_CASE("a cheque is not given after 31 December, and giving it in its last month warns") {
    NotebookFixture f;
    booklet2025(f);
    CHECK(errorKey([&] { f.notebook->giveCheque(3003, f.learner.id, "2026-01-02"); }) == "err.cheque_expired");
    CHECK_FALSE(f.notebook->givingWarning(3003, "2025-06-01"));
    auto warning = f.notebook->givingWarning(3003, "2025-12-10");
    REQUIRE(warning);
    CHECK(warning->key() == "warn.cheque_expires_soon");
    CHECK(warning->params().at("expiry") == "2025-12-31");
    CHECK(warning->params().at("redeemable_until") == "2026-01-31");
    CHECK_NOTHROW(f.notebook->giveCheque(3003, f.learner.id, "2025-12-10"));
}

TEST_CASE("a cancelled cheque is never given nor redeemed afterwards, and says why") {
    NotebookFixture f;
    booklet2025(f);
    auto outboxBefore = f.count("outbox");
    f.notebook->cancelCheques(3005, 3005, "stolen", "sac volé à la permanence", "2025-03-01");
    auto c = f.notebook->passStore().findByNumber(3005);
    REQUIRE(c);
    CHECK(c->state == core::ChequeState::Cancelled);
    CHECK(c->cancelCause == "stolen");
    CHECK(f.count("outbox") == outboxBefore + 1);
    CHECK(test::sqlInt(*f.notebook, "SELECT count(*) FROM cheque_events WHERE kind = 'cancelled' AND cause = 'stolen' "
                                    "AND reason = 'sac volé à la permanence'") == 1);
    try {
        f.notebook->recordSession(sessionOn(f, "2025-04-01", 3005));
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_cancelled");
        CHECK(e.params().at("reason") == "sac volé à la permanence");
    }
    CHECK(errorKey([&] { f.notebook->giveCheque(3005, f.learner.id, "2025-04-01"); }) == "err.cheque_cancelled");
    CHECK(errorKey([&] { f.notebook->cancelCheques(3005, 3005, "lost", "x", "2025-04-01"); }) ==
          "err.cheque_already_cancelled");
    auto verdict = f.notebook->checkCheque(3005, "2025-04-01");
    CHECK_FALSE(verdict.redeemable);
    CHECK(verdict.reasonKey == "err.cheque_cancelled");
}

TEST_CASE("a range is cancelled whole or not at all: one redeemed cheque in it refuses it, naming that cheque") {
    NotebookFixture f;
    booklet2025(f);
    f.notebook->recordSession(sessionOn(f, "2025-05-01", 3007));
    auto eventsBefore = f.count("cheque_events");
    try {
        f.notebook->cancelCheques(3006, 3009, "lost", "carnet égaré lors du déménagement", "2025-05-02");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_cancel_redeemed");
        CHECK(e.params().at("number") == "3007");
    }
    CHECK(f.count("cheque_events") == eventsBefore);
    CHECK(f.notebook->passStore().findByNumber(3006)->state == core::ChequeState::InStock);

    auto cancelled = f.notebook->cancelCheques(3008, 3009, "damaged", "dégât des eaux", "2025-05-02");
    CHECK(cancelled.size() == 2);
    CHECK(f.notebook->chequeStock("2025-05-02").cancelled == 2);
}

TEST_CASE("a cancellation needs a known cause and a reason") {
    NotebookFixture f;
    booklet2025(f);
    CHECK(errorKey([&] { f.notebook->cancelCheques(3000, 3000, "burnt", "x", "2025-05-02"); }) == "err.cancel_cause");
    CHECK(errorKey([&] { f.notebook->cancelCheques(3000, 3000, "lost", "  ", "2025-05-02"); }) == "err.required");
    CHECK(errorKey([&] { f.notebook->cancelCheques(3000, 3100, "lost", "x", "2025-05-02"); }) == "err.cheque_unknown");
    CHECK(f.notebook->passStore().findByNumber(3000)->state == core::ChequeState::InStock);
}

TEST_CASE("an already paid cheque is refused as paid") {
    NotebookFixture f;
    booklet2025(f);
    f.notebook->recordSession(sessionOn(f, "2025-05-01", 3001));
    f.notebook->payCheques({{3001, 1000, "2025-06-05"}});
    CHECK(errorKey([&] { f.notebook->recordSession(sessionOn(f, "2025-06-10", 3001)); }) == "err.cheque_already_paid");
    CHECK(errorKey([&] { f.notebook->cancelCheques(3001, 3001, "lost", "x", "2025-06-10"); }) ==
          "err.cheque_cancel_redeemed");
}

TEST_CASE("a cheque of another structure is redeemed here with the validity year typed from it") {
    NotebookFixture f;
    auto session = f.notebook->recordSession(f.makeSession());
    CHECK(errorKey([&] { f.notebook->redeemInSession(777001, session.id); }) == "err.cheque_unknown_needs_year");
    CHECK(errorKey([&] { f.notebook->redeemInSession(777001, session.id, 1980); }) == "err.valid_year_needed");
    const int thisYear = std::stoi(core::today().substr(0, 4));
    auto redeemed = f.notebook->redeemInSession(777001, session.id, thisYear);
    CHECK(redeemed.state == core::ChequeState::Redeemed);
    CHECK_FALSE(redeemed.hasBooklet());
    CHECK(redeemed.sessionId == session.id);
    CHECK(f.notebook->session(session.id)->chequesRedeemed == std::vector<std::int64_t>{777001});
    test::NotebookSql sql(*f.notebook);
    auto st = sql.prepare("SELECT fields FROM outbox WHERE entity = 'cheque_event' ORDER BY seq DESC LIMIT 1");
    REQUIRE(st.step());
    auto wire = nlohmann::json::parse(st.columnText(0));
    CHECK(wire["cheque_id"] == "pass#777001");
    CHECK(wire["number"] == 777001);
    CHECK(wire["valid_year"] == thisYear);
    // Known here now: a second redemption is refused like any other.
    CHECK(errorKey([&] { f.notebook->redeemInSession(777001, session.id, thisYear); }) == "err.cheque_already_redeemed");
}

TEST_CASE("a cheque of another structure whose year is past its grace month is refused") {
    NotebookFixture f;
    auto verdict = f.notebook->checkCheque(888001, "2026-03-01", 2025);
    CHECK_FALSE(verdict.redeemable);
    CHECK_FALSE(verdict.known);
    CHECK(verdict.reasonKey == "err.cheque_expired");
    CHECK(verdict.reasonParams.at("expiry") == "2026-01-31");
    auto ok = f.notebook->checkCheque(888001, "2026-01-15", 2025);
    CHECK(ok.redeemable);
    CHECK(ok.redeemableUntil == "2026-01-31");
    CHECK(f.notebook->checkCheque(888001, "2026-01-15").reasonKey == "err.cheque_unknown_needs_year");
    CHECK(f.count("pass_cheques") == 20);  // checking writes nothing
}

TEST_CASE("migration 11 keeps an older notebook's booklets, claimed cheques (paid since 13) and their events") {
    test::TempDir dir;
    auto path = (dir.path() / app::Notebook::kDatabaseFile).string();
    {
        store::Database db(path);
        store::migrate(db, 10);
        db.exec("INSERT INTO pass_booklets (id, structure, first_number, last_number, face_value_cents, expiry, "
                "received_on, sync_state) VALUES ('b1', 'Parilly', 10, 11, 1000, '2024-12-31', '2024-01-02', 'synced')");
        db.exec("INSERT INTO pass_cheques (id, booklet_id, number, state, redeemed_on, claimed_on, sync_state) VALUES "
                "('b1#10', 'b1', 10, 'claimed', '2024-03-01', '2024-04-02', 'synced'), "
                "('b1#11', 'b1', 11, 'in_stock', '', '', 'synced')");
        db.exec("INSERT INTO cheque_events (id, cheque_id, kind, on_date, created_at, number) VALUES "
                "('e1', 'b1#10', 'redeemed', '2024-03-01', '2024-03-01T10:00:00Z', 10), "
                "('e2', 'b1#10', 'claimed', '2024-04-02', '2024-04-02T10:00:00Z', 10)");
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK(test::sqlInt(*notebook, "PRAGMA user_version") >= 11);
    auto claimed = notebook->passStore().findByNumber(10);
    REQUIRE(claimed);
    CHECK(claimed->state == core::ChequeState::Paid);
    CHECK(claimed->paidOn == "2024-04-02");
    CHECK(claimed->bookletId == "b1");
    CHECK(claimed->validYear == 0);
    CHECK(test::sqlInt(*notebook, "SELECT count(*) FROM cheque_events") == 2);
    CHECK(test::sqlInt(*notebook, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    // A booklet recorded before validity years keeps its hard expiry date.
    CHECK(notebook->checkCheque(11, "2025-01-15").reasonKey == "err.cheque_expired");
}
