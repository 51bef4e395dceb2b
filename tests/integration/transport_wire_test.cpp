// What the laptop's HTTP transport puts on the wire: gzip answers (never the hub library's slowest Brotli)
// and byte counters that count each request once.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"
#include "raw_http.hpp"
#include "sync/client/curl_transport.hpp"
#include "sync/hub/answer_encoding.hpp"
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

namespace {
// 200 learners: a pull page of about 60 KB of JSON, well past the hub's threshold for compressing.
HttpClient hubWithPage(HubFixture& f) {
    f.addUser("alice", "adviser", "Centre social Parilly");
    auto alice = f.enroll("alice", "laptop-a");
    std::vector<Op> ops;
    for (int i = 1; i <= 200; ++i) ops.push_back(learnerCreate(numbered("L-", i), numbered("Bénéficiaire ", i), i));
    REQUIRE(f.push(alice, "laptop-a", ops).status == 200);
    return alice;
}

bool isGzip(const std::string& body) {
    return body.size() > 2 && static_cast<unsigned char>(body[0]) == 0x1f && static_cast<unsigned char>(body[1]) == 0x8b;
}
}  // namespace

TEST_CASE("a caller that offers Brotli gets gzip or nothing, never the HTTP library's slowest Brotli", "[sync][transport][hostile]") {
    HubFixture f;
    auto alice = hubWithPage(f);
    auto target = sync::PullQuery{0, 500}.target();
    auto both = rawRequest(f.hub->url(), "GET", target, "", alice.token(), "", {"Accept-Encoding: br, gzip, deflate"});
    REQUIRE(both.status == 200);
    CHECK(both.header("content-encoding") == "gzip");
    CHECK(isGzip(both.body));
    auto brotliOnly = rawRequest(f.hub->url(), "GET", target, "", alice.token(), "", {"Accept-Encoding: br"});
    REQUIRE(brotliOnly.status == 200);
    CHECK(brotliOnly.header("content-encoding").empty());
    CHECK(nlohmann::json::parse(brotliOnly.body, nullptr, false).is_object());
    auto refused = rawRequest(f.hub->url(), "GET", target, "", alice.token(), "", {"Accept-Encoding: gzip;q=0, br"});
    REQUIRE(refused.status == 200);
    CHECK(refused.header("content-encoding").empty());
    // A small answer goes as it is: a gzip header would cost more than it saves.
    auto health = rawRequest(f.hub->url(), "GET", "/healthz", "", "", "", {"Accept-Encoding: gzip"});
    CHECK(health.header("content-encoding").empty());
}

TEST_CASE("the hub's gzip level is the operator's: 0 sends answers as they are, 9 and the default no larger than 1", "[sync][transport]") {
    HubFixture f;
    auto alice = hubWithPage(f);
    auto target = sync::PullQuery{0, 500}.target();
    auto byDefault = rawRequest(f.hub->url(), "GET", target, "", alice.token(), "", {"Accept-Encoding: gzip"});
    REQUIRE(isGzip(byDefault.body));
    f.restart({"--gzip-level", "1"});
    auto fast = rawRequest(f.hub->url(), "GET", target, "", alice.token(), "", {"Accept-Encoding: gzip"});
    REQUIRE(isGzip(fast.body));
    CHECK(byDefault.body.size() <= fast.body.size());
    f.restart({"--gzip-level", "9"});
    auto small = rawRequest(f.hub->url(), "GET", target, "", alice.token(), "", {"Accept-Encoding: gzip"});
    REQUIRE(isGzip(small.body));
    CHECK(small.body.size() <= fast.body.size());
    f.restart({"--gzip-level", "0"});
    sync::CurlTransport transport(f.hub->url(), {});
    auto plain = transport.send({"GET", target, "", false, alice.token()});
    REQUIRE(plain.status == 200);
    CHECK(plain.contentEncoding.empty());
    CHECK(transport.stats().bytesReceived >= static_cast<std::int64_t>(plain.body.size()));
    int status = 0;
    hubToolOutput({"--data", f.dir.str(), "--listen", "127.0.0.1:0", "--gzip-level", "10"}, &status);
    CHECK(status != 0);
}

TEST_CASE("an Accept-Encoding value admits gzip only when it names it, x-gzip or * without q=0", "[sync][transport]") {
    CHECK(hub::acceptsGzip("gzip"));
    CHECK(hub::acceptsGzip("deflate, GZIP;q=0.5"));
    CHECK(hub::acceptsGzip("x-gzip"));
    CHECK(hub::acceptsGzip("*"));
    CHECK(hub::acceptsGzip("gzip;q=1.0"));
    CHECK_FALSE(hub::acceptsGzip(""));
    CHECK_FALSE(hub::acceptsGzip("br"));
    CHECK_FALSE(hub::acceptsGzip("gzip;q=0"));
    CHECK_FALSE(hub::acceptsGzip("gzip; q=0.000"));
    CHECK_FALSE(hub::acceptsGzip("gzipped"));
}
