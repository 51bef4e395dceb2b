// The Pass numérique across the network, on a real hub: a cancellation travels to every laptop of the structure,
// and a cheque handed out by one structure, redeemed at another's place and again at a third's, all offline,
// is flagged in each of their conflict inboxes.
#include <catch2/catch.hpp>

#include "app/conflict_export.hpp"
#include "app/conflict_inbox.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "pass_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
core::Session sessionWith(Laptop& laptop, const std::string& learnerId) {
    return laptop.notebook->recordSession(sessionDraft(learnerId));
}
}  // namespace

TEST_CASE("a cheque cancelled on one laptop reaches the other laptops of its structure and is never redeemed there",
          "[pass][sync]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
    Laptop a, b;
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
    a.notebook->receiveBooklet(bookletOf("Centre social Parilly"));
    a.sync();
    b.sync();
    REQUIRE(b.count("SELECT count(*) FROM pass_cheques WHERE valid_year = 0") == 10);
    REQUIRE(b.text("SELECT funder || '/' || valid_year FROM pass_booklets") ==
            "Métropole de Lyon/" + std::to_string(thisYear()));

    a.notebook->cancelCheques(5003, 5004, "stolen", "sac volé pendant la permanence", core::today());
    a.sync();
    b.sync();

    CHECK(b.text("SELECT group_concat(number || ':' || state || ':' || cancel_cause || ':' || cancel_reason) "
                 "FROM pass_cheques WHERE number IN (5003, 5004)") ==
          "5003:cancelled:stolen:sac volé pendant la permanence,5004:cancelled:stolen:sac volé pendant la permanence");
    auto learner = b.addLearner("Bénéficiaire 0042");
    auto session = sessionWith(b, learner.id);
    CHECK(refusalOf([&] { b.notebook->redeemInSession(5003, session.id); }) == "err.cheque_cancelled");
    CHECK(refusalOf([&] { b.notebook->giveCheque(5004, learner.id, core::today()); }) == "err.cheque_cancelled");
    CHECK(b.notebook->checkCheque(5005, core::today()).redeemable);
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM records WHERE entity = 'cheque_event' "
                      "AND json_extract(fields, '$.kind') = 'cancelled'") == 2);
}

TEST_CASE("a cheque given by one structure, redeemed at another's place, then again at a third's, all offline, "
          "is flagged in every structure's inbox",
          "[pass][sync][conflict]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");          // distributor
    hub.addUser("bruno", "adviser", "Médiathèque de Bron", "metropole-lyon");            // qualified place
    hub.addUser("chloe", "adviser", "Maison France services Vaulx", "metropole-lyon");   // another place
    hub.addUser("claire", "coordinator", "Métropole de Lyon", "metropole-lyon");
    Laptop a, b, c, k;
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
    c.enroll(hub, "chloe");
    k.enroll(hub, "claire");

    // All three offline: A gives cheque 5003; B and C, who never saw A's booklet, each redeem it.
    a.notebook->receiveBooklet(bookletOf("Centre social Parilly"));
    auto learnerA = a.addLearner("Bénéficiaire 0001");
    a.notebook->giveCheque(5003, learnerA.id, core::today());
    auto learnerB = b.addLearner("Bénéficiaire B-7");
    auto sessionB = sessionWith(b, learnerB.id);
    CHECK(refusalOf([&] { b.notebook->redeemInSession(5003, sessionB.id); }) == "err.cheque_unknown_needs_year");
    b.notebook->redeemInSession(5003, sessionB.id, thisYear());
    auto learnerC = c.addLearner("Bénéficiaire C-3");
    auto sessionC = sessionWith(c, learnerC.id);
    c.notebook->redeemInSession(5003, sessionC.id, thisYear());

    // The network returns: A, then B, then C.
    a.sync();
    auto reportB = b.sync();
    CHECK(reportB.pushConflicts == 0);  // the first redemption in the network is simply accepted
    auto reportC = c.sync();
    CHECK(reportC.pushConflicts == 1);
    a.sync();
    b.sync();
    k.sync();

    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM conflicts WHERE kind = 'over_redemption'") == 1);
    CHECK(file.text("SELECT json_extract(details, '$.owner_structure') FROM conflicts") == "Centre social Parilly");

    for (auto* laptop : {&a, &b, &c, &k}) {
        INFO("laptop of " << laptop->text("SELECT login FROM sync_account"));
        CHECK(laptop->count("SELECT count(*) FROM sync_conflicts WHERE kind = 'over_redemption'") == 1);
        app::ConflictInbox inbox(*laptop->notebook);
        inbox.reload();
        REQUIRE(inbox.open().size() == 1);
        CHECK(inbox.open().front().recordLabel == "5003");
        CHECK(inbox.open().front().redemptions.size() == 2);
        // `export conflicts --format json`: the same conflict, both redemptions, and who decides it.
        auto exported = app::conflictsForExport(*laptop->notebook);
        REQUIRE(exported.size() == 1);
        CHECK(exported[0]["kind"] == "over_redemption");
        CHECK(exported[0]["record"]["label"] == "5003");
        CHECK(exported[0]["sides"]["redemptions"].size() == 2);
        CHECK(exported[0]["decidable_here"] == (laptop == &k));
    }
    // Each redeemer and the distributor see the cheque itself in conflict; the distributor sees it redeemed.
    CHECK(a.text("SELECT state || '/' || sync_state FROM pass_cheques WHERE number = 5003") == "redeemed/conflict");
    CHECK(b.text("SELECT state || '/' || sync_state FROM pass_cheques WHERE number = 5003") == "redeemed/conflict");
    CHECK(c.text("SELECT state || '/' || sync_state FROM pass_cheques WHERE number = 5003") == "redeemed/conflict");

    // The distributor sees where its cheque was redeemed, and the place who handed it out, each without the
    // other's learner, session or free text.
    auto atA = a.notebook->passStore().findByNumber(5003);
    REQUIRE(atA);
    CHECK(atA->redeemedAt == "Médiathèque de Bron");
    CHECK(atA->learnerId == learnerA.id);
    CHECK(atA->sessionId.empty());
    auto atB = b.notebook->passStore().findByNumber(5003);
    REQUIRE(atB);
    CHECK(atB->givenBy == "Centre social Parilly");
    CHECK(atB->redeemedAt.empty());  // its own redemption, here
    CHECK(atB->learnerId == learnerB.id);
    CHECK(a.count("SELECT count(*) FROM cheque_events WHERE structure != 'Centre social Parilly' AND structure != '' "
                  "AND (coalesce(learner_id, '') != '' OR coalesce(session_id, '') != '' OR reason != '')") == 0);
    CHECK(a.count("SELECT count(*) FROM cheque_events WHERE structure IN ('Médiathèque de Bron', "
                  "'Maison France services Vaulx')") == 2);
    CHECK(b.count("SELECT count(*) FROM cheque_events WHERE structure = 'Centre social Parilly' AND kind = 'given' "
                  "AND coalesce(learner_id, '') = ''") == 1);

    // The coordinator holds one cheque 5003, in A's booklet, given by A and redeemed twice (B, then C).
    CHECK(k.count("SELECT count(*) FROM pass_cheques WHERE number = 5003") == 1);
    CHECK(k.count("SELECT count(*) FROM pass_cheques WHERE number = 5003 AND booklet_id IS NOT NULL") == 1);
    CHECK(k.text("SELECT group_concat(kind, ',') FROM (SELECT kind FROM cheque_events e JOIN pass_cheques p "
                 "ON p.id = e.cheque_id WHERE p.number = 5003 ORDER BY e.kind)") == "given,redeemed,redeemed");
    CHECK(k.text("SELECT state FROM pass_cheques WHERE number = 5003") == "redeemed");
    CHECK(k.text("SELECT session_id FROM pass_cheques WHERE number = 5003") == sessionB.id);
}
