// What the laptop's HTTP transport puts on the wire: gzip answers (never the hub library's slowest Brotli)
// and byte counters that count each request once.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"
#include "sync/client/curl_transport.hpp"
#include "sync/protocol/endpoints.hpp"

using namespace mediane;
using namespace mediane::test;

TEST_CASE("the bytes a sync reports sent are its requests' bytes, a body never counted twice", "[sync][transport]") {
    HubFixture f;
    // Bodies that go out with the headers (small) and after them (large): libcurl counts them differently.
    for (std::size_t size : {1000u, 200000u}) {
        sync::CurlTransport transport(f.hub->url(), {});
        std::string body = R"({"protocol_version":2,"login":"nobody","password":")" + std::string(size, 'x') +
                           R"(","device_id":"laptop-x"})";
        auto answer = transport.send({"POST", "/v1/enroll", body, false, ""});
        CHECK(answer.status >= 400);
        auto sent = transport.stats().bytesSent;
        CHECK(sent >= static_cast<std::int64_t>(body.size()));
        CHECK(sent < static_cast<std::int64_t>(body.size()) + 1024);  // the request line and headers
    }
}

TEST_CASE("a pull page comes back gzip-compressed, the encoding that is cheap for the hub", "[sync][transport]") {
    HubFixture f;
    f.addUser("alice", "adviser", "Centre social Parilly");
    auto alice = f.enroll("alice", "laptop-a");
    std::vector<Op> ops;
    for (int i = 1; i <= 200; ++i) ops.push_back(learnerCreate(newOpId().substr(0, 8) + numbered("-L", i), numbered("Bénéficiaire ", i), i));
    REQUIRE(f.push(alice, "laptop-a", ops).status == 200);
    sync::CurlTransport transport(f.hub->url(), {});
    auto answer = transport.send({"GET", sync::PullQuery{0, 500}.target(), "", false, alice.token()});
    REQUIRE(answer.status == 200);
    CHECK(answer.contentEncoding == "gzip");
    CHECK(transport.stats().bytesReceived * 4 < static_cast<std::int64_t>(answer.body.size()));
}
