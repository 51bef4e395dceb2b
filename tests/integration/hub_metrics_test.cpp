// GET /metrics: who may read it, what it counts, and that it names no one (docs/hub-admin.md, Metrics).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "hub_fixture.hpp"

using namespace mediane::test;

namespace {
const std::string kToken = "9f2c41d07be3a5c8e6f1d2b3a4c5d6e7";

// A hub serving /metrics to kToken's bearer.
void restartWithMetrics(HubFixture& f) {
    auto file = f.dir.path() / "metrics.token";
    std::ofstream(file) << kToken << "\n";
    f.restart({"--metrics-token-file", file.string()});
}

HttpResponse scrape(const HubFixture& f, const std::string& token = kToken) {
    HttpClient http(f.hub->url());
    http.setToken(token);
    return http.get("/metrics");
}

// The text exposition format, strictly: HELP and TYPE comments, then `name{label="value",...} number` samples,
// each sample of a metric whose TYPE came first. Returns each sample's value by its name and labels.
std::map<std::string, double> parsePrometheus(const std::string& text) {
    static const std::regex help(R"(^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$)");
    static const std::regex type(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$)");
    static const std::regex sample(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"\\\n]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\\n]*")*\})? (-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)$)");
    std::map<std::string, std::string> types;
    std::map<std::string, double> values;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::smatch m;
        INFO("line: " << line);
        if (std::regex_match(line, m, help)) continue;
        if (std::regex_match(line, m, type)) {
            types[m[1]] = m[2];
            continue;
        }
        REQUIRE(std::regex_match(line, m, sample));
        std::string name = m[1];
        std::string family = name;
        for (const char* suffix : {"_bucket", "_sum", "_count"})
            if (!types.count(family) && family.size() > std::string(suffix).size() &&
                family.compare(family.size() - std::string(suffix).size(), std::string::npos, suffix) == 0)
                family = family.substr(0, family.size() - std::string(suffix).size());
        CHECK(types.count(family) == 1);
        values[name + std::string(m[2])] = std::stod(m[4]);
    }
    return values;
}

double valueOf(const std::map<std::string, double>& values, const std::string& key) {
    auto it = values.find(key);
    INFO("sample " << key);
    REQUIRE(it != values.end());
    return it->second;
}
}  // namespace

TEST_CASE("a hub started without a metrics token serves no metrics endpoint", "[hub][metrics]") {
    HubFixture f;
    auto r = scrape(f);
    CHECK(r.status == 404);
    CHECK(r.body.find("mediane_hub") == std::string::npos);
}

TEST_CASE("metrics are refused without the token and with a wrong one", "[hub][metrics]") {
    HubFixture f;
    restartWithMetrics(f);
    HttpClient anonymous(f.hub->url());
    auto none = anonymous.get("/metrics");
    CHECK(none.status == 401);
    CHECK(none.body.find("mediane_hub") == std::string::npos);
    auto wrong = scrape(f, "9f2c41d07be3a5c8e6f1d2b3a4c5d6e8");  // one character off
    CHECK(wrong.status == 401);
    CHECK(wrong.body.find("mediane_hub") == std::string::npos);
    CHECK(scrape(f, kToken.substr(0, 16)).status == 401);  // a prefix of the token
    CHECK(scrape(f, kToken + "0").status == 401);          // the token and more
    // A device token is no metrics token either.
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    CHECK(alice.get("/metrics").status == 401);
    CHECK(scrape(f).status == 200);
}

TEST_CASE("a metrics token shorter than 16 characters stops the hub at start", "[hub][metrics]") {
    HubFixture f;
    auto file = f.dir.path() / "short.token";
    std::ofstream(file) << "tooshort\n";
    CHECK_THROWS(f.restart({"--metrics-token-file", file.string()}));
    CHECK_THROWS(f.restart({"--metrics-token-file", (f.dir.path() / "missing.token").string()}));
}

TEST_CASE("metrics parse as Prometheus text and count requests, ops, conflicts and pull lag", "[hub][metrics]") {
    HubFixture f;
    restartWithMetrics(f);
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");

    auto before = parsePrometheus(scrape(f).body);
    CHECK(valueOf(before, R"(mediane_hub_ops_total{status="applied"})") == 0);
    CHECK(valueOf(before, R"(mediane_hub_requests_total{route="enroll",status="2xx"})") == 1);
    CHECK(valueOf(before, "mediane_hub_pull_lag_changes_count") == 0);

    std::vector<Op> ops = {learnerCreate("L1", "Ana", 1), learnerCreate("L2", "Bob", 2),
                           redeemCheque("E1", "B1#7", 3), redeemCheque("E2", "B1#7", 4)};
    REQUIRE(f.push(alice, "laptop-1", ops).status == 200);
    REQUIRE(f.push(alice, "laptop-1", {ops[0]}).status == 200);  // a resend: duplicate
    auto bad = learnerCreate("L3", "Cy", 5);
    bad.op = "explode";
    REQUIRE(f.push(alice, "laptop-1", {bad}).status == 200);     // answered op by op: rejected
    REQUIRE(alice.get("/v1/pull?since=0&protocol=2").status == 200);
    REQUIRE(alice.get("/v1/pull?since=2&protocol=2").status == 200);
    HttpClient stranger(f.hub->url());
    CHECK(stranger.get("/v1/pull?since=0").status == 401);
    CHECK(stranger.get("/no/such/path").status == 404);

    auto after = parsePrometheus(scrape(f).body);
    CHECK(valueOf(after, R"(mediane_hub_ops_total{status="applied"})") == 3);
    CHECK(valueOf(after, R"(mediane_hub_ops_total{status="conflict"})") == 1);
    CHECK(valueOf(after, R"(mediane_hub_ops_total{status="duplicate"})") == 1);
    CHECK(valueOf(after, R"(mediane_hub_ops_total{status="rejected"})") == 1);
    CHECK(valueOf(after, R"(mediane_hub_conflicts_raised_total{kind="over_redemption"})") == 1);
    CHECK(valueOf(after, R"(mediane_hub_requests_total{route="push",status="2xx"})") == 3);
    CHECK(valueOf(after, R"(mediane_hub_requests_total{route="pull",status="2xx"})") == 2);
    CHECK(valueOf(after, R"(mediane_hub_requests_total{route="pull",status="4xx"})") == 1);
    CHECK(valueOf(after, R"(mediane_hub_requests_total{route="other",status="4xx"})") == 1);
    // Four changes on the hub: one pull four behind, one two behind.
    CHECK(valueOf(after, "mediane_hub_newest_server_seq") == 4);
    CHECK(valueOf(after, "mediane_hub_pull_lag_changes_count") == 2);
    CHECK(valueOf(after, "mediane_hub_pull_lag_changes_sum") == 6);
    CHECK(valueOf(after, R"(mediane_hub_pull_lag_changes_bucket{le="0"})") == 0);
    CHECK(valueOf(after, R"(mediane_hub_pull_lag_changes_bucket{le="10"})") == 2);
    CHECK(valueOf(after, R"(mediane_hub_pull_lag_changes_bucket{le="+Inf"})") == 2);
    CHECK(valueOf(after, "mediane_hub_database_errors_total") == 0);
    // Scrapes are counted under their own route once answered: the first one, not the one being rendered.
    CHECK(valueOf(after, R"(mediane_hub_requests_total{route="metrics",status="2xx"})") == 1);
}

TEST_CASE("metrics count every request of concurrent pushes exactly once", "[hub][metrics]") {
    HubFixture f;
    restartWithMetrics(f);
    f.addUser("alice", "adviser", "s1");
    constexpr int kLaptops = 6, kPushes = 5, kOpsPerPush = 4;
    std::vector<HttpClient> laptops;
    for (int i = 0; i < kLaptops; ++i) laptops.push_back(f.enroll("alice", numbered("laptop-", i)));
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < kLaptops; ++i)
        threads.emplace_back([&, i] {
            for (int p = 0; p < kPushes; ++p) {
                std::vector<Op> ops;
                for (int k = 0; k < kOpsPerPush; ++k)
                    ops.push_back(learnerCreate(numbered("L", (i * kPushes + p) * kOpsPerPush + k), "X", k + 1));
                if (f.push(laptops[static_cast<std::size_t>(i)], numbered("laptop-", i), ops).status != 200) ++failures;
                if (laptops[static_cast<std::size_t>(i)].get("/v1/pull?since=0&limit=1").status != 200) ++failures;
            }
        });
    for (auto& t : threads) t.join();
    REQUIRE(failures == 0);
    auto values = parsePrometheus(scrape(f).body);
    CHECK(valueOf(values, R"(mediane_hub_requests_total{route="push",status="2xx"})") == kLaptops * kPushes);
    CHECK(valueOf(values, R"(mediane_hub_requests_total{route="pull",status="2xx"})") == kLaptops * kPushes);
    CHECK(valueOf(values, "mediane_hub_pull_lag_changes_count") == kLaptops * kPushes);
    CHECK(valueOf(values, R"(mediane_hub_ops_total{status="applied"})") == kLaptops * kPushes * kOpsPerPush);
}

TEST_CASE("metrics never carry a login, a device id, a structure or a record id", "[hub][metrics]") {
    HubFixture f;
    restartWithMetrics(f);
    f.addUser("camille.login", "adviser", "centre-social-sentinel", "territoire-sentinel");
    auto laptop = f.enroll("camille.login", "device-sentinel-42");
    REQUIRE(f.push(laptop, "device-sentinel-42", {learnerCreate("learner-sentinel-7", "Pseudo-Sentinel", 1),
                                                   redeemCheque("event-sentinel-1", "booklet-sentinel#9", 2),
                                                   redeemCheque("event-sentinel-2", "booklet-sentinel#9", 3)})
                .status == 200);
    REQUIRE(laptop.get("/v1/pull?since=0&protocol=2").status == 200);
    // A caller's path bytes must not reach the output either.
    HttpClient http(f.hub->url());
    http.get("/v1/conflicts/123456789/resolve-sentinel");
    http.get("/path-sentinel");
    auto text = scrape(f).body;
    REQUIRE(text.find("mediane_hub_ops_total") != std::string::npos);
    for (const char* secret : {"camille", "device-sentinel", "learner-sentinel", "event-sentinel", "booklet-sentinel",
                               "Pseudo-Sentinel", "centre-social", "territoire", "123456789", "path-sentinel",
                               "127.0.0.1", kToken.c_str()})
        CHECK(text.find(secret) == std::string::npos);
}
