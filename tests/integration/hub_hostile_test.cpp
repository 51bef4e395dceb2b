// Attacks on a hub facing the internet, replayed against the real process: each probe must fail, the hub
// must stay up, keep answering others, stay under its memory ceiling and lose nothing it acknowledged.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "hub_fixture.hpp"
#include "raw_socket.hpp"

using namespace mediane::test;
using namespace std::chrono_literals;

namespace {

// The hub stays under this resident size whatever the probes (Release measures far less; the sanitizer
// build's shadow memory and quarantine need the margin). See docs/hub-admin.md for the figure.
constexpr long kMemoryCeilingMiB = 512;

long millisSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

// /healthz from a fresh client, timed.
long healthzMillis(const HubFixture& f) {
    HttpClient http(f.hub->url());
    auto start = std::chrono::steady_clock::now();
    auto r = http.get("/healthz");
    REQUIRE(r.status == 200);
    return millisSince(start);
}

std::string head(const std::string& method, const std::string& path, const std::string& extra) {
    return method + " " + path + " HTTP/1.1\r\nHost: hub\r\n" + extra + "\r\n";
}

int statusOf(const std::string& answer) {
    if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
    return std::stoi(answer.substr(9, 3));
}

}  // namespace

TEST_CASE("a body sent without a token to a route that takes none is refused before it is read",
          "[hub][hostile]") {
    HubFixture f;
    // 64 MiB of zeros: about 64 KB of gzip, the shape of a decompression bomb.
    auto bomb = gzipCompress(std::string(64 * 1024 * 1024, '\0'));
    for (std::string path : {"/healthz", "/nowhere", "/v1/pull", "/v1/conflicts"}) {
        for (std::string method : {"POST", "GET"}) {
            INFO(method << " " << path);
            RawSocket s(f.hub->port());
            REQUIRE(s.send(head(method, path,
                                "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n")));
            s.send(bomb);
            auto answer = s.readFor(3s);
            CHECK(statusOf(answer) == 413);
            CHECK(answer.find("body_not_allowed") != std::string::npos);
        }
    }
    // A chunked body that would never end: refused at its head, the connection closed, nothing read.
    RawSocket chunked(f.hub->port());
    REQUIRE(chunked.send(head("POST", "/healthz", "Transfer-Encoding: chunked\r\n")));
    std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
    int sent = 0;
    while (sent < 16 * 1024 && chunked.send(chunk)) ++sent;  // at most 1 GiB, stops when the hub hangs up
    CHECK(sent < 16 * 1024);
    CHECK(healthzMillis(f) < 1000);
    auto peak = peakResidentMiB(f.hub->pid());
    WARN("hub peak resident memory after the probes: " << peak << " MiB");
    CHECK(peak < kMemoryCeilingMiB);
}

TEST_CASE("a push nested 53,000 deep is refused and the hub keeps serving", "[hub][hostile]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto body = pushBody("laptop-1", {learnerCreate("L1", "Ana")}).dump();
    auto at = body.find("\"fields\":{");
    REQUIRE(at != std::string::npos);
    std::string deep = std::string(53000, '[') + std::string(53000, ']');
    body.insert(at + 10, "\"x\":" + deep + ",");
    auto r = alice.post("/v1/push", body);
    CHECK(r.status == 400);
    CHECK(r.json()["message"].get<std::string>().find("deep") != std::string::npos);
    CHECK(healthzMillis(f) < 1000);
    CHECK(pullAll(alice).empty());
}

TEST_CASE("slow sockets cannot stop other callers and are cut at the head deadline", "[hub][hostile]") {
    HubFixture f;
    f.restart({"--head-timeout-ms", "3000"});
    // Ten attackers from one address drip their headers a byte at a time.
    std::vector<std::unique_ptr<RawSocket>> slow;
    for (int i = 0; i < 10; ++i) {
        slow.push_back(std::make_unique<RawSocket>(f.hub->port(), "127.0.0.2"));
        REQUIRE(slow.back()->send("POST /v1/push HTTP/1.1\r\nHost: hub\r\n"));
    }
    std::atomic<bool> stop{false};
    std::thread drip([&] {
        for (int round = 0; round < 60 && !stop; ++round) {
            for (auto& s : slow) s->send("X");
            std::this_thread::sleep_for(100ms);
        }
    });
    for (int i = 0; i < 5; ++i) CHECK(healthzMillis(f) < 1000);
    // The head deadline (3 s here) closes every dripping connection.
    int closed = 0;
    for (auto& s : slow) closed += s->closedWithin(6s) ? 1 : 0;
    stop = true;
    drip.join();
    CHECK(closed == 10);

    // One address holding more connections than its share: the surplus is refused at once with 503.
    std::vector<std::unique_ptr<RawSocket>> greedy;
    for (int i = 0; i < 40; ++i) greedy.push_back(std::make_unique<RawSocket>(f.hub->port(), "127.0.0.3"));
    int refused = 0;
    for (auto& s : greedy) refused += statusOf(s->readFor(300ms)) == 503 ? 1 : 0;
    // Past its 32 the address is refused (the hub's accept queue takes the whole burst at once).
    CHECK(refused >= 40 - 32);
    CHECK(healthzMillis(f) < 1000);
}

TEST_CASE("a NUL byte in a record id is refused and no other structure's learner changes", "[hub][hostile]") {
    HubFixture f;
    f.addUser("bruno", "adviser", "s2", "metropole");
    f.addUser("mallory", "adviser", "s1", "metropole");
    f.addUser("carla", "coordinator", "s0", "metropole");
    auto bruno = f.enroll("bruno", "laptop-b");
    auto mallory = f.enroll("mallory", "laptop-m");
    auto carla = f.enroll("carla", "laptop-c");
    REQUIRE(f.push(bruno, "laptop-b", {learnerCreate("L1", "Zoé")}).json()["results"][0]["status"] == "applied");

    for (std::string id : {std::string("L1\0x", 4), std::string("L1\n"), std::string("L1 "), std::string(300, 'L')}) {
        auto r = f.push(mallory, "laptop-m", {learnerCreate(id, "Forged")});
        REQUIRE(r.status == 200);
        CHECK(r.json()["results"][0]["status"] == "rejected");
        CHECK(r.json()["results"][0]["reason"] == "id_invalid");
    }
    auto seen = pullAll(carla);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["record_id"] == "L1");
    CHECK(seen[0]["fields"]["pseudonym"] == "Zoé");

    // An op id that is not a UUID refuses the batch, naming the field; so does a device id with a control.
    auto body = pushBody("laptop-m", {learnerCreate("L9", "Ana")});
    body["batch"][0]["op_id"] = "op-1";
    auto r = mallory.post("/v1/push", body.dump());
    CHECK(r.status == 400);
    CHECK(r.json()["field"] == "batch[0].op_id");
    HttpClient anonymous(f.hub->url());
    auto enroll = anonymous.post("/v1/enroll", json{{"protocol_version", 1}, {"login", "mallory"},
                                                    {"password", HubFixture::kPassword},
                                                    {"device_id", std::string("laptop\x01m")}}.dump());
    CHECK(enroll.status == 400);
    CHECK(enroll.json()["field"] == "device_id");
}

TEST_CASE("invalid UTF-8 and out-of-range numbers get 400 with a stable code and no internal text",
          "[hub][hostile]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    auto body = pushBody("laptop-1", {learnerCreate("L1", "Ana")}).dump();
    auto badUtf8 = body;
    badUtf8.replace(badUtf8.find("Ana"), 3, "A\xff\xfe");
    auto r = alice.post("/v1/push", badUtf8);
    CHECK(r.status == 400);
    CHECK(r.json()["error"] == "bad_request");

    auto huge = body;
    huge.replace(huge.find("\"Ana\""), 5, "1e400");
    r = alice.post("/v1/push", huge);
    CHECK(r.status == 400);
    CHECK(r.json()["error"] == "bad_request");
    CHECK(r.json()["message"].get<std::string>().find("range") != std::string::npos);

    // Straight on the socket, to see the headers: no exception text anywhere in the answer.
    RawSocket s(f.hub->port());
    s.send(head("POST", "/v1/push", "Authorization: Bearer " + alice.token() +
                                        "\r\nContent-Length: " + std::to_string(badUtf8.size()) + "\r\n") +
           badUtf8);
    auto answer = s.readFor(2s);
    CHECK(statusOf(answer) == 400);
    CHECK(answer.find("EXCEPTION_WHAT") == std::string::npos);
    CHECK(answer.find("nlohmann") == std::string::npos);
    CHECK(answer.find("type_error") == std::string::npos);
    CHECK(pullAll(alice).empty());
    CHECK(healthzMillis(f) < 1000);
}

TEST_CASE("a request head past its size cap is refused and the hub stays under its memory ceiling",
          "[hub][hostile]") {
    HubFixture f;
    // Endless headers: each line is short, so only the head cap stops them.
    RawSocket s(f.hub->port());
    REQUIRE(s.send("GET /healthz HTTP/1.1\r\nHost: hub\r\n"));
    int lines = 0;
    while (lines < 200000 && s.send("X-Pad-" + std::to_string(lines) + ": " + std::string(100, 'p') + "\r\n")) ++lines;
    CHECK(s.closedWithin(3s));
    CHECK(lines < 200000);
    CHECK(healthzMillis(f) < 1000);
    auto peak = peakResidentMiB(f.hub->pid());
    WARN("hub peak resident memory after the probes: " << peak << " MiB");
    CHECK(peak < kMemoryCeilingMiB);
}
