// The hub killed with SIGKILL in the middle of pushes: acknowledged ops survive exactly once, no batch half-applied.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "hub_fixture.hpp"

using namespace mediane::test;

TEST_CASE("a hub killed mid-batch loses no acknowledged op and keeps no half batch", "[hub][crash]") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    constexpr int kBatches = 40;
    constexpr int kBatchSize = 1000;
    std::vector<std::vector<Op>> batches(kBatches);
    for (int b = 0; b < kBatches; ++b)
        for (int i = 0; i < kBatchSize; ++i) {
            int n = b * kBatchSize + i;
            batches[b].push_back(learnerCreate(numbered("L", n), numbered("Learner ", n), n + 1));
        }

    std::atomic<int> acknowledged{0};
    std::thread pusher([&] {
        for (int b = 0; b < kBatches; ++b) {
            auto r = f.push(alice, "laptop-1", batches[b]);
            if (r.status != 200) return;  // the hub died under us: this batch is not acknowledged
            acknowledged = b + 1;
        }
    });
    // Let a few batches through, then pull the plug while the next one is being applied.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acknowledged < 3 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    f.hub->killHard();
    pusher.join();
    int acked = acknowledged;
    INFO("acknowledged batches before the kill: " << acked);
    REQUIRE(acked >= 3);
    REQUIRE(acked < kBatches);  // the kill landed before the end, or the test proved nothing

    f.restart();
    HttpClient after(f.hub->url());
    after.setToken(alice.token());
    std::map<std::string, int> seen;
    for (const auto& c : pullAll(after, 1000)) ++seen[c["record_id"].get<std::string>()];
    for (const auto& [id, count] : seen) REQUIRE(count == 1);
    for (int b = 0; b < acked; ++b)
        for (const auto& op : batches[b]) REQUIRE(seen.count(op.recordId) == 1);
    // The batch in flight committed whole or not at all.
    int inFlight = 0;
    for (const auto& op : batches[acked]) inFlight += static_cast<int>(seen.count(op.recordId));
    CHECK((inFlight == 0 || inFlight == kBatchSize));

    // The client resends what it never saw acknowledged: applied or duplicate, never twice.
    for (int b = acked; b < kBatches; ++b) {
        auto r = f.push(after, "laptop-1", batches[b]);
        REQUIRE(r.status == 200);
        const auto body = r.json();  // keep the parsed body alive for the loop
        for (const auto& result : body["results"]) {
            auto status = result["status"].get<std::string>();
            REQUIRE((status == "applied" || status == "duplicate"));
        }
    }
    seen.clear();
    for (const auto& c : pullAll(after, 1000)) ++seen[c["record_id"].get<std::string>()];
    CHECK(seen.size() == static_cast<std::size_t>(kBatches * kBatchSize));
    for (const auto& [id, count] : seen) REQUIRE(count == 1);
}
