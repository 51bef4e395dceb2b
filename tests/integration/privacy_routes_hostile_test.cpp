// The routes issue 10 and 11 added (vocabularies, retention), attacked: no token, forged queries, huge parameters.
#include <catch2/catch.hpp>

#include <string>

#include "raw_http.hpp"
#include "sync_fixture.hpp"

using namespace mediane::test;

TEST_CASE("the vocabularies and retention routes refuse a caller without a token and forged queries", "[hostile]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    HttpClient anonymous(hub.hub->url());
    CHECK(anonymous.get("/v1/vocabularies").status == 401);
    CHECK(anonymous.get("/v1/retention").status == 401);
    auto alice = hub.enroll("alice", "laptop-raw");
    CHECK(alice.get("/v1/vocabularies?known=abc").status == 400);
    CHECK(alice.get("/v1/vocabularies?known=-1").status / 100 == 4);
    CHECK(alice.get("/v1/vocabularies?known=" + std::string(5000, '9')).status / 100 == 4);
    CHECK(alice.get("/v1/vocabularies?known=%FF%FE").status == 400);
    // The hub still answers a well-formed request afterwards.
    CHECK(alice.get("/v1/vocabularies").status == 200);
}
