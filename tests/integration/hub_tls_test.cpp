// The hub on HTTPS with its own certificate: verified by the laptop, the CA remembered at enrolment,
// plain HTTP to it refused, and the certificate replaced without a restart (SIGHUP).
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <thread>

#include "core/error.hpp"
#include "raw_socket.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;
using namespace std::chrono_literals;

namespace {

// A self-signed certificate for 127.0.0.1, as a structure's own CA would issue (openssl from Debian).
void makeCertificate(const std::string& dir, const std::string& name) {
    std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                          "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
                          dir + "/" + name + ".key' -out '" + dir + "/" + name + ".pem' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
}

std::string httpsUrl(const HubProcess& hub) { return "https://127.0.0.1:" + std::to_string(hub.port()); }

long healthz(const std::string& url, const std::string& caFile) {
    sync::TransportOptions options;
    options.caFile = caFile;
    sync::CurlTransport transport(url, options);
    return transport.send({"GET", "/healthz", "", false, ""}).status;
}

}  // namespace

TEST_CASE("the hub serves HTTPS that the laptop verifies, and plain HTTP to it gets no answer", "[hub][tls]") {
    HubFixture f;
    makeCertificate(f.dir.str(), "hub");
    f.restart({"--tls-cert", f.dir.str() + "/hub.pem", "--tls-key", f.dir.str() + "/hub.key"});
    auto url = httpsUrl(*f.hub);

    CHECK(healthz(url, f.dir.str() + "/hub.pem") == 200);
    // Without the structure's CA, verification fails: the laptop never talks to an unverified hub.
    try {
        healthz(url, "");
        FAIL("an unverified certificate was accepted");
    } catch (const Error& e) {
        CHECK(e.key() == "err.sync.tls");
    }
    RawSocket plain(f.hub->port());
    plain.send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n");
    CHECK(plain.readFor(3s).find("200 OK") == std::string::npos);
    CHECK(healthz(url, f.dir.str() + "/hub.pem") == 200);
}

TEST_CASE("the CA given at enrolment is remembered for every later sync", "[hub][tls]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    makeCertificate(f.dir.str(), "hub");
    f.restart({"--tls-cert", f.dir.str() + "/hub.pem", "--tls-key", f.dir.str() + "/hub.key"});
    Laptop laptop;
    sync::TransportOptions options;
    options.caFile = f.dir.str() + "/hub.pem";
    app::enrollDevice(*laptop.notebook, httpsUrl(*f.hub), "alice", HubFixture::kPassword, options);
    laptop.addLearner("Zoé");
    // No --ca-file here: the sync verifies the hub with the CA kept at enrolment.
    auto report = app::syncNow(*laptop.notebook, "", {}, false);
    CHECK(report.acked == 1);
    CHECK(laptop.pending() == 0);
}

TEST_CASE("a laptop refuses to send a password over plain HTTP to another machine", "[hub][tls]") {
    Laptop laptop;
    try {
        app::enrollDevice(*laptop.notebook, "http://resin.example.org", "alice", "secret password", {});
        FAIL("plain HTTP accepted");
    } catch (const Error& e) {
        CHECK(e.key() == "err.sync.plain_http");
    }
}

TEST_CASE("SIGHUP replaces the hub's certificate without a restart", "[hub][tls]") {
    HubFixture f;
    makeCertificate(f.dir.str(), "hub");
    makeCertificate(f.dir.str(), "next");
    f.restart({"--tls-cert", f.dir.str() + "/hub.pem", "--tls-key", f.dir.str() + "/hub.key"});
    auto url = httpsUrl(*f.hub);
    REQUIRE(healthz(url, f.dir.str() + "/hub.pem") == 200);

    // A broken file on reload keeps the certificate in use.
    std::system(("cp '" + f.dir.str() + "/next.pem' '" + f.dir.str() + "/hub.pem' && : > '" + f.dir.str() +
                 "/hub.key'").c_str());
    kill(f.hub->pid(), SIGHUP);
    for (int i = 0; i < 50 && f.hub->log().find("reload failed") == std::string::npos; ++i) std::this_thread::sleep_for(100ms);
    CHECK(f.hub->log().find("reload failed") != std::string::npos);
    CHECK_THROWS(healthz(url, f.dir.str() + "/next.pem"));

    std::system(("cp '" + f.dir.str() + "/next.key' '" + f.dir.str() + "/hub.key'").c_str());
    kill(f.hub->pid(), SIGHUP);
    for (int i = 0; i < 50 && f.hub->log().find("reloaded") == std::string::npos; ++i) std::this_thread::sleep_for(100ms);
    CHECK(healthz(url, f.dir.str() + "/next.pem") == 200);
}
