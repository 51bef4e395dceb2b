// Accounts and devices: binding, re-enrolment, revocation, disabling, removal, and credential changes.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"
#include "raw_http.hpp"

using namespace mediane::test;

namespace {
int hubTool(HubFixture& f, std::vector<std::string> args, const std::string& stdinText = {}) {
    args.insert(args.begin(), {"--data", f.dir.str()});
    return runHubTool(args, stdinText);
}

std::string errorOf(const HttpResponse& r) { return r.json().value("error", ""); }
std::string errorOf(const RawResponse& r) { return nlohmann::json::parse(r.body).value("error", ""); }
}  // namespace

TEST_CASE("another account cannot take over a device, and the victim laptop still syncs", "[hub][accounts]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    f.addUser("mallory", "adviser", "s2");
    auto alice = f.enroll("alice", "laptop-1");

    auto takeover = enrollRaw(f.hub->url(), "mallory", HubFixture::kPassword, "laptop-1");
    CHECK(takeover.status == 409);
    CHECK(errorOf(takeover) == "device_taken");

    CHECK(f.push(alice, "laptop-1", {learnerCreate("L1", "Ana")}).status == 200);
    CHECK(pullAll(alice).size() == 1);
    auto devices = nlohmann::json::parse(hubToolOutput({"--data", f.dir.str(), "device", "list"}));
    REQUIRE(devices.size() == 1);
    CHECK(devices[0]["login"] == "alice");
}

TEST_CASE("re-enrolling by the same user replaces the old token", "[hub][accounts]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto first = f.enroll("alice", "laptop-1");
    auto second = f.enroll("alice", "laptop-1");
    CHECK(first.token() != second.token());
    CHECK(first.get("/v1/pull?since=0").status == 401);
    CHECK(second.get("/v1/pull?since=0").status == 200);
}

TEST_CASE("a revoked device cannot re-enrol by itself until an admin admits it", "[hub][accounts]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    f.addUser("bob", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    REQUIRE(hubTool(f, {"device", "revoke", "--device", "laptop-1"}) == 0);
    CHECK(alice.get("/v1/pull?since=0").status == 401);

    auto again = enrollRaw(f.hub->url(), "alice", HubFixture::kPassword, "laptop-1");
    CHECK(again.status == 403);
    CHECK(errorOf(again) == "device_revoked");
    CHECK(enrollRaw(f.hub->url(), "bob", HubFixture::kPassword, "laptop-1").status == 403);
    auto listed = nlohmann::json::parse(hubToolOutput({"--data", f.dir.str(), "device", "list", "--login", "alice"}));
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["revoked"] == true);
    CHECK(listed[0]["expires"] == "");

    REQUIRE(hubTool(f, {"device", "admit", "--device", "laptop-1"}) == 0);
    CHECK(alice.get("/v1/pull?since=0").status == 401);  // the old token stays dead
    auto admitted = f.enroll("alice", "laptop-1");
    CHECK(admitted.get("/v1/pull?since=0").status == 200);
    CHECK(hubTool(f, {"device", "revoke", "--device", "no-such-laptop"}) != 0);
}

TEST_CASE("a disabled user can neither enrol nor sync, enabling restores it, removing forgets it",
          "[hub][accounts]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    REQUIRE(f.push(alice, "laptop-1", {learnerCreate("L1", "Ana")}).status == 200);

    REQUIRE(hubTool(f, {"user", "disable", "--login", "alice"}) == 0);
    auto refused = alice.get("/v1/pull?since=0");
    CHECK(refused.status == 403);
    CHECK(errorOf(refused) == "account_disabled");
    CHECK(f.push(alice, "laptop-1", {learnerCreate("L2", "Bea")}).status == 403);
    auto enrol = enrollRaw(f.hub->url(), "alice", HubFixture::kPassword, "laptop-2");
    CHECK(enrol.status == 403);
    CHECK(errorOf(enrol) == "account_disabled");
    auto users = nlohmann::json::parse(hubToolOutput({"--data", f.dir.str(), "user", "list"}));
    REQUIRE(users.size() == 1);
    CHECK(users[0]["disabled"] == true);

    REQUIRE(hubTool(f, {"user", "enable", "--login", "alice"}) == 0);
    CHECK(pullAll(alice).size() == 1);

    REQUIRE(hubTool(f, {"user", "remove", "--login", "alice"}) == 0);
    CHECK(alice.get("/v1/pull?since=0").status == 401);
    CHECK(enrollRaw(f.hub->url(), "alice", HubFixture::kPassword, "laptop-1").status == 401);
    CHECK(nlohmann::json::parse(hubToolOutput({"--data", f.dir.str(), "user", "list"})).empty());
    CHECK(hubTool(f, {"user", "disable", "--login", "alice"}) != 0);
}

TEST_CASE("a password change or a move to another structure cuts all the user's tokens", "[hub][accounts]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto one = f.enroll("alice", "laptop-1");
    auto two = f.enroll("alice", "laptop-2");

    // The same password again (e.g. to set a territory) keeps the laptops working.
    f.addUser("alice", "adviser", "s1", "metropole");
    CHECK(one.get("/v1/pull?since=0").status == 200);

    REQUIRE(hubTool(f, {"user", "add", "--login", "alice", "--role", "adviser", "--structure", "s1"},
                    "another long passphrase\n") == 0);
    CHECK(one.get("/v1/pull?since=0").status == 401);
    CHECK(two.get("/v1/pull?since=0").status == 401);
    auto renewed = enrollRaw(f.hub->url(), "alice", "another long passphrase", "laptop-1");
    REQUIRE(renewed.status == 200);
    HttpClient three(f.hub->url());
    three.setToken(nlohmann::json::parse(renewed.body)["device_token"].get<std::string>());
    CHECK(three.get("/v1/pull?since=0").status == 200);

    REQUIRE(hubTool(f, {"user", "add", "--login", "alice", "--role", "adviser", "--structure", "s2"},
                    "another long passphrase\n") == 0);
    CHECK(three.get("/v1/pull?since=0").status == 401);
}

TEST_CASE("user and device lists show accounts and laptops, never a hash", "[hub][accounts]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    f.addUser("carol", "coordinator", "s2", "t1");
    auto alice = f.enroll("alice", "laptop-1");
    REQUIRE(alice.get("/v1/pull?since=0").status == 200);

    int status = -1;
    auto usersText = hubToolOutput({"--data", f.dir.str(), "user", "list"}, &status);
    REQUIRE(status == 0);
    auto users = nlohmann::json::parse(usersText);
    REQUIRE(users.size() == 2);
    CHECK(users[0] == nlohmann::json{{"login", "alice"}, {"role", "adviser"}, {"structure", "s1"},
                                     {"disabled", false}, {"devices", 1}});
    CHECK(users[1]["devices"] == 0);
    CHECK(usersText.find("argon2") == std::string::npos);

    auto devicesText = hubToolOutput({"--data", f.dir.str(), "device", "list"});
    auto devices = nlohmann::json::parse(devicesText);
    REQUIRE(devices.size() == 1);
    CHECK(devices[0]["device"] == "laptop-1");
    CHECK(devices[0]["last_seen"].get<std::string>().size() == 20);
    CHECK(devices[0]["expires"].get<std::string>() > devices[0]["enrolled"].get<std::string>());
    CHECK(devices[0]["revoked"] == false);
    CHECK(devicesText.find(alice.token()) == std::string::npos);

    auto table = hubToolOutput({"--data", f.dir.str(), "user", "list", "--table"});
    CHECK(table.rfind("LOGIN", 0) == 0);
    CHECK(table.find("coordinator") != std::string::npos);
}
