#include "core/error.hpp"
#include "notebook_fixture.hpp"
#include "store/pass_repository.hpp"
#include "support/notebook_sql.hpp"

#include <catch2/catch.hpp>

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
}  // namespace

TEST_CASE("a received booklet puts every cheque of its range in stock") {
    NotebookFixture f;
    auto stock = f.notebook->chequeStock(core::today());
    CHECK(stock.received == 20);
    CHECK(stock.inStock == 20);
    CHECK(f.notebook->cheques("in_stock", 100).front().number == 1000);
}

TEST_CASE("a cheque goes from stock to a learner, is redeemed in a session, then paid by the operator") {
    NotebookFixture f;
    auto given = f.notebook->giveCheque(1003, f.learner.id, core::today());
    CHECK(given.state == core::ChequeState::Given);

    auto session = f.makeSession();
    session.chequesRedeemed = {1003};
    auto saved = f.notebook->recordSession(session);
    auto redeemed = f.notebook->passStore().findByNumber(1003);
    REQUIRE(redeemed);
    CHECK(redeemed->state == core::ChequeState::Redeemed);
    CHECK(redeemed->sessionId == saved.id);
    CHECK(redeemed->learnerId == f.learner.id);

    auto paid = f.notebook->payCheques({{1003, 1000, core::today()}});
    REQUIRE(paid.size() == 1);
    CHECK(paid.front().state == core::ChequeState::Paid);
    CHECK(f.notebook->passStore().findByNumber(1003)->paidOn == core::today());
    CHECK(f.count("cheque_events") == 3);
    CHECK(f.count("cheque_events WHERE kind = 'paid' AND amount_cents = 1000") == 1);
    auto stock = f.notebook->chequeStock(core::today());
    CHECK(stock.paid == 1);
    CHECK(stock.inStock == 19);
}

TEST_CASE("redeeming a cheque twice is refused") {
    NotebookFixture f;
    auto first = f.makeSession();
    first.chequesRedeemed = {1001};
    f.notebook->recordSession(first);
    auto sessionsBefore = f.count("sessions");
    auto outboxBefore = f.count("outbox");

    auto second = f.makeSession();
    second.chequesRedeemed = {1001};
    CHECK(errorKey([&] { f.notebook->recordSession(second); }) == "err.cheque_already_redeemed");
    CHECK(f.count("sessions") == sessionsBefore);
    CHECK(f.count("outbox") == outboxBefore);
}

TEST_CASE("an expired cheque is refused at redemption and when given") {
    NotebookFixture f;
    auto expired = f.notebook->receiveBooklet({"", "Centre social Parilly", 5000, 5004, 1000,
                                               core::addDays(core::today(), -2), core::addDays(core::today(), -200)});
    auto session = f.makeSession();
    session.chequesRedeemed = {5000};
    CHECK(errorKey([&] { f.notebook->recordSession(session); }) == "err.cheque_expired");
    CHECK(errorKey([&] { f.notebook->giveCheque(5001, f.learner.id, core::today()); }) == "err.cheque_expired");
    CHECK(f.notebook->chequeStock(core::today()).expired == 5);
}

TEST_CASE("a cheque number outside every booklet is refused with its number") {
    NotebookFixture f;
    try {
        f.notebook->giveCheque(999, f.learner.id, core::today());
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_unknown");
        CHECK(e.params().at("number") == "999");
    }
    CHECK(f.count("cheque_events") == 0);
}

TEST_CASE("a cheque already given cannot be given again") {
    NotebookFixture f;
    f.notebook->giveCheque(1002, f.learner.id, core::today());
    CHECK(errorKey([&] { f.notebook->giveCheque(1002, f.learner.id, core::today()); }) == "err.cheque_not_in_stock");
}

TEST_CASE("a cheque cannot be paid before it is redeemed, nor paid twice, and a paid one is neither redeemed again nor cancelled") {
    NotebookFixture f;
    CHECK(errorKey([&] { f.notebook->payCheques({{1004, 1000, core::today()}}); }) == "err.cheque_not_redeemed");
    auto s = f.makeSession();
    s.chequesRedeemed = {1004};
    f.notebook->recordSession(s);
    f.notebook->payCheques({{1004, 1000, core::today()}});
    CHECK(errorKey([&] { f.notebook->payCheques({{1004, 1000, core::today()}}); }) == "err.cheque_already_paid");
    CHECK(errorKey([&] { f.notebook->chequeForRedemption(1004, core::today()); }) == "err.cheque_already_paid");
    CHECK(errorKey([&] { f.notebook->cancelCheques(1004, 1004, "lost", "perdu", core::today()); }) ==
          "err.cheque_cancel_redeemed");
}

TEST_CASE("the same cheque listed twice in one session is refused") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.chequesRedeemed = {1005, 1005};
    CHECK(errorKey([&] { f.notebook->recordSession(s); }) == "err.cheque_listed_twice");
    CHECK(f.notebook->passStore().findByNumber(1005)->state == core::ChequeState::InStock);
}

TEST_CASE("a booklet overlapping one already received is refused") {
    NotebookFixture f;
    CHECK(errorKey([&] {
        f.notebook->receiveBooklet({"", "Autre", 1019, 1030, 1000, core::addDays(core::today(), 100), core::today()});
    }) == "err.booklet_overlap");
    CHECK(f.count("pass_booklets") == 1);
}

TEST_CASE("a booklet with an inverted range or expiry before receipt is refused") {
    NotebookFixture f;
    CHECK(errorKey([&] {
        f.notebook->receiveBooklet({"", "Autre", 3000, 2990, 1000, core::addDays(core::today(), 100), core::today()});
    }) == "err.booklet_range");
    CHECK(errorKey([&] {
        f.notebook->receiveBooklet({"", "Autre", 3000, 3010, 1000, core::addDays(core::today(), -10), core::today()});
    }) == "err.booklet_expiry_before_receipt");
}

TEST_CASE("the cheque list finds each cheque's redemption and giving through the cheque's own events, never by kind",
          "[pass][performance]") {
    // Left to choose, SQLite walked the index on kind and read every redemption of the notebook for each
    // cheque listed: 7 s for the Pass screen's first page on the large demo.
    NotebookFixture f;
    mediane::test::NotebookSql db(*f.notebook);
    auto plan = db.prepare("EXPLAIN QUERY PLAN " + mediane::store::PassRepository::listStatement());
    plan.bind(1, std::string("redeemed")).bind(2, 50).bind(3, 0);
    std::string steps;
    while (plan.step()) steps += plan.columnText(3) + "\n";
    INFO(steps);
    CHECK(steps.find("cheque_events_by_cheque") != std::string::npos);
    CHECK(steps.find("cheque_events_by_kind") == std::string::npos);
}
