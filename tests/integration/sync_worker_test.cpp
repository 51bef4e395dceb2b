// The background worker: syncs on request without blocking its caller, reports offline and retries with backoff.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/sync_service.hpp"
#include "sync/client/backoff.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
template <typename Predicate>
bool waitUntil(Predicate done, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}
}  // namespace

TEST_CASE("the sync worker syncs in the background, then shows offline with a retry when the hub goes away") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    Laptop a;
    a.enroll(hub, "alice");
    for (int i = 0; i < 3; ++i) a.addLearner(numbered("Bénéficiaire ", i));

    sync::WorkerOptions options;
    options.startNow = false;
    options.backoffBase = std::chrono::milliseconds(200);
    auto worker = app::startSyncWorker(*a.notebook, options);
    CHECK(worker->status().state == sync::SyncStatus::State::Idle);
    auto asked = std::chrono::steady_clock::now();
    worker->requestSync();
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::milliseconds(50));  // the caller never waits
    REQUIRE(waitUntil([&] { return worker->completedRuns() == 1; }));
    auto status = worker->status();
    CHECK(status.state == sync::SyncStatus::State::Synced);
    CHECK(!status.lastSync.empty());
    CHECK(a.pending() == 0);  // the GUI's own connection sees the worker's writes

    hub.hub->killHard();
    a.addLearner("Bénéficiaire hors ligne");
    worker->requestSync();
    REQUIRE(waitUntil([&] { return worker->status().state == sync::SyncStatus::State::Offline; }));
    status = worker->status();
    CHECK(status.errorKey == "err.sync.network");
    CHECK(status.retryInSeconds >= 0);
    CHECK(a.pending() == 1);
}

TEST_CASE("backoff waits grow exponentially with full jitter, are capped, and honour Retry-After") {
    sync::Backoff backoff(std::chrono::seconds(2), std::chrono::minutes(15), 42);
    std::chrono::milliseconds longest{0};
    for (int i = 0; i < 30; ++i) {
        auto ceiling = backoff.ceiling();
        auto wait = backoff.next();
        CHECK(wait <= ceiling);
        CHECK(ceiling <= std::chrono::minutes(15));
        longest = std::max(longest, wait);
    }
    CHECK(longest > std::chrono::minutes(1));  // it did grow
    CHECK(backoff.next(120) == std::chrono::seconds(120));
    CHECK(backoff.next(86400) == std::chrono::minutes(15));
    backoff.reset();
    CHECK(backoff.ceiling() == std::chrono::seconds(2));
}
