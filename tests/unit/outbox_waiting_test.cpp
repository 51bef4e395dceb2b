// The outbox's count of operations waiting for the hub, kept by triggers: it must always equal a full count.
#include <catch2/catch.hpp>

#include "app/notebook.hpp"
#include "store/migrations.hpp"
#include "store/outbox_delivery.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

std::int64_t counted(app::Notebook& notebook) {
    return test::sqlInt(notebook, "SELECT count(*) FROM outbox WHERE state != 'acked'");
}

core::Learner learner(app::Notebook& notebook, const std::string& pseudonym) {
    core::Learner l;
    l.pseudonym = pseudonym;
    return notebook.createLearner(l);
}

}  // namespace

TEST_CASE("the waiting count follows saves, acknowledgements, refusals and erasure", "[outbox]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK(notebook->status().pendingChanges == 0);

    auto a = learner(*notebook, "Bénéficiaire 0201");
    auto b = learner(*notebook, "Bénéficiaire 0202");
    auto c = learner(*notebook, "Bénéficiaire 0203");
    CHECK(notebook->status().pendingChanges == 3);
    CHECK(notebook->status().pendingChanges == counted(*notebook));

    {
        test::NotebookSql sql(*notebook);
        store::OutboxDelivery delivery(sql);
        auto sendable = delivery.sendable(10);
        REQUIRE(sendable.size() == 3);
        delivery.acknowledge(sendable[0].opId);
        delivery.acknowledge(sendable[0].opId);  // a duplicate answer changes nothing
        delivery.refuse(sendable[1].opId, "refused by the hub");
    }
    CHECK(notebook->status().pendingChanges == 2);  // one acknowledged; the refused one still waits, in error
    CHECK(notebook->status().pendingChanges == counted(*notebook));

    notebook->eraseLearner(c.id);  // its waiting creation leaves the outbox
    CHECK(notebook->status().pendingChanges == counted(*notebook));
    notebook->eraseLearner(a.id);  // acknowledged: its outbox line is emptied, not removed, and an erasure is queued
    CHECK(notebook->status().pendingChanges == counted(*notebook));
    (void)b;
}

TEST_CASE("a notebook upgraded with operations waiting starts its count from them", "[outbox]") {
    test::TempDir dir;
    auto path = (dir.path() / app::Notebook::kDatabaseFile).string();
    {
        auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
        for (int i = 0; i < 5; ++i) learner(*notebook, "Bénéficiaire 03" + std::to_string(10 + i));
        test::NotebookSql sql(*notebook);
        store::OutboxDelivery(sql).acknowledge(store::OutboxDelivery(sql).sendable(1).at(0).opId);
        // Back to the schema before the count: its table and triggers gone, as on a laptop not yet upgraded.
        sql.exec("DROP TRIGGER outbox_waiting_insert; DROP TRIGGER outbox_waiting_delete; "
                 "DROP TRIGGER outbox_waiting_update; DROP TABLE outbox_waiting; PRAGMA user_version = 13;");
        test::dropKeptCounts(sql);  // and what schema 15 added, which the upgrade creates again
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK(test::sqlInt(*notebook, "PRAGMA user_version") == store::latestSchemaVersion());
    CHECK(notebook->status().pendingChanges == 4);
    learner(*notebook, "Bénéficiaire 0320");
    CHECK(notebook->status().pendingChanges == 5);
}
