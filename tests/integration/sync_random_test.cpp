// Seeded randomised convergence: several laptops, random offline edits, random faults and sync order, then heal.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "store/local_conflicts.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
struct Edit {
    std::string learner, field, value, seenBefore;  // what the laptop showed when the person typed
};
}  // namespace

TEST_CASE("random offline edits, faults and sync order always converge, once each, with every overlap kept") {
    auto seed = static_cast<std::uint64_t>(GENERATE(take(1, random(1, 1000000))));
    INFO("seed " << seed << " (rerun with this value to reproduce)");
    std::mt19937_64 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };

    HubFixture hub;
    constexpr int kLaptops = 3;
    std::vector<std::unique_ptr<Laptop>> laptops;
    for (int i = 0; i < kLaptops; ++i) {
        hub.addUser(numbered("adviser", i), "adviser", "Centre social Parilly");
        laptops.push_back(std::make_unique<Laptop>());
        laptops.back()->enroll(hub, numbered("adviser", i));
    }
    std::vector<std::unique_ptr<FaultTransport>> transports;
    for (int i = 0; i < kLaptops; ++i) transports.push_back(std::make_unique<FaultTransport>(hub.hub->url()));

    const char* fields[] = {"commune", "goals", "phone"};
    std::vector<Edit> edits;
    int created = 0, counter = 0;
    for (int step = 0; step < 60; ++step) {
        auto& laptop = *laptops[static_cast<std::size_t>(pick(kLaptops))];
        auto known = laptop.notebook->searchLearners("", 1000);
        int action = pick(10);
        if (known.empty() || action < 2) {
            laptop.addLearner(numbered("Bénéficiaire ", ++created));
        } else if (action < 8) {
            auto target = known[static_cast<std::size_t>(pick(static_cast<int>(known.size())))];
            std::string field = fields[pick(3)];
            std::string value = field == "phone" ? numbered("06", 10000000 + ++counter) : numbered("v", ++counter);
            std::string seen = field == "commune" ? target.commune : field == "goals" ? target.goals : target.phone;
            laptop.editLearner(target.id, [&](core::Learner& l) {
                (field == "commune" ? l.commune : field == "goals" ? l.goals : l.phone) = value;
            });
            edits.push_back({target.id, field, value, seen});
        } else {
            auto i = static_cast<std::size_t>(pick(kLaptops));
            auto fault = static_cast<Fault>(pick(6));  // None, or one of the five faults on a random request
            int when = pick(4);
            transports[i]->decide = [fault, when, n = 0](const sync::HttpRequest&) mutable {
                return n++ == when ? fault : Fault::None;
            };
            try {
                laptops[i]->sync(*transports[i]);
            } catch (const Error&) {
                // Expected with faults: the next sync must repair it.
            }
        }
    }
    // Heal: no more faults; two rounds so everyone sees everyone's last push.
    for (int round = 0; round < 2; ++round)
        for (auto& laptop : laptops) laptop->sync();

    auto reference = laptops[0]->learnersDump();
    CHECK(laptops[0]->count("SELECT count(*) FROM learners") == created);
    std::set<std::string> finalValues;
    for (auto& laptop : laptops) {
        CHECK(laptop->learnersDump() == reference);
        CHECK(laptop->pending() == 0);
        CHECK(laptop->count("SELECT count(*) FROM outbox WHERE state = 'error'") == 0);
        CHECK(laptop->intact());
    }
    // Every acknowledged op appears exactly once on the hub.
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM (SELECT op_id FROM changes GROUP BY op_id HAVING count(*) > 1) AS repeated") == 0);
    std::int64_t ops = 0;
    for (auto& laptop : laptops) ops += laptop->count("SELECT count(*) FROM outbox");
    CHECK(file.scalar("SELECT count(*) FROM applied_ops") == ops);

    // No edit silently lost: each typed value is the final one, or someone overwrote it knowingly
    // (they saw it when typing), or it sits in a hard conflict record that every laptop holds.
    auto& remote = laptops[0]->notebook->conflicts();
    for (const auto& e : edits) {
        auto now = laptops[0]->notebook->learner(e.learner);
        REQUIRE(now);
        std::string finalValue = e.field == "commune" ? now->commune : e.field == "goals" ? now->goals : now->phone;
        if (finalValue == e.value) continue;
        bool knowinglyReplaced = false;
        for (const auto& other : edits)
            if (other.learner == e.learner && other.field == e.field && other.seenBefore == e.value) knowinglyReplaced = true;
        if (knowinglyReplaced) continue;
        bool kept = false;
        for (const auto& c : remote.all(e.learner)) {
            if (c.kind != "hard" || !c.details.contains("fields") || !c.details["fields"].contains(e.field)) continue;
            const auto& both = c.details["fields"][e.field];
            if (both["incoming"] == e.value || both["hub"] == e.value) kept = true;
        }
        INFO("learner " << e.learner << " field " << e.field << " value " << e.value << " final " << finalValue);
        CHECK(kept);
    }
    auto conflicts = laptops[0]->count("SELECT count(*) FROM sync_conflicts");
    for (auto& laptop : laptops) CHECK(laptop->count("SELECT count(*) FROM sync_conflicts") == conflicts);
}
