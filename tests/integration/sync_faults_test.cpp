// Network faults, a crashed client, a killed hub, a poisoned op and a refused token: nothing lost, nothing twice.
#include <catch2/catch.hpp>

#include "app/demo_generator.hpp"
#include "store/sync_account_store.hpp"
#include "store/sync_cursor.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
std::string errorKeyOf(const std::function<void()>& run) {
    try {
        run();
    } catch (const Error& e) {
        return e.key();
    }
    return "no error";
}

bool isPush(const sync::HttpRequest& r) { return r.target == "/v1/push"; }
bool isPull(const sync::HttpRequest& r) { return r.target.rfind("/v1/pull", 0) == 0; }

// Every op the hub holds appears once in its change feed.
void checkHubHasEachOpOnce(HubFixture& hub, std::int64_t expectedChanges) {
    HubFile file(hub.dir.str());
    CHECK(file.scalar("PRAGMA integrity_check") == 0);  // "ok" reads as 0 through scalarInt
    CHECK(file.scalar("SELECT count(*) FROM changes") == expectedChanges);
    CHECK(file.scalar("SELECT count(*) FROM (SELECT op_id FROM changes GROUP BY op_id HAVING count(*) > 1) AS repeated") == 0);
}

struct Office {
    HubFixture hub;
    Laptop a, b;
    Office() {
        hub.addUser("alice", "adviser", "Centre social Parilly");
        hub.addUser("bruno", "adviser", "Centre social Parilly");
        a.enroll(hub, "alice");
        b.enroll(hub, "bruno");
    }
};
}  // namespace

TEST_CASE("a dropped connection, a 500, a truncated or a garbage answer to a push each give a clear error and lose nothing") {
    auto [fault, expectedKey] = GENERATE(table<Fault, std::string>({{Fault::DropBefore, "err.sync.network"},
                                                                    {Fault::Status500, "err.sync.hub_error"},
                                                                    {Fault::TruncatedBody, "err.sync.bad_answer"},
                                                                    {Fault::GarbageBody, "err.sync.bad_answer"}}));
    Office o;
    for (int i = 0; i < 5; ++i) o.a.addLearner(numbered("Bénéficiaire ", i));
    FaultTransport transport(o.hub.hub->url());
    transport.decide = [f = fault](const sync::HttpRequest& r) { return isPush(r) ? f : Fault::None; };
    CHECK(errorKeyOf([&] { o.a.sync(transport); }) == expectedKey);
    CHECK(o.a.intact());
    CHECK(o.a.pending() == 5);  // every change still has its outbox row, none marked acked
    CHECK(o.a.count("SELECT count(*) FROM outbox WHERE state = 'error'") == 0);

    // Healed: one more sync delivers each change exactly once, whether or not the hub had committed it.
    auto report = o.a.sync();
    CHECK(report.acked == 5);
    CHECK(o.a.pending() == 0);
    checkHubHasEachOpOnce(o.hub, 5);
    o.b.sync();
    CHECK(o.b.learnersDump() == o.a.learnersDump());
}

TEST_CASE("a fault during a pull keeps the cursor where the last whole page left it") {
    auto fault = GENERATE(Fault::DropBefore, Fault::Status500, Fault::TruncatedBody, Fault::GarbageBody);
    Office o;
    for (int i = 0; i < 12; ++i) o.a.addLearner(numbered("Bénéficiaire ", i));
    o.a.sync();
    FaultTransport transport(o.hub.hub->url());
    int pulls = 0;
    transport.decide = [&, f = fault](const sync::HttpRequest& r) { return isPull(r) && ++pulls == 2 ? f : Fault::None; };
    sync::EngineOptions options;
    options.pullPage = 5;
    CHECK(errorKeyOf([&] { o.b.sync(transport, options); }) != "no error");
    CHECK(o.b.intact());
    CHECK(o.b.count("SELECT count(*) FROM learners") == 5);
    mediane::test::NotebookSql sql(*o.b.notebook);
    CHECK(store::SyncCursor(sql).changes() > 0);
    o.b.sync(options);
    CHECK(o.b.learnersDump() == o.a.learnersDump());
}

TEST_CASE("the connection cut after the hub commits: the resent batch is acknowledged as duplicate, never applied twice") {
    Office o;
    for (int i = 0; i < 7; ++i) o.a.addLearner(numbered("Bénéficiaire ", i));
    FaultTransport transport(o.hub.hub->url());
    bool cut = false;
    transport.decide = [&](const sync::HttpRequest& r) {
        if (!isPush(r) || cut) return Fault::None;
        cut = true;
        return Fault::DropAfter;
    };
    int duplicates = 0;
    transport.observe = [&](const sync::HttpRequest& r, const sync::HttpResponse& response) {
        if (!isPush(r)) return;
        // A laptop of this build asks for answers in columns: each op's status side by side.
        auto answer = nlohmann::json::parse(response.body);
        for (const auto& status : answer["status"])
            if (status == "duplicate") ++duplicates;
    };
    CHECK(errorKeyOf([&] { o.a.sync(transport); }) == "err.sync.network");
    CHECK(o.a.pending() == 7);
    checkHubHasEachOpOnce(o.hub, 7);  // the hub did commit
    auto report = o.a.sync(transport);
    CHECK(duplicates == 7);
    CHECK(report.acked == 7);
    CHECK(o.a.pending() == 0);
    checkHubHasEachOpOnce(o.hub, 7);
    CHECK(o.a.count("SELECT count(*) FROM learners WHERE version = 1 AND sync_state = 'synced'") == 7);
}

TEST_CASE("one poisoned op is marked in error, the others are acknowledged, later ops on its record wait behind it") {
    Office o;
    auto poisoned = o.a.addLearner("Bénéficiaire 0001");
    auto healthy = o.a.addLearner("Bénéficiaire 0002");
    o.a.sync();
    o.a.editLearner(poisoned.id, [](core::Learner& l) { l.commune = "Bron"; });
    // A base version the hub never gave: the hub rejects this op alone.
    mediane::test::NotebookSql(*o.a.notebook).exec("UPDATE outbox SET base_version = 99 WHERE state = 'pending'");
    o.a.editLearner(poisoned.id, [](core::Learner& l) { l.goals = "email"; });
    o.a.editLearner(healthy.id, [](core::Learner& l) { l.goals = "banque_et_achats_en_ligne"; });
    o.a.addLearner("Bénéficiaire 0003");

    auto report = o.a.sync();
    CHECK(report.rejected == 1);
    CHECK(report.acked == 2);
    CHECK(o.a.text("SELECT error FROM outbox WHERE state = 'error'").rfind("base_version_ahead", 0) == 0);
    CHECK(o.a.count("SELECT count(*) FROM outbox WHERE state = 'pending' AND record_id = '" + poisoned.id + "'") == 1);
    CHECK(o.a.text("SELECT sync_state FROM learners WHERE id = '" + poisoned.id + "'") == "error");
    CHECK(o.a.text("SELECT sync_state FROM learners WHERE id = '" + healthy.id + "'") == "synced");
    // The held-back op is not resent by the next sync either.
    CHECK(o.a.sync().pushed == 0);
    o.b.sync();
    CHECK(o.b.notebook->learner(healthy.id)->goals == "banque_et_achats_en_ligne");
    CHECK(o.b.notebook->learner(poisoned.id)->goals.empty());
}

TEST_CASE("a wrong or revoked token is refused with a sign-in request and the queue is kept") {
    Office o;
    o.a.addLearner("Bénéficiaire 0001");
    SECTION("wrong token") {
        mediane::test::NotebookSql sql(*o.a.notebook);
        auto account = *store::SyncAccountStore(sql).load();
        account.deviceToken = "not-a-token";
        store::SyncAccountStore(sql).save(account);
    }
    SECTION("revoked device") {
        auto device = o.a.notebook->status().deviceId;
        REQUIRE(runHubTool({"--data", o.hub.dir.str(), "device", "revoke", "--device", device}) == 0);
    }
    CHECK(errorKeyOf([&] { o.a.sync(); }) == "err.sync.unauthorized");
    CHECK(o.a.pending() == 1);
    CHECK(o.a.count("SELECT count(*) FROM outbox WHERE state = 'pending'") == 1);
    // Signing in again delivers the kept queue (a revoked laptop once an admin has admitted it again).
    REQUIRE(runHubTool({"--data", o.hub.dir.str(), "device", "admit", "--device",
                        o.a.notebook->status().deviceId}) == 0);
    o.a.enroll(o.hub, "alice");
    CHECK(o.a.sync().acked == 1);
}

TEST_CASE("a client crash in the middle of applying a pull: the next sync completes correctly") {
    Office o;
    for (int i = 0; i < 14; ++i) o.a.addLearner(numbered("Bénéficiaire ", i));
    o.a.sync();
    sync::EngineOptions crashing;
    crashing.pullPage = 4;
    crashing.beforePageCommit = [](int page) {
        if (page == 2) throw std::runtime_error("power cut while applying page 2");
    };
    CHECK_THROWS_WITH(o.b.sync(crashing), "power cut while applying page 2");
    CHECK(o.b.intact());
    CHECK(o.b.count("SELECT count(*) FROM learners") == 8);  // two whole pages, not a learner of the third
    sync::EngineOptions normal;
    normal.pullPage = 4;
    auto report = o.b.sync(normal);
    CHECK(report.pulled == 6);  // resumed after page 2, nothing pulled twice
    CHECK(o.b.learnersDump() == o.a.learnersDump());
}

TEST_CASE("the hub killed in the middle of a push and restarted: nothing lost, nothing duplicated") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Association Parlons Numérique");
    Laptop a;
    a.enroll(hub, "alice");
    app::DemoOptions demo;
    demo.seed = 3;
    demo.endDate = "2026-01-31";
    app::generateDemo(*a.notebook, demo);
    auto total = a.pending();
    REQUIRE(total > 1000);

    sync::EngineOptions small;
    small.batchOps = 100;
    // Killed once a tenth of the outbox is acknowledged, not after a delay: a push fast enough to finish
    // within any fixed delay would leave nothing to interrupt.
    bool killed = false;
    auto killing = small;
    killing.onProgress = [&](const sync::SyncProgress& p) {
        if (!killed && p.phase == sync::SyncProgress::Phase::Pushing && p.done >= total / 10) {
            hub.hub->killHard();
            killed = true;
        }
    };
    std::string key;
    try {
        a.sync(killing);
    } catch (const Error& e) {
        key = e.key();
    }
    REQUIRE(killed);
    CHECK_FALSE(key.empty());  // the sync said it could not reach the hub
    CHECK(a.intact());
    auto acked = a.count("SELECT count(*) FROM outbox WHERE state = 'acked'");
    CHECK(acked < total);  // the push was interrupted
    CHECK(a.count("SELECT count(*) FROM outbox") == total);

    hub.restart();
    a.hubUrl = hub.hub->url();
    mediane::test::NotebookSql sql(*a.notebook);
    store::SyncAccountStore(sql).setHubUrl(a.hubUrl);
    auto report = a.sync(small);
    CHECK(a.pending() == 0);
    CHECK(a.count("SELECT count(*) FROM outbox WHERE state = 'error'") == 0);
    CHECK(report.acked == total - acked);
    // Places are proposals (no change row); everything else is in the feed exactly once.
    auto places = a.count("SELECT count(*) FROM outbox WHERE entity = 'place'");
    checkHubHasEachOpOnce(hub, total - places);
}
