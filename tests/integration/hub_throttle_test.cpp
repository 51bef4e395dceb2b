// Login throttling, equal work for unknown logins, and the audit log.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "hub_fixture.hpp"
#include "raw_http.hpp"

using namespace mediane::test;

namespace {
std::string errorOf(const RawResponse& r) { return nlohmann::json::parse(r.body).value("error", ""); }

double secondsFor(const std::function<void()>& work) {
    auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

TEST_CASE("after repeated wrong passwords the right one is refused with 429, other logins elsewhere are not",
          "[hub][throttle]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    f.addUser("bob", "adviser", "s1");
    for (int i = 0; i < 5; ++i)
        CHECK(enrollRaw(f.hub->url(), "alice", numbered("guess-", i), "laptop-1").status == 401);

    auto locked = enrollRaw(f.hub->url(), "alice", HubFixture::kPassword, "laptop-1");
    CHECK(locked.status == 429);
    CHECK(errorOf(locked) == "login_throttled");
    CHECK(std::stoi(locked.header("retry-after")) >= 1);
    // The login is locked from any address; another login from another address is not.
    CHECK(enrollRaw(f.hub->url(), "alice", HubFixture::kPassword, "laptop-1", "127.0.0.2").status == 429);
    CHECK(enrollRaw(f.hub->url(), "bob", HubFixture::kPassword, "laptop-2", "127.0.0.2").status == 200);
    // The address that guessed is locked for other logins too.
    CHECK(enrollRaw(f.hub->url(), "bob", HubFixture::kPassword, "laptop-3").status == 429);

    auto log = f.hub->log();
    CHECK(log.find("failed sign-in login=alice addr=127.0.0.1") != std::string::npos);
}

TEST_CASE("an unknown login costs about the same time as a known one", "[hub][throttle]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    enrollRaw(f.hub->url(), "warm-up", "x", "d", "127.0.0.5");  // the dummy hash is made on first use
    double known = 0, unknown = 0;
    for (int i = 0; i < 3; ++i) {
        // Separate addresses, under the free attempts, so throttling stays out of the measure.
        known += secondsFor([&] { enrollRaw(f.hub->url(), "alice", "wrong password", "d", "127.0.0.3"); });
        unknown += secondsFor([&] { enrollRaw(f.hub->url(), numbered("ghost", i), "wrong password", "d", "127.0.0.4"); });
    }
    WARN("3 failed sign-ins: known login " << known << " s, unknown login " << unknown << " s");
    CHECK(unknown > known / 3);
    CHECK(unknown < known * 3);
}

TEST_CASE("the audit log records address, login, device and result, and no personal data", "[hub][audit]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    CHECK(enrollRaw(f.hub->url(), "alice", "not the password", "laptop-1").status == 401);
    auto alice = f.enroll("alice", "laptop-1");
    auto learner = learnerCreate("L1", "Pseudonyme-Secret");
    learner.fields["phone"] = "0612345678";
    REQUIRE(f.push(alice, "laptop-1", {learner}).status == 200);
    REQUIRE(runHubTool({"--data", f.dir.str(), "device", "revoke", "--device", "laptop-1"}) == 0);
    CHECK(f.hub->log().find("POST /v1/push 200") != std::string::npos);
    CHECK(f.hub->log().find("addr=127.0.0.1 login=alice device=laptop-1") != std::string::npos);
    f.hub.reset();  // the hub's log lines are all written

    auto path = f.dir.str() + "/audit.jsonl";
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto all = text.str();
    CHECK(all.find("Pseudonyme-Secret") == std::string::npos);
    CHECK(all.find("0612345678") == std::string::npos);
    CHECK(all.find("not the password") == std::string::npos);
    CHECK(all.find(HubFixture::kPassword) == std::string::npos);
    CHECK(all.find(alice.token()) == std::string::npos);

    std::vector<nlohmann::json> lines;
    std::string line;
    std::istringstream rows(all);
    while (std::getline(rows, line)) lines.push_back(nlohmann::json::parse(line));
    auto has = [&](const std::string& action, const std::string& result) {
        for (const auto& l : lines)
            if (l["action"] == action && l["result"] == result) return l;
        return nlohmann::json();
    };
    auto failed = has("POST /v1/enroll", "401 invalid_credentials");
    REQUIRE(failed.is_object());
    CHECK(failed["address"] == "127.0.0.1");
    CHECK(failed["login"] == "alice");
    CHECK(failed["device"] == "laptop-1");
    auto push = has("POST /v1/push", "200");
    REQUIRE(push.is_object());
    CHECK(push["login"] == "alice");
    CHECK(push["time"].get<std::string>().size() == 20);
    auto revoke = has("device revoke", "ok");
    REQUIRE(revoke.is_object());
    CHECK(revoke["address"] == "cli");
    CHECK(revoke["device"] == "laptop-1");
    CHECK(has("user add", "ok").is_object());
}
