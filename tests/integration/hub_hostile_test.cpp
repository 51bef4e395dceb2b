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

TEST_CASE("forged cheque numbers, validity years and cancellation texts are refused or kept inert, and the hub serves on",
          "[hub][hostile][pass]") {
    HubFixture f;
    f.addUser("alice", "adviser", "lyon8", "metropole");
    f.addUser("bruno", "adviser", "villeurbanne", "metropole");
    auto alice = f.enroll("alice", "laptop-a");
    auto bruno = f.enroll("bruno", "laptop-b");
    auto event = [](const std::string& id, json number, json validYear, const std::string& kind) {
        json fields = {{"cheque_id", "pass#7"}, {"number", number}, {"kind", kind}, {"session_id", "S1"},
                       {"on_date", "2026-03-02"}, {"valid_year", validYear}};
        if (kind == "cancelled") {
            fields["cause"] = "<script>alert(1)</script>";
            fields["reason"] = std::string(200000, 'x');
        }
        return Op{newOpId(), 1, "cheque_event", id, "create", 0, fields};
    };
    std::vector<Op> forged = {event("F1", "sept", 2026, "redeemed"), event("F2", -7, 2026, "redeemed"),
                              event("F3", 9223372036854775807LL, 2026, "redeemed"),
                              event("F4", 7, 99999999, "redeemed"), event("F5", 7, "deux mille", "redeemed"),
                              event("F6", 7, 2026, "cancelled")};
    auto answer = f.push(alice, "laptop-a", forged);
    REQUIRE((answer.status == 200 || answer.status == 400 || answer.status == 413));
    if (answer.status == 200) {
        // The parsed body is kept in a variable: a range-for over a temporary's member would dangle.
        auto body = answer.json();
        const auto& results = body["results"];
        for (const auto& r : results) CHECK(r["status"] != "duplicate");
        // A number that is not a positive integer, or a year that is not one, is refused by name.
        for (int i : {0, 1, 4}) {
            CAPTURE(i);
            CHECK(results[i]["status"] == "rejected");
            CHECK(results[i]["reason"] == "field_invalid");
        }
    }
    // Another structure redeeming « 7 »: whatever alice stored, bruno learns no learner and no free text of hers.
    auto second = f.push(bruno, "laptop-b", {event("B1", 7, 2026, "redeemed")});
    REQUIRE(second.status == 200);
    auto conflicts = json::parse(bruno.get("/v1/conflicts?after=0&protocol=2").body);
    auto text = conflicts.dump();
    CHECK(text.find("xxxxxxxxxx") == std::string::npos);
    CHECK(text.find("<script>") == std::string::npos);
    CHECK(text.find("learner_id") == std::string::npos);
    CHECK(alice.get("/healthz").status == 200);
    CHECK(bruno.get("/v1/pull?since=0&protocol=2").status == 200);
}

TEST_CASE("an oversized or malformed Accept-Encoding header still gets a plain answer", "[hub][hostile][transport]") {
    HubFixture f;
    f.addUser("alice", "adviser", "lyon8", "metropole");
    auto alice = f.enroll("alice", "laptop-a");
    for (const std::string& value : {std::string(20000, ','), std::string("gzip;q=") + std::string(5000, '0') + "1",
                                     std::string("\xff\xfe gzip;q=\xc3"), std::string("br;q=0.5, identity, *;q=0")}) {
        std::string head = "GET /v1/pull?since=0&protocol=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                           alice.token() + "\r\nAccept-Encoding: " + value + "\r\nConnection: close\r\n\r\n";
        RawSocket socket(f.hub->port());
        REQUIRE(socket.send(head));
        auto reply = socket.readFor(5s);
        CHECK((reply.rfind("HTTP/1.1 200", 0) == 0 || reply.rfind("HTTP/1.1 4", 0) == 0));
        // Brotli only where the value names it without q=0, and then at the hub's own quality.
        if (value.rfind("br;q=0.5", 0) != 0) CHECK(reply.find("Content-Encoding: br") == std::string::npos);
    }
    CHECK(alice.get("/healthz").status == 200);
}

TEST_CASE("a NUL character in a value or a field name is refused by name, and the batch's other ops apply",
          "[hub][hostile]") {
    HubFixture f;
    f.addUser("mallory", "adviser", "s1");
    auto mallory = f.enroll("mallory", "laptop-m");
    auto inValue = learnerCreate("L1", std::string("Zo\0é", 5), 1);
    auto inName = learnerCreate("L2", "Ana", 2);
    inName.fields[std::string("goals\0x", 7)] = "x";
    auto nested = Op{newOpId(), 3, "session", "S1", "create", 0,
                     {{"date", "2026-03-02"}, {"duration_minutes", 60}, {"kind", "individuel"},
                      {"place_mode", "a_distance"}, {"learner_ids", json::array()}, {"anonymous_count", 1},
                      {"themes", json::array({std::string("email\0", 6)})}}};
    auto fine = learnerCreate("L3", "Lou", 4);
    auto r = f.push(mallory, "laptop-m", {inValue, inName, nested, fine});
    REQUIRE(r.status == 200);
    auto results = r.json()["results"];
    for (int i = 0; i < 3; ++i) {
        INFO("op " << i);
        CHECK(results[i]["status"] == "rejected");
        CHECK(results[i]["reason"] == "field_invalid");
    }
    CHECK(results[0]["message"] == "fields.pseudonym holds a NUL character");
    CHECK(results[2]["message"] == "fields.themes holds a NUL character");
    CHECK(results[3]["status"] == "applied");
    auto seen = pullAll(mallory);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["record_id"] == "L3");
}

TEST_CASE("a NUL character in a sign-in's login or password is refused by name, never a server error",
          "[hub][hostile]") {
    HubFixture f;
    f.addUser("mallory", "adviser", "s1");
    HttpClient anonymous(f.hub->url());
    for (const char* field : {"login", "password"}) {
        json body = {{"protocol_version", 1}, {"login", "mallory"}, {"password", HubFixture::kPassword},
                     {"device_id", "laptop-m"}};
        body[field] = std::string("mallory\0", 8);
        auto r = anonymous.post("/v1/enroll", body.dump());
        INFO(field << ": " << r.body);
        CHECK(r.status == 400);
        CHECK(r.json()["field"] == field);
    }
    // The account itself still signs in.
    CHECK(f.enroll("mallory", "laptop-m").token().size() > 10);
}
