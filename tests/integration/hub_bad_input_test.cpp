// Bad requests: refused with a reason, and the hub's data untouched.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"

using namespace mediane::test;

TEST_CASE("a truncated or garbage push body gets 400 naming the problem and stores nothing", "[hub][bad-input]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    REQUIRE(f.push(alice, "laptop-1", {learnerCreate("L0", "Zoé")}).status == 200);
    auto body = pushBody("laptop-1", {learnerCreate("L1", "Ana", 2), learnerCreate("L2", "Bao", 3)}).dump();

    auto truncated = alice.post("/v1/push", body.substr(0, body.size() / 2));
    CHECK(truncated.status == 400);
    CHECK(truncated.json()["error"] == "bad_request");
    CHECK_THAT(truncated.json()["message"].get<std::string>(), Catch::Contains("JSON"));

    auto garbage = alice.post("/v1/push", "\x01\x02 not json at all");
    CHECK(garbage.status == 400);

    auto missing = json::parse(body);
    missing["batch"][1].erase("record_id");
    auto r = alice.post("/v1/push", missing.dump());
    CHECK(r.status == 400);
    CHECK(r.json()["field"] == "batch[1].record_id");

    auto mistyped = json::parse(body);
    mistyped["batch"][0]["base_version"] = "zero";
    r = alice.post("/v1/push", mistyped.dump());
    CHECK(r.status == 400);
    CHECK(r.json()["field"] == "batch[0].base_version");

    auto future = json::parse(body);
    future["protocol_version"] = 99;
    CHECK(alice.post("/v1/push", future.dump()).status == 400);

    // Nothing of the refused batches was stored, not even their valid first op.
    auto changes = pullAll(alice);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0]["record_id"] == "L0");
    // And the same ops, sent whole, still apply: a refused request leaves no op id behind.
    auto whole = alice.post("/v1/push", body).json()["results"];
    CHECK(whole[0]["status"] == "applied");
    CHECK(whole[1]["status"] == "applied");
}

TEST_CASE("a push body over the size cap gets 413, compressed or not", "[hub][bad-input]") {
    HubFixture f;
    f.restart({"--max-body", "65536"});
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    std::vector<Op> ops;
    for (int i = 0; i < 1000; ++i) ops.push_back(learnerCreate(numbered("L", i), std::string(100, 'x'), i + 1));
    auto body = pushBody("laptop-1", ops).dump();
    REQUIRE(body.size() > 65536);

    auto plain = alice.post("/v1/push", body);
    CHECK(plain.status == 413);
    // Small on the wire, too large once inflated: the cap applies after decompression.
    REQUIRE(gzipCompress(body).size() < 65536);
    auto inflated = alice.post("/v1/push", body, true);
    CHECK(inflated.status == 413);
    CHECK(inflated.json()["error"] == "payload_too_large");
    CHECK(pullAll(alice).empty());
}

TEST_CASE("an enroll body that is not the expected shape gets 400", "[hub][bad-input]") {
    HubFixture f;
    HttpClient http(f.hub->url());
    auto r = http.post("/v1/enroll", R"({"protocol_version": 1, "login": "alice"})");
    CHECK(r.status == 400);
    CHECK(r.json()["field"] == "password");
    CHECK(http.post("/v1/enroll", "[1, 2").status == 400);
}

TEST_CASE("a bad query parameter gets 400 naming it, with the same words as ever", "[hub][bad-input]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    struct Probe {
        const char* target;
        const char* field;
        const char* message;
    };
    for (const auto& p : {Probe{"/v1/pull?since=-3", "since", "since must be a non-negative integer"},
                          Probe{"/v1/pull?since=0&limit=0", "limit", "limit must be a positive integer"},
                          Probe{"/v1/conflicts?after=x", "after", "after must be a non-negative integer"},
                          Probe{"/v1/directory?format=xml", "format", "format must be csv or json"}}) {
        INFO(p.target);
        auto r = alice.get(p.target);
        CHECK(r.status == 400);
        CHECK(r.json()["error"] == "bad_request");
        CHECK(r.json()["field"] == p.field);
        CHECK(r.json()["message"] == p.message);
    }
}
