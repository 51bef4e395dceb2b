// Resolving conflicts through the real hub: a decision made on one laptop reaches every laptop, and only the right people decide.
#include <catch2/catch.hpp>

#include "app/conflict_inbox.hpp"
#include "core/calendar.hpp"
#include "store/local_conflicts.hpp"
#include "sync/protocol/wire_codec.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
// Alice and Bruno (advisers of one structure) edit one learner's phone offline: a hard conflict on both.
struct HardConflict {
    HubFixture hub;
    Laptop a, b;
    core::Learner learner;
    HardConflict() {
        hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
        hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
        hub.addUser("claire", "coordinator", "Métropole de Lyon", "metropole-lyon");
        hub.addUser("dora", "adviser", "Espace numérique Croix-Rousse", "metropole-lyon");
        a.enroll(hub, "alice");
        b.enroll(hub, "bruno");
        learner = a.addLearner("Bénéficiaire 0001");
        a.sync();
        b.sync();
        a.editLearner(learner.id, [](core::Learner& l) { l.phone = "0611111111"; });
        b.editLearner(learner.id, [](core::Learner& l) { l.phone = "0622222222"; });
        a.sync();
        b.sync();
        a.sync();
    }
    std::int64_t conflictId() {
        auto list = a.notebook->conflicts().all(learner.id);
        REQUIRE(list.size() == 1);
        return list[0].id;
    }
    json resolveBody(const std::string& opId, const std::string& phone) {
        return {{"protocol_version", 1}, {"op_id", opId}, {"resolution", {{"fields", {{"phone", phone}}}, {"note", ""}}}};
    }
};
}  // namespace

TEST_CASE("a coordinator resolves a hard learner conflict in the inbox and both laptops get the chosen value") {
    HardConflict t;
    for (auto* laptop : {&t.a, &t.b}) {
        app::ConflictInbox inbox(*laptop->notebook);
        inbox.reload();
        REQUIRE(inbox.open().size() == 1);
        const auto& view = inbox.open().front();
        CHECK(view.recordLabel == "Bénéficiaire 0001");
        REQUIRE(view.fields.size() == 1);
        CHECK(view.fields[0].field == "phone");
        CHECK(view.fields[0].hub == "0611111111");
        CHECK(view.fields[0].incoming == "0622222222");
    }

    Laptop c;
    c.enroll(t.hub, "claire");
    c.sync();
    app::ConflictInbox inbox(*c.notebook);
    inbox.reload();
    REQUIRE(inbox.open().size() == 1);
    auto id = inbox.open().front().conflict.id;
    // A hard conflict needs a value for each clashing field.
    CHECK_THROWS_AS(inbox.resolveFields(id, json::object(), ""), Error);
    inbox.resolveFields(id, {{"phone", "0622222222"}}, "Numéro confirmé par téléphone");
    CHECK(inbox.open().front().conflict.state == "sent");
    CHECK(c.pending() == 1);  // the decision waits in the outbox like any other write
    CHECK_THROWS_AS(inbox.resolveFields(id, {{"phone", "0611111111"}}, ""), Error);  // decided once

    c.sync();
    t.a.sync();
    t.b.sync();
    for (auto* laptop : {&t.a, &t.b, &c}) {
        CHECK(laptop->notebook->learner(t.learner.id)->phone == "0622222222");
        CHECK(laptop->text("SELECT resolution_state FROM sync_conflicts WHERE id = " + std::to_string(id)) == "resolved");
        CHECK(laptop->pending() == 0);
    }
    CHECK(t.a.text("SELECT sync_state FROM learners WHERE id = '" + t.learner.id + "'") == "synced");
    CHECK(t.a.text("SELECT resolved_by FROM sync_conflicts") == "claire");
    CHECK(t.a.learnersDump() == t.b.learnersDump());
    app::ConflictInbox after(*t.a.notebook);
    after.reload();
    CHECK(after.open().empty());
    CHECK(after.closed().size() == 1);

    // The hub's open list no longer has it.
    auto http = t.hub.enroll("claire", "coordinator-desk");
    auto open = http.get("/v1/conflicts?after=0");
    REQUIRE(open.status == 200);
    CHECK(open.json()["conflicts"].empty());
}

TEST_CASE("the resolve endpoint is idempotent by op id and refuses an adviser of another structure") {
    HardConflict t;
    auto id = t.conflictId();
    std::string path = "/v1/conflicts/" + std::to_string(id) + "/resolve";

    auto outsider = t.hub.enroll("dora", "dora-laptop");
    auto refused = outsider.post(path, t.resolveBody(newOpId(), "0611111111").dump());
    CHECK(refused.status == 403);
    CHECK(refused.json()["error"] == "forbidden");
    CHECK(outsider.post("/v1/conflicts/999999/resolve", t.resolveBody(newOpId(), "x").dump()).status == 404);

    // An adviser of the learner's own structure may decide (the rule in docs/sync-protocol.md).
    auto bruno = t.hub.enroll("bruno", "bruno-desk");
    auto missing = bruno.post(path, json{{"protocol_version", 1}, {"op_id", newOpId()},
                                         {"resolution", {{"fields", json::object()}}}}.dump());
    CHECK(missing.status == 400);  // the clashing field has no decision
    auto opId = newOpId();
    auto first = bruno.post(path, t.resolveBody(opId, "0611111111").dump());
    REQUIRE(first.status == 200);
    CHECK(mediane::sync::decodeResolveResponse(first.body).status == "applied");
    auto again = bruno.post(path, t.resolveBody(opId, "0611111111").dump());
    REQUIRE(again.status == 200);
    CHECK(mediane::sync::decodeResolveResponse(again.body).status == "duplicate");
    CHECK(bruno.post(path, t.resolveBody(newOpId(), "0622222222").dump()).status == 409);

    t.b.sync();
    CHECK(t.b.notebook->learner(t.learner.id)->phone == "0611111111");
    CHECK(t.b.text("SELECT resolution_state FROM sync_conflicts") == "resolved");
    HubFile file(t.hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM conflicts WHERE resolved_at != ''") == 1);
}

TEST_CASE("a cheque redeemed twice shows both sessions in the inbox and only a coordinator decides which keeps it") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("claire", "coordinator", "Métropole de Lyon", "metropole-lyon");
    Laptop a, b, c;
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
    c.enroll(hub, "claire");
    auto learner = a.addLearner("Bénéficiaire 0001");
    a.notebook->receiveBooklet({"", "Centre social Parilly", 5000, 5009, 1000, core::addDays(core::today(), 365),
                                core::addDays(core::today(), -3)});
    a.sync();
    b.sync();
    auto redeem = [&](Laptop& laptop, int minutes) {
        core::Session s;
        s.date = core::today();
        s.durationMinutes = minutes;
        s.kind = core::SessionKind::Individual;
        s.placeMode = core::PlaceMode::Home;
        s.communeName = "Vénissieux";
        s.communeInsee = "69259";
        s.learnerIds = {learner.id};
        s.themes = {"aide_aux_demarches_administratives"};
        s.chequesRedeemed = {5003};
        return laptop.notebook->recordSession(s);
    };
    auto sa = redeem(a, 30);
    auto sb = redeem(b, 45);
    a.sync();
    b.sync();
    a.sync();
    c.sync();

    // The adviser sees the cheque redeemed twice, for information, but cannot decide who keeps it: nothing
    // waits for them (the tab's count) and the card offers no decision.
    app::ConflictInbox inbox(*a.notebook);
    inbox.reload();
    REQUIRE(inbox.open().size() == 1);
    CHECK_FALSE(inbox.open().front().decidable);
    CHECK(a.notebook->status().openConflicts == 0);

    app::ConflictInbox desk(*c.notebook);
    desk.reload();
    REQUIRE(desk.open().size() == 1);
    CHECK(desk.open().front().decidable);
    CHECK(c.notebook->status().openConflicts == 1);
    const auto view = desk.open().front();
    CHECK(view.conflict.kind == "over_redemption");
    CHECK(view.recordLabel == "5003");
    REQUIRE(view.redemptions.size() == 2);
    CHECK(view.redemptions[0].sessionId == sa.id);
    CHECK(view.redemptions[1].sessionId == sb.id);
    CHECK(view.redemptions[1].incoming);
    CHECK(view.redemptions[0].date == core::today());

    // A decision made anyway on the adviser's laptop is pushed, refused by the hub and marked in error; the
    // conflict stays open there, for someone allowed to decide.
    auto local = a.notebook->conflicts().all();
    REQUIRE(local.size() == 1);
    inbox.resolveRedemption(local.front().id, view.redemptions[0].recordId, "");
    a.sync();
    CHECK(a.count("SELECT count(*) FROM outbox WHERE state = 'error' AND error LIKE 'forbidden%'") == 1);
    CHECK(a.text("SELECT resolution_state FROM sync_conflicts") == "open");

    desk.resolveRedemption(desk.open().front().conflict.id, desk.open().front().redemptions[0].recordId,
                           "Chèque remis lors de la première séance");
    c.sync();
    b.sync();
    CHECK(b.text("SELECT resolution_state FROM sync_conflicts") == "resolved");
    CHECK(b.text("SELECT json_extract(resolution, '$.note') FROM sync_conflicts") ==
          "Chèque remis lors de la première séance");
    CHECK(b.text("SELECT json_extract(resolution, '$.keep') FROM sync_conflicts") == view.redemptions[0].recordId);
}
