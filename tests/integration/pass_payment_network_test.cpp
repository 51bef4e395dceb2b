// The operator's payment on a real hub: the "paid" events a payment file writes on one laptop sync like any
// cheque event and reach the structure's other laptop, which then shows the cheques paid and refuses them.
#include <catch2/catch.hpp>

#include "app/pass_payment_import.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "pass_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
// Cheques 6000–6009 of this year.
core::PassBooklet bookletOf6000(const std::string& structure) {
    auto b = bookletOf(structure);
    b.firstNumber = 6000;
    b.lastNumber = 6009;
    return b;
}

core::Session sessionWith(Laptop& laptop, const std::string& learnerId, std::vector<std::int64_t> cheques) {
    auto s = sessionDraft(learnerId);
    s.chequesRedeemed = std::move(cheques);
    return laptop.notebook->recordSession(s);
}
}  // namespace

TEST_CASE("a payment file's paid events sync to the hub and reach another laptop of the structure",
          "[pass][sync][payment]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
    Laptop a, b;
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
    a.notebook->receiveBooklet(bookletOf6000("Centre social Parilly"));
    auto learner = a.addLearner("Bénéficiaire 0061");
    sessionWith(a, learner.id, {6001, 6002});
    a.sync();
    b.sync();
    REQUIRE(b.count("SELECT count(*) FROM pass_cheques WHERE state = 'redeemed'") == 2);

    const std::string paidOn = core::today();
    auto result = app::importPayments(*a.notebook, "number;amount_cents;paid_on\r\n6001;1000;" + paidOn +
                                                        "\r\n6002;950;" + paidOn + "\r\n");
    REQUIRE(result.problems.empty());
    CHECK(result.paid == 2);
    CHECK(result.totalCents == 1950);
    CHECK(a.pending() == 2);
    a.sync();
    CHECK(a.pending() == 0);
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM records WHERE entity = 'cheque_event' "
                      "AND json_extract(fields, '$.kind') = 'paid'") == 2);
    CHECK(file.scalar("SELECT sum(json_extract(fields, '$.amount_cents')) FROM records WHERE entity = 'cheque_event' "
                      "AND json_extract(fields, '$.kind') = 'paid'") == 1950);

    b.sync();
    CHECK(b.text("SELECT group_concat(number || ':' || state || ':' || paid_on) FROM "
                 "(SELECT * FROM pass_cheques WHERE number IN (6001, 6002) ORDER BY number)") ==
          "6001:paid:" + paidOn + ",6002:paid:" + paidOn);
    CHECK(b.count("SELECT sum(amount_cents) FROM cheque_events WHERE kind = 'paid'") == 1950);
    // Bruno's laptop now knows them paid: the same file imported there is refused line by line, nothing written.
    auto again = app::importPayments(*b.notebook, "number,amount_cents,paid_on\n6001,1000," + paidOn + "\n");
    REQUIRE(again.problems.size() == 1);
    CHECK(again.problems.front().line == 2);
    CHECK(again.problems.front().key == "err.cheque_already_paid");
    CHECK(b.pending() == 0);
}
