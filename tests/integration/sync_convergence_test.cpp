// Two laptops of one structure edit offline, then sync through the real hub: they converge and overlaps are kept.
#include <catch2/catch.hpp>

#include "core/calendar.hpp"
#include "store/local_conflicts.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

TEST_CASE("two laptops converge after editing different and the same learners offline") {
    TwoLaptops t;
    auto shared = t.a.addLearner("Bénéficiaire 0001");
    auto other = t.a.addLearner("Bénéficiaire 0002");
    t.a.sync();
    t.b.sync();
    REQUIRE(t.b.learnersDump() == t.a.learnersDump());

    // Offline: different fields of one learner, the same field of another, a new learner on each side.
    t.a.editLearner(shared.id, [](core::Learner& l) { l.commune = "Lyon"; });
    t.b.editLearner(shared.id, [](core::Learner& l) { l.goals = "banque en ligne"; });
    t.a.editLearner(other.id, [](core::Learner& l) { l.phone = "0611111111"; });
    t.b.editLearner(other.id, [](core::Learner& l) { l.phone = "0622222222"; });
    t.a.addLearner("Bénéficiaire A");
    t.b.addLearner("Bénéficiaire B");

    t.a.sync();
    t.b.sync();
    t.a.sync();

    CHECK(t.a.learnersDump() == t.b.learnersDump());
    CHECK(t.a.count("SELECT count(*) FROM learners") == 4);
    auto merged = t.a.notebook->learner(shared.id);
    CHECK(merged->commune == "Lyon");
    CHECK(merged->goals == "banque en ligne");
    // The same field: the first to reach the hub stays, the other value is kept in a hard conflict on both sides.
    CHECK(t.b.notebook->learner(other.id)->phone == "0611111111");
    for (auto* laptop : {&t.a, &t.b}) {
        auto& remote = laptop->notebook->conflicts();
        auto conflicts = remote.all(other.id);
        REQUIRE(conflicts.size() == 1);
        CHECK(conflicts[0].kind == "hard");
        CHECK(conflicts[0].details["fields"]["phone"]["incoming"] == "0622222222");
        CHECK(conflicts[0].details["fields"]["phone"]["hub"] == "0611111111");
        CHECK(laptop->text("SELECT sync_state FROM learners WHERE id = '" + other.id + "'") == "conflict");
        CHECK(laptop->pending() == 0);
    }
}

TEST_CASE("a learner created and edited twice offline reaches the hub without a conflict with itself") {
    TwoLaptops t;
    auto l = t.a.addLearner("Bénéficiaire 0001");
    t.a.editLearner(l.id, [](core::Learner& x) { x.phone = "0600000001"; });
    t.a.editLearner(l.id, [](core::Learner& x) { x.phone = "0600000002"; });
    auto report = t.a.sync();
    CHECK(report.acked == 3);
    CHECK(report.pushConflicts == 0);
    t.b.sync();
    CHECK(t.b.notebook->learner(l.id)->phone == "0600000002");
    CHECK(t.b.notebook->learner(l.id)->version == 3);
    CHECK(t.a.learnersDump() == t.b.learnersDump());
}

TEST_CASE("a cheque redeemed on two laptops is accepted and flagged as over-redemption on both") {
    TwoLaptops t;
    auto learner = t.a.addLearner("Bénéficiaire 0001");
    auto place = t.a.notebook->addPlace({"", "Médiathèque", "BIB", "1 rue", "69200", "Vénissieux"});
    t.a.notebook->receiveBooklet({"", "Centre social Parilly", 5000, 5009, 1000, core::addDays(core::today(), 365),
                                  core::addDays(core::today(), -3)});
    t.a.sync();
    t.b.sync();
    REQUIRE(t.b.count("SELECT count(*) FROM pass_cheques") == 10);

    auto redeem = [&](Laptop& laptop) {
        core::Session s;
        s.date = core::today();
        s.durationMinutes = 30;
        s.kind = core::SessionKind::Individual;
        s.placeMode = core::PlaceMode::Home;
        s.communeName = "Vénissieux";
        s.communeInsee = "69259";
        s.learnerIds = {learner.id};
        s.themes = {"aide_aux_demarches_administratives"};
        s.chequesRedeemed = {5003};
        laptop.notebook->recordSession(s);
    };
    (void)place;
    redeem(t.a);
    redeem(t.b);
    t.a.sync();
    t.b.sync();
    t.a.sync();

    for (auto* laptop : {&t.a, &t.b}) {
        CHECK(laptop->count("SELECT count(*) FROM cheque_events WHERE kind = 'redeemed'") == 2);
        CHECK(laptop->count("SELECT count(*) FROM sessions") == 2);
        CHECK(laptop->count("SELECT count(*) FROM sync_conflicts WHERE kind = 'over_redemption'") == 1);
        CHECK(laptop->text("SELECT state || '/' || sync_state FROM pass_cheques WHERE number = 5003") == "redeemed/conflict");
    }
}

TEST_CASE("an adviser cannot pull another structure's learners") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("chloe", "adviser", "Médiathèque Lyon 8", "metropole-lyon");
    Laptop a, c;
    a.enroll(hub, "alice");
    c.enroll(hub, "chloe");
    a.addLearner("Bénéficiaire secret");
    a.sync();
    auto report = c.sync();
    CHECK(c.count("SELECT count(*) FROM learners") == 0);
    CHECK(report.pulled == 0);
}

TEST_CASE("skewed and stepped-back clocks do not decide anything") {
    TwoLaptops t;
    auto l = t.a.addLearner("Bénéficiaire 0001");
    t.a.sync();
    t.b.sync();
    // A's clock is days ahead, B's steps back to 2001: the HLC stamps say nothing about who wins.
    t.a.editLearner(l.id, [](core::Learner& x) { x.commune = "Bron"; });
    mediane::test::NotebookSql(*t.a.notebook).exec("UPDATE outbox SET hlc = '009999999999999-00000-a' WHERE state = 'pending'");
    t.b.editLearner(l.id, [](core::Learner& x) { x.commune = "Vaulx-en-Velin"; });
    mediane::test::NotebookSql(*t.b.notebook).exec("UPDATE outbox SET hlc = '000978307200000-00000-b' WHERE state = 'pending'");
    t.b.sync();  // B reaches the hub first, whatever its clock says
    t.a.sync();
    t.b.sync();
    CHECK(t.a.notebook->learner(l.id)->commune == "Vaulx-en-Velin");
    CHECK(t.a.learnersDump() == t.b.learnersDump());
    CHECK(t.a.count("SELECT count(*) FROM sync_conflicts WHERE kind = 'hard'") == 1);
}
