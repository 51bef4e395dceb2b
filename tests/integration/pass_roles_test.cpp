// A structure's part in the Pass numérique across a real hub: roles, grace period and catalogue set on the hub or
// on a coordinator's laptop reach the structure's laptops; cheques cancelled on the hub; forged settings refused.
#include <catch2/catch.hpp>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "sync/protocol/pass_settings.hpp"
#include "pass_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
int hubTool(HubFixture& hub, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", hub.dir.str()});
    return runHubTool(args);
}
}  // namespace

TEST_CASE("a structure's roles and catalogue set on the hub reach its laptops, and each redemption names its service",
          "[pass][sync]") {
    HubFixture hub;
    const std::string bron = "Médiathèque de Bron";
    hub.addUser("bruno", "adviser", bron, "metropole-lyon");
    REQUIRE(hubTool(hub, {"pass", "profile", "--structure", bron, "--distributor", "no", "--grace-days", "10"}) == 0);
    REQUIRE(hubTool(hub, {"pass", "service", "--structure", bron, "--code", "atelier-2h", "--label", "Atelier 2 h"}) == 0);
    REQUIRE(hubTool(hub, {"pass", "service", "--structure", bron, "--code", "accompagnement-1h", "--label",
                          "Accompagnement individuel 1 h", "--cheques", "2"}) == 0);
    // Bad input is refused by name and writes nothing.
    CHECK(hubTool(hub, {"pass", "profile", "--structure", bron, "--grace-days", "400"}) != 0);
    CHECK(hubTool(hub, {"pass", "profile", "--structure", bron, "--distributor", "peut-être"}) != 0);
    CHECK(hubTool(hub, {"pass", "service", "--structure", bron, "--code", "Atelier 2h"}) != 0);
    CHECK(hubTool(hub, {"pass", "service", "--structure", bron, "--code", "atelier-2h", "--cheques", "0"}) != 0);

    Laptop b;
    b.enroll(hub, "bruno");
    b.sync();
    auto profile = b.notebook->passProfile();
    REQUIRE(profile);
    CHECK(profile->distributor == 0);
    CHECK(profile->qualifiedPlace == 1);
    CHECK(b.notebook->validityPolicy().graceDays == 10);
    REQUIRE(b.notebook->passServices().size() == 2);
    CHECK(b.notebook->passServices().front().label == "Accompagnement individuel 1 h");

    // Not a distributor: its booklet's cheques are not handed out here.
    b.notebook->receiveBooklet(bookletOf(bron));
    auto learner = b.addLearner("Bénéficiaire B-12");
    CHECK(refusalOf([&] { b.notebook->giveCheque(5001, learner.id, core::today()); }) == "err.pass_not_distributor");

    // A qualified place: two cheques of another structure pay one individual hour.
    auto s = sessionDraft(learner.id);
    s.chequesRedeemed = {880001, 880002};
    s.chequeValidYears = {{880001, thisYear()}, {880002, thisYear()}};
    CHECK(refusalOf([&] { b.notebook->recordSession(s); }) == "err.pass_service_required");
    s.chequeService = "accompagnement-1h";
    b.notebook->recordSession(s);
    auto report = b.sync();
    CHECK(report.pushConflicts == 0);
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM records WHERE entity = 'cheque_event' "
                      "AND json_extract(fields, '$.service') = 'accompagnement-1h'") == 2);
    // The hub's change is what a later profile edit merges on.
    REQUIRE(hubTool(hub, {"pass", "profile", "--structure", bron, "--grace-days", "31"}) == 0);
    b.sync();
    CHECK(b.notebook->validityPolicy().graceDays == 31);
    CHECK(b.notebook->passProfile()->distributor == 0);
}

TEST_CASE("a coordinator's laptop changes the catalogue offline and the advisers' laptops receive it, but an adviser's "
          "laptop cannot, and the hub refuses an adviser's forged change",
          "[pass][sync][hub][hostile]") {
    HubFixture hub;
    const std::string parilly = "Centre social Parilly";
    hub.addUser("claire", "coordinator", parilly, "metropole-lyon");
    hub.addUser("alice", "adviser", parilly, "metropole-lyon");
    Laptop k, a;
    k.enroll(hub, "claire");
    a.enroll(hub, "alice");

    k.notebook->setPassProfile(1, 1, 20);
    k.notebook->savePassService("atelier-2h", std::string("Atelier 2 h"), 1, std::nullopt);
    CHECK(refusalOf([&] { a.notebook->savePassService("atelier-3h", std::string("Atelier 3 h"), 1, std::nullopt); }) ==
          "err.pass_settings_coordinators_only");
    CHECK(refusalOf([&] { a.notebook->setPassProfile(0, 1, std::nullopt); }) == "err.pass_settings_coordinators_only");
    k.sync();
    a.sync();
    CHECK(a.notebook->validityPolicy().graceDays == 20);
    REQUIRE(a.notebook->passServices().size() == 1);
    CHECK(a.notebook->passServices().front().code == "atelier-2h");

    // Withdrawn: no longer offered, still named by the redemptions that used it.
    k.notebook->savePassService("atelier-2h", std::nullopt, std::nullopt, 1);
    k.sync();
    a.sync();
    CHECK(a.notebook->passServices().empty());
    CHECK(a.notebook->passServices(true).size() == 1);
    CHECK(k.pending() == 0);

    // Alice's device forges what her laptop would not send.
    auto alice = hub.enroll("alice", "laptop-forger");
    const auto serviceId = sync::passServiceId(parilly, "gratuit");
    auto forged = hub.push(alice, "laptop-forger",
                           {Op{newOpId(), 1, "pass_service", serviceId, "create", 0,
                               {{"structure", parilly}, {"code", "gratuit"}, {"label", "Tout gratuit"}, {"cheques", 1}}},
                            Op{newOpId(), 2, "pass_profile", sync::passProfileId(parilly), "update", 2,
                               {{"grace_days", 366}}}});
    REQUIRE(forged.status == 200);
    const auto forgedBody = forged.json();  // kept alive: the loop walks a member of it
    for (const auto& r : forgedBody["results"]) {
        CHECK(r["status"] == "rejected");
        CHECK(r["reason"] == "forbidden");
    }
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM records WHERE entity = 'pass_service'") == 1);
    CHECK(file.text("SELECT json_extract(fields, '$.grace_days') FROM records WHERE entity = 'pass_profile'") == "20");
}

TEST_CASE("forged Pass profiles and services are refused by field, and never reach another structure",
          "[pass][hub][hostile]") {
    HubFixture hub;
    hub.addUser("claire", "coordinator", "lyon8", "");
    hub.addUser("victor", "adviser", "villeurbanne", "");
    auto claire = hub.enroll("claire", "laptop-k");
    auto victor = hub.enroll("victor", "laptop-v");
    const auto own = sync::passProfileId("lyon8");
    const auto other = sync::passProfileId("villeurbanne");
    auto service = [](const std::string& id, json fields) { return Op{newOpId(), 1, "pass_service", id, "create", 0, fields}; };
    std::vector<Op> ops = {
        Op{newOpId(), 1, "pass_profile", other, "create", 0, {{"structure", "villeurbanne"}, {"grace_days", 31}}},
        Op{newOpId(), 2, "pass_profile", own, "create", 0, {{"structure", "lyon8"}, {"grace_days", 99999}}},
        Op{newOpId(), 3, "pass_profile", own, "create", 0, {{"structure", "lyon8"}, {"distributor", "yes"}}},
        Op{newOpId(), 4, "pass_profile", "lyon8-fake", "create", 0, {{"structure", "lyon8"}}},
        service(sync::passServiceId("lyon8", "x"), {{"structure", "lyon8"}, {"code", "X Y"}, {"cheques", 1}}),
        service(sync::passServiceId("lyon8", "atelier"), {{"structure", "lyon8"}, {"code", "atelier"}, {"cheques", 0}}),
        service(sync::passServiceId("lyon8", "atelier"),
                {{"structure", "lyon8"}, {"code", "atelier"}, {"label", std::string(5000, 'x')}}),
        service(sync::passServiceId("lyon8", "autre"), {{"structure", "lyon8"}, {"code", "atelier"}}),
    };
    auto answer = hub.push(claire, "laptop-k", ops);
    REQUIRE(answer.status == 200);
    auto body = answer.json();
    const auto& results = body["results"];
    REQUIRE(results.size() == ops.size());
    CHECK(results[0]["reason"] == "forbidden");
    for (std::size_t i = 1; i < ops.size(); ++i) {
        CAPTURE(i);
        CHECK(results[i]["status"] == "rejected");
        CHECK(results[i]["reason"] == "field_invalid");
        CHECK(results[i]["message"].get<std::string>().find("xxxx") == std::string::npos);
    }
    // A label nested deep instead of text, a code in another script, a number where a flag goes: refused whole
    // (400) or op by op, and nothing stored.
    std::vector<Op> odd = {
        service(sync::passServiceId("lyon8", "niche"),
                {{"structure", "lyon8"}, {"code", "niche"}, {"label", json::parse(std::string(200, '[') + std::string(200, ']'))}}),
        service(sync::passServiceId("lyon8", "ateli\xc3\xa9r"), {{"structure", "lyon8"}, {"code", "ateli\xc3\xa9r"}}),
        Op{newOpId(), 11, "pass_profile", own, "create", 0, {{"structure", "lyon8"}, {"qualified_place", 1e300}}},
    };
    for (auto& op : odd) {
        auto odd1 = hub.push(claire, "laptop-k", {op});
        REQUIRE((odd1.status == 200 || odd1.status == 400));
        if (odd1.status == 200) CHECK(odd1.json()["results"][0]["status"] == "rejected");
    }
    HubFile stored(hub.dir.str());
    CHECK(stored.scalar("SELECT count(*) FROM records WHERE entity IN ('pass_profile', 'pass_service')") == 0);
    // A good one, then a delete and a change of its code: a service is withdrawn, never deleted or renamed.
    const auto good = sync::passServiceId("lyon8", "atelier");
    REQUIRE(hub.push(claire, "laptop-k", {service(good, {{"structure", "lyon8"}, {"code", "atelier"}, {"cheques", 1}})})
                .json()["results"][0]["status"] == "applied");
    auto later = hub.push(claire, "laptop-k",
                          {Op{newOpId(), 10, "pass_service", good, "delete", 1, json::object()},
                           Op{newOpId(), 11, "pass_service", good, "update", 1, {{"code", "atelier-bis"}}}});
    auto laterBody = later.json();
    CHECK(laterBody["results"][0]["reason"] == "append_only");
    CHECK(laterBody["results"][1]["reason"] == "field_invalid");
    // Villeurbanne's adviser pulls nothing of Lyon 8's settings.
    for (const auto& change : pullAll(victor)) CHECK(change["entity"] != "pass_service");
    CHECK(claire.get("/healthz").status == 200);
}

TEST_CASE("a cheque cancelled on the hub reaches its structure's laptops and is refused there, and a range holding a "
          "redeemed cheque cancels nothing",
          "[pass][sync]") {
    HubFixture hub;
    const std::string parilly = "Centre social Parilly";
    hub.addUser("alice", "adviser", parilly, "metropole-lyon");
    Laptop a;
    a.enroll(hub, "alice");
    a.notebook->receiveBooklet(bookletOf(parilly));
    auto learner = a.addLearner("Bénéficiaire 0007");
    auto s = sessionDraft(learner.id);
    s.chequesRedeemed = {5002};
    a.notebook->recordSession(s);
    a.sync();

    HubFile file(hub.dir.str());
    CHECK(hubTool(hub, {"pass", "cancel", "--first", "5001", "--last", "5004", "--reason", "carnet perdu"}) != 0);
    CHECK(file.scalar("SELECT count(*) FROM records WHERE json_extract(fields, '$.kind') = 'cancelled'") == 0);
    CHECK(hubTool(hub, {"pass", "cancel", "--first", "990001", "--reason", "inconnu"}) != 0);
    CHECK(hubTool(hub, {"pass", "cancel", "--first", "5003", "--cause", "volé", "--reason", "sac volé"}) != 0);
    CHECK(hubTool(hub, {"pass", "cancel", "--first", "5003", "--last", "5004", "--cause", "stolen", "--reason", ""}) != 0);
    REQUIRE(hubTool(hub, {"pass", "cancel", "--first", "5003", "--last", "5004", "--cause", "stolen", "--reason",
                          "sac volé à la permanence"}) == 0);
    CHECK(file.scalar("SELECT count(*) FROM records WHERE json_extract(fields, '$.kind') = 'cancelled'") == 2);
    // Cancelling again is refused: the first cancellation stands.
    CHECK(hubTool(hub, {"pass", "cancel", "--first", "5004", "--reason", "encore"}) != 0);

    a.sync();
    CHECK(a.text("SELECT group_concat(number || ':' || state || ':' || cancel_cause, ',') FROM pass_cheques "
                 "WHERE number IN (5003, 5004)") == "5003:cancelled:stolen,5004:cancelled:stolen");
    CHECK(refusalOf([&] { a.notebook->giveCheque(5003, learner.id, core::today()); }) == "err.cheque_cancelled");
    CHECK(refusalOf([&] { a.notebook->chequeForRedemption(5004, core::today()); }) == "err.cheque_cancelled");
}

TEST_CASE("a structure that sends a redemption of another's cheque learns where and when it was given, never to whom "
          "or why",
          "[pass][hub][hostile]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "");
    hub.addUser("mallory", "adviser", "Association Curieuse", "");
    auto alice = hub.enroll("alice", "laptop-a");
    auto mallory = hub.enroll("mallory", "laptop-m");
    // Alice's structure gave cheque 5003 to learner L1 and cancelled 5004 with a note naming someone.
    auto given = Op{newOpId(), 1, "cheque_event", "E-given", "create", 0,
                    {{"cheque_id", "B1#5003"}, {"number", 5003}, {"kind", "given"}, {"learner_id", "L1"},
                     {"on_date", "2026-03-01"}}};
    auto cancelled = Op{newOpId(), 2, "cheque_event", "E-cancel", "create", 0,
                        {{"cheque_id", "B1#5004"}, {"number", 5004}, {"kind", "cancelled"}, {"cause", "stolen"},
                         {"reason", "volé chez Mme Martin"}, {"on_date", "2026-03-01"}}};
    REQUIRE(hub.push(alice, "laptop-a", {learnerCreate("L1", "Zoé"), given, cancelled}).status == 200);
    // Mallory forges redemptions of both numbers to be shown their story.
    auto forged = hub.push(mallory, "laptop-m",
                           {Op{newOpId(), 1, "cheque_event", "M1", "create", 0,
                               {{"cheque_id", "pass#5003"}, {"number", 5003}, {"kind", "redeemed"}, {"on_date", "2026-03-02"}}},
                            Op{newOpId(), 2, "cheque_event", "M2", "create", 0,
                               {{"cheque_id", "pass#5004"}, {"number", 5004}, {"kind", "redeemed"}, {"on_date", "2026-03-02"}}}});
    REQUIRE(forged.status == 200);
    int seen = 0;
    for (const auto& change : pullAll(mallory)) {
        CHECK(change["entity"] != "learner");
        if (change["entity"] != "cheque_event" || change["fields"]["structure"] != "Centre social Parilly") continue;
        ++seen;
        const auto text = change.dump();
        CHECK(text.find("L1") == std::string::npos);
        CHECK(text.find("Martin") == std::string::npos);
        CHECK_FALSE(change["fields"].contains("learner_id"));
        CHECK_FALSE(change["fields"].contains("reason"));
    }
    CHECK(seen == 2);
    // Both forged redemptions are raised for people to look at (one of a cancelled cheque).
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM conflicts WHERE kind = 'over_redemption'") == 1);
}
