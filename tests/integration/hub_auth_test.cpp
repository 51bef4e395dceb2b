// Enrollment and tokens: who may talk to the hub at all.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "hub_fixture.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane::test;

TEST_CASE("the hub answers its health check", "[hub][auth]") {
    HubFixture f;
    HttpClient http(f.hub->url());
    auto r = http.get("/healthz");
    REQUIRE(r.status == 200);
    auto health = mediane::sync::decodeHealthResponse(r.body);
    CHECK(health.status == "ok");
    CHECK(health.protocolVersion == mediane::sync::kProtocolVersion);
    CHECK(health.oldestProtocolVersion == 1);  // first-release laptops are still served
}

TEST_CASE("enrolling with the right password returns a device token, a wrong one is refused", "[hub][auth]") {
    HubFixture f;
    f.addUser("alice", "adviser", "mediatheque-lyon8", "metropole-lyon");
    HttpClient http(f.hub->url());

    auto wrong = http.post("/v1/enroll", json{{"protocol_version", 1}, {"login", "alice"}, {"password", "guess"},
                                              {"device_id", "laptop-1"}}.dump());
    CHECK(wrong.status == 401);
    CHECK(wrong.json()["error"] == "invalid_credentials");
    auto unknown = http.post("/v1/enroll", json{{"protocol_version", 1}, {"login", "mallory"},
                                                {"password", HubFixture::kPassword}, {"device_id", "x"}}.dump());
    CHECK(unknown.status == 401);

    auto right = http.post("/v1/enroll", json{{"protocol_version", 1}, {"login", "alice"},
                                              {"password", HubFixture::kPassword}, {"device_id", "laptop-1"}}.dump());
    REQUIRE(right.status == 200);
    auto body = right.json();
    CHECK(body["device_token"].get<std::string>().size() == 64);
    CHECK(body["role"] == "adviser");
    CHECK(body["structure"] == "mediatheque-lyon8");
    CHECK(body["territory"] == "metropole-lyon");

    http.setToken(body["device_token"].get<std::string>());
    CHECK(http.get("/v1/pull?since=0").status == 200);
}

TEST_CASE("a wrong, missing or revoked token gets 401 and stores nothing", "[hub][auth]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");

    HttpClient stranger(f.hub->url());
    stranger.setToken(std::string(64, 'a'));
    auto r = f.push(stranger, "laptop-1", {learnerCreate("L1", "Ana")});
    CHECK(r.status == 401);
    CHECK(r.json()["error"] == "unauthorized");
    CHECK(stranger.get("/v1/pull?since=0").status == 401);
    HttpClient anonymous(f.hub->url());
    CHECK(anonymous.get("/v1/pull?since=0").status == 401);
    CHECK(pullAll(alice).empty());

    REQUIRE(runHubTool({"--data", f.dir.str(), "device", "revoke", "--device", "laptop-1"}) == 0);
    CHECK(alice.get("/v1/pull?since=0").status == 401);
    CHECK(f.push(alice, "laptop-1", {learnerCreate("L1", "Ana")}).status == 401);

    // Once an admin admits the device again, enrolling issues a fresh token; the revoked one stays dead.
    REQUIRE(runHubTool({"--data", f.dir.str(), "device", "admit", "--device", "laptop-1"}) == 0);
    auto again = f.enroll("alice", "laptop-1");
    CHECK(again.get("/v1/pull?since=0").status == 200);
    CHECK(alice.get("/v1/pull?since=0").status == 401);
}

TEST_CASE("the hub stores device tokens only as hashes", "[hub][auth]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    f.hub.reset();  // checkpoint-free read is fine: WAL readers see committed data
    std::string everything;
    for (const auto& entry : std::filesystem::directory_iterator(f.dir.path())) {
        std::ifstream in(entry.path(), std::ios::binary);
        everything.append(std::istreambuf_iterator<char>(in), {});
    }
    CHECK(everything.find(alice.token()) == std::string::npos);
    CHECK(everything.find(HubFixture::kPassword) == std::string::npos);
}

TEST_CASE("a push naming another device than its token is refused", "[hub][auth]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto r = f.push(alice, "laptop-2", {learnerCreate("L1", "Ana")});
    CHECK(r.status == 403);
    CHECK(pullAll(alice).empty());
}
