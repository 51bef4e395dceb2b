// Token lifetime: expiry, silent renewal while in use, and the laptop keeping the renewed token.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "raw_http.hpp"
#include "store/sync_account_store.hpp"
#include "sync_fixture.hpp"

using namespace mediane::test;

namespace {
std::string errorOf(const RawResponse& r) { return nlohmann::json::parse(r.body).value("error", ""); }
void waitSeconds(double s) { std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(s * 1000))); }
}  // namespace

TEST_CASE("a token past its lifetime gets 401 token_expired", "[hub][tokens]") {
    HubFixture f;
    f.restart({"--token-seconds", "2"});
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    waitSeconds(2.5);
    auto r = rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", alice.token());
    CHECK(r.status == 401);
    CHECK(errorOf(r) == "token_expired");
    // Signing in again gives a fresh, working token.
    auto again = f.enroll("alice", "laptop-1");
    CHECK(again.get("/v1/pull?since=0").status == 200);
}

TEST_CASE("a token in use is renewed: the old one works until the new one is first used", "[hub][tokens]") {
    HubFixture f;
    f.restart({"--token-seconds", "40"});  // renewal after a quarter: 10 s
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto young = rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", alice.token());
    CHECK(young.status == 200);
    CHECK(young.header("x-mediane-next-token").empty());

    waitSeconds(10.5);
    auto first = rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", alice.token());
    REQUIRE(first.status == 200);
    auto lost = first.header("x-mediane-next-token");
    REQUIRE(lost.size() == 64);
    // That answer was "lost": the old token still works, and brings another renewal.
    auto second = rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", alice.token());
    REQUIRE(second.status == 200);
    auto next = second.header("x-mediane-next-token");
    REQUIRE(next.size() == 64);
    CHECK(next != lost);

    auto used = rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", next);
    CHECK(used.status == 200);
    CHECK(used.header("x-mediane-next-token").empty());
    CHECK(rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", alice.token()).status == 401);
    CHECK(rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", lost).status == 401);
    CHECK(rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", next).status == 200);
}

TEST_CASE("the laptop stores a renewed token and keeps syncing with it", "[hub][tokens][sync]") {
    HubFixture f;
    f.restart({"--token-seconds", "40"});
    f.addUser("alice", "adviser", "s1");
    Laptop laptop;
    laptop.enroll(f, "alice");
    mediane::test::NotebookSql sql(*laptop.notebook);
    auto before = mediane::store::SyncAccountStore(sql).load()->deviceToken;
    laptop.addLearner("Ana");
    waitSeconds(10.5);

    auto report = laptop.sync();
    CHECK(report.acked == 1);
    auto after = mediane::store::SyncAccountStore(sql).load()->deviceToken;
    CHECK(after != before);
    CHECK(after.size() == 64);
    CHECK(rawRequest(f.hub->url(), "GET", "/v1/pull?since=0", "", before).status == 401);

    laptop.addLearner("Bea");
    CHECK(laptop.sync().acked == 1);
    CHECK(laptop.pending() == 0);
}

TEST_CASE("a laptop whose token expired keeps its queue and is asked to sign in again", "[hub][tokens][sync]") {
    HubFixture f;
    f.restart({"--token-seconds", "2"});
    f.addUser("alice", "adviser", "s1");
    Laptop laptop;
    laptop.enroll(f, "alice");
    laptop.addLearner("Ana");
    waitSeconds(2.5);
    try {
        laptop.sync();
        FAIL("the sync should have been refused");
    } catch (const mediane::Error& e) {
        CHECK(e.key() == "err.sync.token_expired");
        CHECK(e.kind() == mediane::Error::Kind::Refused);
    }
    CHECK(laptop.pending() == 1);
}
