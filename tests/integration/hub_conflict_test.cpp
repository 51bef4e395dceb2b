// Conflict rules: concurrent learner edits, double redemption, update after delete, directory proposals.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"

using namespace mediane::test;

namespace {
json conflictsOf(const HttpClient& http) {
    auto r = http.get("/v1/conflicts");
    REQUIRE(r.status == 200);
    return r.json()["conflicts"];
}

// Two laptops of one structure, both holding learner L1 at version 1.
struct TwoLaptops {
    HubFixture f;
    HttpClient a{""}, b{""};
    TwoLaptops() {
        f.addUser("alice", "adviser", "s1");
        f.addUser("bruno", "adviser", "s1");
        a = f.enroll("alice", "laptop-a");
        b = f.enroll("bruno", "laptop-b");
        REQUIRE(f.push(a, "laptop-a", {learnerCreate("L1", "Ana")}).json()["results"][0]["version"] == 1);
    }
};
}  // namespace

TEST_CASE("concurrent learner edits of disjoint fields both apply and raise a soft conflict", "[hub][conflict]") {
    TwoLaptops t;
    auto first = t.f.push(t.a, "laptop-a", {learnerUpdate("L1", 1, {{"commune", "Lyon"}})}).json()["results"][0];
    CHECK(first["status"] == "applied");
    auto second = t.f.push(t.b, "laptop-b", {learnerUpdate("L1", 1, {{"goals", "write an email"}})}).json()["results"][0];
    CHECK(second["status"] == "conflict");
    CHECK(second["conflict"]["kind"] == "soft");
    CHECK(second["version"] == 3);

    auto latest = pullAll(t.a).back();
    CHECK(latest["fields"]["commune"] == "Lyon");
    CHECK(latest["fields"]["goals"] == "write an email");
    auto conflicts = conflictsOf(t.a);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0]["kind"] == "soft");
    CHECK(conflicts[0]["details"]["changed_since_base"] == json::array({"commune"}));
}

TEST_CASE("concurrent learner edits of the same field keep both values and raise a hard conflict", "[hub][conflict]") {
    TwoLaptops t;
    t.f.push(t.a, "laptop-a", {learnerUpdate("L1", 1, {{"phone", "0611111111"}})});
    auto second = t.f.push(t.b, "laptop-b", {learnerUpdate("L1", 1, {{"phone", "0622222222"}, {"goals", "banking"}})})
                      .json()["results"][0];
    CHECK(second["status"] == "conflict");
    CHECK(second["conflict"]["kind"] == "hard");

    auto latest = pullAll(t.b).back();
    CHECK(latest["fields"]["phone"] == "0611111111");  // the hub keeps the accepted value until a person decides
    CHECK(latest["fields"]["goals"] == "banking");     // the untouched field still applies
    auto conflicts = conflictsOf(t.b);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0]["kind"] == "hard");
    CHECK(conflicts[0]["details"]["fields"]["phone"]["hub"] == "0611111111");
    CHECK(conflicts[0]["details"]["fields"]["phone"]["incoming"] == "0622222222");
    CHECK(conflicts[0]["device_id"] == "laptop-b");
}

TEST_CASE("the same value typed on two laptops is no conflict", "[hub][conflict]") {
    TwoLaptops t;
    t.f.push(t.a, "laptop-a", {learnerUpdate("L1", 1, {{"commune", "Bron"}})});
    auto second = t.f.push(t.b, "laptop-b", {learnerUpdate("L1", 1, {{"commune", "Bron"}})}).json()["results"][0];
    CHECK(second["status"] == "applied");
    CHECK(second["version"] == 2);
    CHECK(conflictsOf(t.a).empty());
}

TEST_CASE("a cheque redeemed on two offline laptops is accepted twice and flagged as over-redemption",
          "[hub][conflict][pass]") {
    HubFixture f;
    f.addUser("alice", "adviser", "lyon8", "metropole");
    f.addUser("bruno", "adviser", "villeurbanne", "metropole");
    f.addUser("coord", "coordinator", "hq", "metropole");
    auto alice = f.enroll("alice", "laptop-a");
    auto bruno = f.enroll("bruno", "laptop-b");
    auto first = f.push(alice, "laptop-a", {redeemCheque("E1", "BK1#42")}).json()["results"][0];
    CHECK(first["status"] == "applied");
    auto second = f.push(bruno, "laptop-b", {redeemCheque("E2", "BK1#42")}).json()["results"][0];
    CHECK(second["status"] == "conflict");
    CHECK(second["conflict"]["kind"] == "over_redemption");
    CHECK(second["server_seq"].get<std::int64_t>() > 0);  // recorded, never dropped

    auto coord = f.enroll("coord", "laptop-k");
    auto events = pullAll(coord);
    CHECK(events.size() == 2);
    auto conflicts = conflictsOf(coord);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0]["kind"] == "over_redemption");
    CHECK(conflicts[0]["details"]["earlier"][0]["record_id"] == "E1");
    CHECK(conflicts[0]["details"]["incoming"]["record_id"] == "E2");

    auto third = f.push(alice, "laptop-a", {redeemCheque("E3", "BK1#43")}).json()["results"][0];
    CHECK(third["status"] == "applied");
}

TEST_CASE("an update to a deleted learner is a conflict, not a resurrection", "[hub][conflict]") {
    TwoLaptops t;
    Op erase{newOpId(), 2, "learner", "L1", "delete", 1, json::object()};
    auto deleted = t.f.push(t.a, "laptop-a", {erase}).json()["results"][0];
    CHECK(deleted["status"] == "applied");
    CHECK(deleted["version"] == 2);

    auto late = t.f.push(t.b, "laptop-b", {learnerUpdate("L1", 1, {{"commune", "Vaulx-en-Velin"}})}).json()["results"][0];
    CHECK(late["status"] == "conflict");
    CHECK(late["conflict"]["kind"] == "update_after_delete");

    auto latest = pullAll(t.b).back();
    CHECK(latest["deleted"] == true);
    CHECK(latest["fields"].empty());  // erasure: the tombstone keeps no personal data
    auto conflicts = conflictsOf(t.b);
    REQUIRE(conflicts.size() == 1);
    // A learner's deletion is an erasure: the conflict names the fields sent, never their values.
    CHECK(conflicts[0]["details"]["erased"] == true);
    CHECK(conflicts[0]["details"]["incoming_fields"] == json{"commune"});
    CHECK_FALSE(conflicts[0]["details"].contains("incoming"));
    CHECK(conflicts[0]["details"].dump().find("Vaulx") == std::string::npos);
}

TEST_CASE("an adviser's edit of the directory becomes a proposal, an admin's is published", "[hub][conflict]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    f.addUser("root", "admin", "resin");
    auto alice = f.enroll("alice", "laptop-a");
    auto admin = f.enroll("root", "laptop-r");
    Op place{newOpId(), 1, "place", "P1", "create", 0, {{"name", "Médiathèque"}, {"commune", "Lyon"}}};
    auto published = f.push(admin, "laptop-r", {place}).json()["results"][0];
    CHECK(published["status"] == "applied");

    Op edit{newOpId(), 1, "place", "P1", "update", 1, {{"name", "Médiathèque Jean Macé"}}};
    auto proposed = f.push(alice, "laptop-a", {edit}).json()["results"][0];
    CHECK(proposed["status"] == "conflict");
    CHECK(proposed["conflict"]["kind"] == "place_proposal");
    auto places = pullAll(alice);  // the shared directory reaches every adviser
    REQUIRE(places.size() == 1);
    CHECK(places[0]["fields"]["name"] == "Médiathèque");
    CHECK(conflictsOf(admin)[0]["details"]["proposed"]["name"] == "Médiathèque Jean Macé");
}

TEST_CASE("an over-redemption shows each structure only its own redemptions in full, and the cheque's owner sees it",
          "[hub][conflict][pass][hostile]") {
    HubFixture f;
    f.addUser("olga", "adviser", "owner", "metropole");       // distributed the booklet
    f.addUser("alice", "adviser", "lyon8", "metropole");      // redeemed it first
    f.addUser("bruno", "adviser", "villeurbanne", "metropole");  // redeemed it again
    f.addUser("coord", "coordinator", "hq", "metropole");
    auto olga = f.enroll("olga", "laptop-o");
    auto alice = f.enroll("alice", "laptop-a");
    auto bruno = f.enroll("bruno", "laptop-b");
    Op booklet{newOpId(), 1, "pass_booklet", "BK1", "create", 0,
               {{"structure", "owner"}, {"first_number", 1}, {"last_number", 10}, {"face_value_cents", 1000}}};
    REQUIRE(f.push(olga, "laptop-o", {booklet}).json()["results"][0]["status"] == "applied");
    REQUIRE(f.push(alice, "laptop-a", {redeemCheque("E1", "BK1#4")}).json()["results"][0]["status"] == "applied");
    REQUIRE(f.push(bruno, "laptop-b", {redeemCheque("E2", "BK1#4")}).json()["results"][0]["status"] == "conflict");

    // Bruno sees Alice's redemption as a date and a structure, not her learner or session.
    auto seenByBruno = conflictsOf(bruno);
    REQUIRE(seenByBruno.size() == 1);
    auto earlier = seenByBruno[0]["details"]["earlier"][0];
    CHECK(earlier["structure"] == "lyon8");
    CHECK(earlier["fields"]["on_date"] == "2026-03-02");
    CHECK_FALSE(earlier["fields"].contains("learner_id"));
    CHECK_FALSE(earlier["fields"].contains("session_id"));
    CHECK(seenByBruno[0]["details"]["incoming"]["fields"]["learner_id"] == "L1");  // his own, in full

    // The owner of the booklet sees the conflict, with neither redeemer's learner.
    auto seenByOwner = conflictsOf(olga);
    REQUIRE(seenByOwner.size() == 1);
    CHECK_FALSE(seenByOwner[0]["details"]["earlier"][0]["fields"].contains("learner_id"));
    CHECK_FALSE(seenByOwner[0]["details"]["incoming"]["fields"].contains("learner_id"));

    // The territory's coordinator sees everything, and a decision closes the conflict for the owner too.
    auto coord = f.enroll("coord", "laptop-k");
    auto full = conflictsOf(coord);
    REQUIRE(full.size() == 1);
    CHECK(full[0]["details"]["earlier"][0]["fields"]["learner_id"] == "L1");
    auto id = full[0]["id"].get<std::int64_t>();
    auto decided = coord.post("/v1/conflicts/" + std::to_string(id) + "/resolve",
                              json{{"protocol_version", 1}, {"op_id", newOpId()},
                                   {"resolution", {{"keep", "E1"}, {"note", "premier passage"}}}}.dump());
    REQUIRE(decided.status == 200);
    bool ownerGotDecision = false;
    for (const auto& c : pullAll(olga)) ownerGotDecision |= c["entity"] == "conflict_resolution";
    CHECK(ownerGotDecision);
    CHECK(conflictsOf(olga).empty());
}
