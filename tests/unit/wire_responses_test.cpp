// The answers the hub used to write by hand (health, directory proposals, a resolution) go through the codec.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane;
using nlohmann::json;

TEST_CASE("the health answer names the hub's protocol version, even one this laptop does not speak",
          "[sync][codec]") {
    auto text = sync::encode(sync::HealthResponse{}).dump();
    CHECK(json::parse(text) == json{{"status", "ok"},
                                    {"protocol_version", sync::kProtocolVersion},
                                    {"oldest_protocol_version", sync::kOldestProtocolVersion}});
    auto newer = sync::decodeHealthResponse(R"({"status":"ok","protocol_version":7})");
    CHECK(newer.status == "ok");
    CHECK(newer.protocolVersion == 7);
    CHECK(newer.oldestProtocolVersion == 7);  // a hub that does not say speaks its one version
}

TEST_CASE("directory proposals round-trip through the codec, a new place's current state as null",
          "[sync][codec]") {
    sync::ProposalsResponse sent;
    sent.proposals.push_back({12, "structure-1", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "laptop-b2",
                              "Centre social Parilly", "update", json{{"horaires", "Mo-Fr 10:00-17:00"}},
                              json{{"horaires", "Mo-Fr 09:00-12:00"}}, "2026-03-02T10:00:00Z"});
    sent.proposals.push_back({13, "lieu-neuf", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c", "laptop-b2", "", "create",
                              json{{"name", "Lieu neuf"}}, json(), "2026-03-02T10:01:00Z"});
    auto got = sync::decodeProposalsResponse(sync::encode(sent).dump());
    REQUIRE(got.proposals.size() == 2);
    const auto& first = got.proposals[0];
    CHECK(first.id == 12);
    CHECK(first.recordId == "structure-1");
    CHECK(first.deviceId == "laptop-b2");
    CHECK(first.structure == "Centre social Parilly");
    CHECK(first.op == "update");
    CHECK(first.proposed["horaires"] == "Mo-Fr 10:00-17:00");
    CHECK(first.current["horaires"] == "Mo-Fr 09:00-12:00");
    CHECK(first.createdAt == "2026-03-02T10:00:00Z");
    CHECK(got.proposals[1].current.is_null());
}

TEST_CASE("a proposals answer missing a field is refused naming it", "[sync][codec]") {
    auto body = sync::encode(sync::ProposalsResponse{sync::kProtocolVersion,
                                                     {{1, "p", "o", "d", "s", "update", json::object(), json(), "t"}}});
    body["proposals"][0].erase("current");
    try {
        sync::decodeProposalsResponse(body.dump());
        FAIL("accepted a proposal without current");
    } catch (const Error& e) {
        CHECK(e.field() == "proposals[0].current");
    }
}

TEST_CASE("the resolve answer decodes as the op result a push would carry", "[sync][codec]") {
    sync::OpResult sent;
    sent.opId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    sent.status = "applied";
    sent.version = 3;
    sent.serverSeq = 41;
    auto got = sync::decodeResolveResponse(sync::encode(sent).dump());
    CHECK(got.opId == sent.opId);
    CHECK(got.status == "applied");
    CHECK(got.version == 3);
    CHECK(got.serverSeq == 41);
    CHECK_THROWS_AS(sync::decodeResolveResponse(R"({"op_id":"x"})"), Error);
}

TEST_CASE("a pulled change says who made it and which fields, never another device's id", "[sync][codec]") {
    sync::PullResponse response;
    sync::Change c;
    c.serverSeq = 12;
    c.entity = "session";
    c.recordId = "0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a77";
    c.version = 2;
    c.op = "update";
    c.fields = {{"duration_minutes", 90}};
    c.author = sync::ChangeAuthor{"alice", "2026-12-01T10:40:00Z", "update", {"duration_minutes"}, false, "laptop-a"};
    response.changes.push_back(c);
    auto text = sync::encode(response).dump();
    CHECK(text.find("laptop-a") == std::string::npos);
    auto back = sync::decodePullResponse(text);
    REQUIRE(back.changes.size() == 1);
    REQUIRE(back.changes[0].author);
    CHECK(back.changes[0].author->login == "alice");
    CHECK(back.changes[0].author->fields == std::vector<std::string>{"duration_minutes"});
    CHECK_FALSE(back.changes[0].author->fromThisDevice);

    // A hub that does not say who (protocol 1, or a record without history) leaves it empty.
    c.author.reset();
    response.changes = {c};
    CHECK_FALSE(sync::decodePullResponse(sync::encode(response).dump()).changes[0].author);

    // A malformed account is refused naming the path.
    auto bad = json::parse(text);
    bad["changes"][0]["changed"]["fields"] = json::array({7});
    try {
        sync::decodePullResponse(bad.dump());
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(e.field() == "changes[0].changed.fields[0]");
    }
}

TEST_CASE("a held marker travels without fields and reads back as held, and a non-boolean held is refused", "[sync][codec][echo]") {
    sync::PullResponse response;
    sync::Change c;
    c.serverSeq = 7;
    c.entity = "learner";
    c.recordId = "0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a78";
    c.version = 1;
    c.op = "create";
    c.held = true;
    response.changes.push_back(c);
    auto text = sync::encode(response).dump();
    CHECK(text.find("\"held\":true") != std::string::npos);
    auto back = sync::decodePullResponse(text);
    REQUIRE(back.changes.size() == 1);
    CHECK(back.changes[0].held);
    CHECK(back.changes[0].fields.empty());
    c.held = false;
    response.changes = {c};
    auto plain = sync::encode(response).dump();
    CHECK(plain.find("held") == std::string::npos);  // a first-release laptop sees the shape it knows
    auto bad = nlohmann::json::parse(plain);
    bad["changes"][0]["held"] = "yes";
    CHECK_THROWS(sync::decodePullResponse(bad.dump()));
}

TEST_CASE("an op's fingerprint is the dump of its payload as one JSON object, byte for byte", "[sync][codec]") {
    // Hubs keep these texts to recognise a resend: the bytes must stay those of the object's own dump().
    mediane::sync::WireOp op;
    op.opId = "0b1f6a52-95d4-4a8c-9b8f-7c0e2f1d3a4b";
    op.entity = "session";
    op.recordId = "r\"é\\\n1";
    op.op = "update";
    op.baseVersion = -3;
    op.fields = nlohmann::json::parse(R"({"notes": "a \"b\"\tc\u0001 é", "learner_ids": ["x", "y"], "n": 1.5,
                                          "nested": {"z": null, "a": [true, false, -7]}, "": ""})");
    auto expected = nlohmann::json{{"entity", op.entity}, {"record_id", op.recordId}, {"op", op.op},
                                   {"base_version", op.baseVersion}, {"fields", op.fields}}
                        .dump();
    CHECK(mediane::sync::payloadFingerprint(op) == expected);
    op.fields = nlohmann::json::object();
    op.baseVersion = 0;
    CHECK(mediane::sync::payloadFingerprint(op) ==
          nlohmann::json{{"entity", op.entity}, {"record_id", op.recordId}, {"op", op.op}, {"base_version", 0},
                         {"fields", op.fields}}
              .dump());
}
