// Push idempotency and pull paging: nothing lost, nothing applied twice.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "hub_fixture.hpp"
#include "sync_fixture.hpp"

using namespace mediane::test;

TEST_CASE("a batch pushed twice is applied once and answered duplicate the second time", "[hub][push]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    std::vector<Op> ops = {learnerCreate("L1", "Ana", 1), learnerCreate("L2", "Bao", 2),
                           learnerUpdate("L1", 1, {{"commune", "Lyon"}}, 3)};

    auto first = f.push(alice, "laptop-1", ops);
    REQUIRE(first.status == 200);
    auto results = first.json()["results"];
    REQUIRE(results.size() == 3);
    for (const auto& r : results) CHECK(r["status"] == "applied");
    CHECK(results[2]["version"] == 2);

    auto second = f.push(alice, "laptop-1", ops);
    REQUIRE(second.status == 200);
    auto again = second.json()["results"];
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(again[i]["status"] == "duplicate");
        CHECK(again[i]["original_status"] == "applied");
        CHECK(again[i]["version"] == results[i]["version"]);
        CHECK(again[i]["server_seq"] == results[i]["server_seq"]);
    }
    auto changes = pullAll(alice);
    CHECK(changes.size() == 3);
    CHECK(changes.back()["fields"]["commune"] == "Lyon");
    CHECK(changes.back()["version"] == 2);
}

TEST_CASE("an op id reused for different content is rejected, not treated as a duplicate", "[hub][push]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto op = learnerCreate("L1", "Ana");
    REQUIRE(f.push(alice, "laptop-1", {op}).json()["results"][0]["status"] == "applied");
    op.fields["pseudonym"] = "Someone else";
    auto r = f.push(alice, "laptop-1", {op}).json()["results"][0];
    CHECK(r["status"] == "rejected");
    CHECK(r["reason"] == "op_id_reused");
    CHECK(pullAll(alice).front()["fields"]["pseudonym"] == "Ana");
}

TEST_CASE("the hub keeps a hash of each applied op, never a copy of its payload, and still knows a resend",
          "[hub][push][sqlite-only]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto op = redeemCheque("E1", "pass#4217");
    REQUIRE(f.push(alice, "laptop-1", {op}).json()["results"][0]["status"] == "applied");
    HubFile file(f.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM applied_ops") == 1);
    CHECK(file.scalar("SELECT count(*) FROM applied_ops WHERE instr(fingerprint, 'pass#4217') > 0 "
                      "OR instr(fingerprint, '2026-03-02') > 0 OR length(fingerprint) > 80") == 0);
    CHECK(f.push(alice, "laptop-1", {op}).json()["results"][0]["status"] == "duplicate");
    op.fields["on_date"] = "2026-03-03";
    CHECK(f.push(alice, "laptop-1", {op}).json()["results"][0]["reason"] == "op_id_reused");
}

TEST_CASE("one poisoned op in a batch is rejected without blocking the others", "[hub][push]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    Op poisoned{newOpId(), 2, "spaceship", "X1", "create", 0, json::object()};
    Op orphanUpdate = learnerUpdate("nobody", 1, {{"commune", "Bron"}}, 3);
    // An assessment is a fact: a correction is a new assessment, never an update.
    Op assessmentEdit{newOpId(), 5, "assessment", "A1", "update", 1, {{"score", 4}}};
    Op assessment{newOpId(), 4, "assessment", "A1", "create", 0,
                  {{"learner_id", "L1"}, {"competence_code", "1.1"}, {"score", 3}, {"date", "2026-03-02"}}};
    auto r = f.push(alice, "laptop-1", {learnerCreate("L1", "Ana", 1), poisoned, orphanUpdate, assessment, assessmentEdit,
                                        learnerCreate("L2", "Bao", 6)});
    REQUIRE(r.status == 200);
    auto results = r.json()["results"];
    CHECK(results[0]["status"] == "applied");
    CHECK(results[1]["status"] == "rejected");
    CHECK(results[1]["reason"] == "unknown_entity");
    CHECK(results[2]["reason"] == "unknown_record");
    CHECK(results[3]["status"] == "applied");
    CHECK(results[4]["reason"] == "append_only");
    CHECK(results[5]["status"] == "applied");
    CHECK(pullAll(alice).size() == 3);
}

TEST_CASE("ops of a batch apply in device order even when sent shuffled", "[hub][push]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto r = f.push(alice, "laptop-1", {learnerUpdate("L1", 1, {{"goals", "email"}}, 2), learnerCreate("L1", "Ana", 1)});
    auto results = r.json()["results"];
    CHECK(results[0]["status"] == "applied");
    CHECK(results[0]["version"] == 2);
    CHECK(results[1]["status"] == "applied");
}

TEST_CASE("a gzip-encoded push is accepted", "[hub][push]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    std::vector<Op> ops;
    for (int i = 0; i < 50; ++i) ops.push_back(learnerCreate(numbered("L", i), "Learner", i + 1));
    auto body = pushBody("laptop-1", ops).dump();
    auto r = alice.post("/v1/push", body, true);
    REQUIRE(r.status == 200);
    CHECK(r.json()["results"].size() == 50);
    CHECK(pullAll(alice).size() == 50);
    CHECK(gzipCompress(body).size() < body.size() / 3);
}

TEST_CASE("pull pages follow next_since until has_more is false, each change once", "[hub][pull]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    std::vector<Op> ops;
    for (int i = 0; i < 25; ++i) ops.push_back(learnerCreate(numbered("L", i), "Learner", i + 1));
    REQUIRE(f.push(alice, "laptop-1", ops).status == 200);

    auto page1 = alice.get("/v1/pull?since=0&limit=10").json();
    CHECK(page1["changes"].size() == 10);
    CHECK(page1["has_more"] == true);
    CHECK(page1["next_since"] == page1["changes"][9]["server_seq"]);

    auto all = pullAll(alice, 10);
    REQUIRE(all.size() == 25);
    std::set<std::string> ids;
    std::int64_t last = 0;
    for (const auto& c : all) {
        CHECK(c["server_seq"].get<std::int64_t>() > last);
        last = c["server_seq"].get<std::int64_t>();
        ids.insert(c["record_id"].get<std::string>());
    }
    CHECK(ids.size() == 25);

    auto tail = alice.get(numbered("/v1/pull?since=", last) + "&limit=10").json();
    CHECK(tail["changes"].empty());
    CHECK(tail["has_more"] == false);
    CHECK(tail["next_since"] == last);
    CHECK(alice.get("/v1/pull?since=-3").status == 400);
    CHECK(alice.get("/v1/pull?since=0&limit=abc").status == 400);
}

TEST_CASE("an adviser neither pulls nor edits another structure's learners, a coordinator sees the territory",
          "[hub][pull][access]") {
    HubFixture f;
    f.addUser("alice", "adviser", "lyon8", "metropole");
    f.addUser("bruno", "adviser", "villeurbanne", "metropole");
    f.addUser("chloe", "adviser", "grenoble", "isere");
    f.addUser("coord", "coordinator", "metropole-hq", "metropole");
    auto alice = f.enroll("alice", "a");
    auto bruno = f.enroll("bruno", "b");
    auto chloe = f.enroll("chloe", "c");
    auto coord = f.enroll("coord", "k");
    REQUIRE(f.push(alice, "a", {learnerCreate("LA", "Ana")}).status == 200);
    REQUIRE(f.push(bruno, "b", {learnerCreate("LB", "Bao")}).status == 200);
    REQUIRE(f.push(chloe, "c", {learnerCreate("LC", "Cyd")}).status == 200);

    auto seenBy = [](const HttpClient& http) {
        std::set<std::string> ids;
        for (const auto& c : pullAll(http)) ids.insert(c["record_id"].get<std::string>());
        return ids;
    };
    CHECK(seenBy(alice) == std::set<std::string>{"LA"});
    CHECK(seenBy(chloe) == std::set<std::string>{"LC"});
    CHECK(seenBy(coord) == std::set<std::string>{"LA", "LB"});

    auto edit = f.push(chloe, "c", {learnerUpdate("LA", 1, {{"commune", "Grenoble"}})}).json()["results"][0];
    CHECK(edit["status"] == "rejected");
    CHECK(edit["reason"] == "forbidden");
    CHECK(pullAll(alice).back()["fields"]["commune"] == "Villeurbanne");
}

TEST_CASE("a cursor older than pruned tombstones gets 410 and a pull from zero still works", "[hub][pull]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    Op erase{newOpId(), 3, "learner", "L1", "delete", 1, json::object()};
    REQUIRE(f.push(alice, "laptop-1", {learnerCreate("L1", "Ana", 1), learnerCreate("L2", "Bao", 2), erase}).status == 200);
    // A negative horizon prunes everything up to now, standing in for 180 days passing.
    REQUIRE(runHubTool({"--data", f.dir.str(), "prune", "--days", "-1"}) == 0);

    auto stale = alice.get("/v1/pull?since=1");
    CHECK(stale.status == 410);
    CHECK(stale.json()["error"] == "cursor_expired");
    auto snapshot = pullAll(alice);
    REQUIRE(snapshot.size() == 1);  // L1's create and tombstone are gone, L2 remains
    CHECK(snapshot[0]["record_id"] == "L2");
    auto late = f.push(alice, "laptop-1", {learnerUpdate("L1", 1, {{"commune", "Bron"}}, 4)}).json()["results"][0];
    CHECK(late["conflict"]["kind"] == "update_after_delete");
}

TEST_CASE("a session pushed after its learner was erased on the hub arrives with that learner made anonymous",
          "[hub][push][erasure]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto kept = learnerCreate("L1", "Ana", 1);
    auto erased = learnerCreate("L2", "Bao", 2);
    auto erasure = Op{newOpId(), 3, "learner", "L2", "delete", 1, json::object()};
    REQUIRE(f.push(alice, "laptop-1", {kept, erased, erasure}).json()["results"][2]["status"] == "applied");
    // A laptop that had not heard of the erasure still names the learner in a session it recorded offline.
    auto session = Op{newOpId(), 4, "session", "S1", "create", 0,
                      {{"date", "2026-03-02"}, {"duration_minutes", 60}, {"kind", "collectif"},
                       {"place_mode", "a_distance"}, {"learner_ids", json::array({"L1", "L2"})},
                       {"anonymous_count", 0}}};
    REQUIRE(f.push(alice, "laptop-1", {session}).json()["results"][0]["status"] == "applied");
    json stored;
    for (const auto& change : pullAll(alice))
        if (change["record_id"] == "S1") stored = change["fields"];
    REQUIRE(stored.is_object());
    CHECK(stored["learner_ids"] == json::array({"L1"}));
    CHECK(stored["anonymous_count"] == 1);
}
