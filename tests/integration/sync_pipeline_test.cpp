// The push overlaps the laptop's work with the hub's (the next batch read while the hub applies one, answers
// recorded while it applies the next) and the pull asks for its next page while applying one: what arrives
// must be exactly what sequential batches and pages gave.
#include <catch2/catch.hpp>

#include "sync/client/outbox_ledger.hpp"
#include "support/notebook_sql.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

TEST_CASE("a batch read while another is in flight leaves out every operation on that batch's records",
          "[sync][pipeline]") {
    TwoLaptops t;
    auto first = t.a.addLearner("Bénéficiaire 0001");
    auto second = t.a.addLearner("Bénéficiaire 0002");
    t.a.editLearner(first.id, [](core::Learner& l) { l.commune = "Bron"; });
    auto third = t.a.addLearner("Bénéficiaire 0003");
    NotebookSql db(*t.a.notebook);
    sync::OutboxLedger ledger(db);
    auto batch = ledger.nextBatch(2, 1 << 20);
    REQUIRE(batch.size() == 2);
    CHECK(batch[0].recordId == first.id);
    CHECK(batch[1].recordId == second.id);
    // In flight: neither the first learner's edit nor the second learner goes; the third does.
    auto next = ledger.nextBatch(2, 1 << 20, {first.id, second.id});
    REQUIRE(next.size() == 1);
    CHECK(next[0].recordId == third.id);
}

TEST_CASE("a backlog of records each edited several times offline reaches the hub in order through overlapping batches",
          "[sync][pipeline]") {
    TwoLaptops t;
    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) ids.push_back(t.a.addLearner(numbered("Bénéficiaire ", i)).id);
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 12; i += 2)
            t.a.editLearner(ids[i], [round](core::Learner& l) { l.goals = round == 2 ? "email" : "banque_et_achats_en_ligne"; l.commune = numbered("Commune ", round); });
    sync::EngineOptions small;
    small.batchOps = 5;  // 30 operations in many batches: several are in flight while others are recorded
    small.pullPage = 4;  // and the pull prefetches many pages
    auto report = t.a.sync(small);
    CHECK(report.pushed == 30);
    CHECK(report.acked == 30);
    CHECK(report.pushConflicts == 0);
    CHECK(report.rejected == 0);
    CHECK(t.a.pending() == 0);
    // Each edit was made on the version the one before gave: every edited learner is at version 4, no conflict.
    CHECK(t.a.count("SELECT count(*) FROM learners WHERE version = 4 AND sync_state = 'synced'") == 6);
    CHECK(t.a.count("SELECT count(*) FROM learners WHERE version = 1 AND sync_state = 'synced'") == 6);
    HubFile hub(t.hub.dir.str());
    CHECK(hub.scalar("SELECT count(*) FROM conflicts") == 0);

    auto pulled = t.b.sync(small);
    CHECK(pulled.pullRequests > 3);  // pages of 4 changes: prefetched one after another
    CHECK(t.b.learnersDump() == t.a.learnersDump());
    CHECK(t.b.intact());
}
