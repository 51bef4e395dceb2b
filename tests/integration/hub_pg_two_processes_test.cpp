// Two resin-hub processes on one PostgreSQL database: laptops syncing through either, at once, with one hub killed
// in the middle of a push batch, still converge, each op once, no change skipped by a puller.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "raw_http.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
// Syncs, and takes a failure as the fault it is meant to be: the next sync must repair it.
void syncThrough(Laptop& laptop, sync::Transport& transport) {
    try {
        laptop.sync(transport);
    } catch (const std::exception&) {
    }
}
}  // namespace

TEST_CASE("laptops alternating between two hub processes on one PostgreSQL converge, even with a hub killed mid-batch",
          "[hub][postgresql][convergence]") {
    HubFixture hub;
    if (testHubDatabase(hub.dir.str()).empty()) {
        WARN("runs in the PostgreSQL pass of the suite (MEDIANE_TEST_HUB_DB)");
        return;
    }
    auto seed = static_cast<std::uint64_t>(GENERATE(take(1, random(1, 1000000))));
    INFO("seed " << seed << " (rerun with this value to reproduce)");
    std::mt19937_64 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };

    constexpr int kLaptops = 4;
    std::vector<std::unique_ptr<Laptop>> laptops;
    for (int i = 0; i < kLaptops; ++i) {
        hub.addUser(numbered("adviser", i), "adviser", "Centre social Parilly");
        laptops.push_back(std::make_unique<Laptop>());
        laptops.back()->enroll(hub, numbered("adviser", i));
    }
    // The second process serves the same data directory, hence the same database.
    auto second = std::make_unique<HubProcess>(hub.dir.str());
    auto transportTo = [&](int h) { return std::make_unique<FaultTransport>(h == 0 ? hub.hub->url() : second->url()); };

    int created = 0, counter = 0;
    bool killed = false;
    for (int step = 0; step < 24; ++step) {
        // Offline work on every laptop, some of it on learners others hold.
        for (auto& laptop : laptops) {
            auto known = laptop->notebook->searchLearners("", 1000);
            for (int n = pick(6); n > 0; --n) laptop->addLearner(numbered("Bénéficiaire ", ++created));
            if (!known.empty())
                laptop->editLearner(known[static_cast<std::size_t>(pick(static_cast<int>(known.size())))].id,
                                    [&](core::Learner& l) { l.goals = numbered("v", ++counter); });
        }
        // Two laptops sync at once, each through a hub picked at random: their batches commit concurrently.
        int one = pick(kLaptops), two = (one + 1 + pick(kLaptops - 1)) % kLaptops;
        auto t1 = transportTo(pick(2));
        auto t2 = transportTo(pick(2));
        std::thread other([&] { syncThrough(*laptops[static_cast<std::size_t>(two)], *t2); });
        syncThrough(*laptops[static_cast<std::size_t>(one)], *t1);
        other.join();

        if (step == 12 && !killed) {
            // A batch of a few hundred ops to the second hub, which dies (kill -9) while it applies it.
            auto& big = *laptops[static_cast<std::size_t>(pick(kLaptops))];
            for (int n = 0; n < 300; ++n) big.addLearner(numbered("Bénéficiaire ", ++created));
            auto t = transportTo(1);
            std::atomic<bool> pushSent{false};
            t->decide = [&](const sync::HttpRequest& request) {
                if (request.target.rfind("/v1/push", 0) == 0) pushSent = true;
                return Fault::None;
            };
            std::thread pushing([&] { syncThrough(big, *t); });
            while (!pushSent) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            std::this_thread::sleep_for(std::chrono::milliseconds(2 + pick(30)));
            second->killHard();
            pushing.join();
            // Most runs cut the batch short; a run where the hub answered first still checks everything else.
            WARN("ops still to push after the kill: " << big.pending());
            second = std::make_unique<HubProcess>(hub.dir.str());
            killed = true;
        }
    }
    // Heal: every laptop syncs through each hub in turn, twice, so everyone sees everyone's last push.
    for (int round = 0; round < 2; ++round)
        for (int h = 0; h < 2; ++h)
            for (auto& laptop : laptops) {
                auto t = transportTo(h);
                laptop->sync(*t);
            }

    auto reference = laptops[0]->learnersDump();
    CHECK(laptops[0]->count("SELECT count(*) FROM learners") == created);
    for (auto& laptop : laptops) {
        CHECK(laptop->learnersDump() == reference);
        CHECK(laptop->pending() == 0);
        CHECK(laptop->count("SELECT count(*) FROM outbox WHERE state = 'error'") == 0);
    }
    CHECK(created > 300);
    // Every acknowledged op is on the hub once, whichever process applied it, and the killed batch left no half.
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM (SELECT op_id FROM changes GROUP BY op_id HAVING count(*) > 1) AS repeated") == 0);
    std::int64_t ops = 0;
    for (auto& laptop : laptops) ops += laptop->count("SELECT count(*) FROM outbox");
    CHECK(file.scalar("SELECT count(*) FROM applied_ops") == ops);
}

TEST_CASE("failed sign-ins on one hub process lock the login and the address on the other", "[hub][postgresql][throttle]") {
    HubFixture f;
    if (testHubDatabase(f.dir.str()).empty()) {
        WARN("runs in the PostgreSQL pass of the suite (MEDIANE_TEST_HUB_DB)");
        return;
    }
    f.addUser("alice", "adviser", "s1");
    HubProcess other(f.dir.str());
    // Guesses spread over both processes, as a balancer would send them.
    for (int i = 0; i < 5; ++i)
        CHECK(enrollRaw(i % 2 ? other.url() : f.hub->url(), "alice", numbered("guess-", i), "laptop-1").status == 401);
    auto locked = enrollRaw(other.url(), "alice", HubFixture::kPassword, "laptop-1");
    CHECK(locked.status == 429);
    CHECK(nlohmann::json::parse(locked.body).value("error", "") == "login_throttled");
    CHECK(enrollRaw(f.hub->url(), "alice", HubFixture::kPassword, "laptop-1", "127.0.0.2").status == 429);
}
