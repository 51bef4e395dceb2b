// An encrypted notebook in the sync: the worker's own connection opens it through the same key, and
// what it sends reaches another laptop while the file on disk holds none of it in clear.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/sync_service.hpp"
#include "support/file_text.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

TEST_CASE("an encrypted notebook syncs through the worker's own connection and another laptop receives it",
          "[sync][at_rest]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    TempDir dir;
    app::Notebook::encrypt(dir.str(), "une phrase assez longue pour Parilly");
    auto notebook = app::Notebook::open(dir.str(), assetsDir());
    app::enrollDevice(*notebook, hub.hub->url(), "alice", HubFixture::kPassword);
    core::Learner learner;
    learner.pseudonym = "Zéphyrine Quenouille";
    learner.ageBracket = "soixante_soixante_neuf";
    learner.commune = "Vénissieux";
    notebook->createLearner(learner);

    sync::WorkerOptions options;
    options.startNow = false;
    auto worker = app::startSyncWorker(*notebook, options);
    worker->requestSync();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (worker->completedRuns() < 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(worker->completedRuns() == 1);
    CHECK(worker->status().state == sync::SyncStatus::State::Synced);
    CHECK(notebook->outbox().pendingCount() == 0);
    worker.reset();

    Laptop other;
    other.enroll(hub, "alice");
    other.sync();
    CHECK(other.count("SELECT count(*) FROM learners WHERE pseudonym = 'Zéphyrine Quenouille'") == 1);
    // On the encrypted laptop's disk, the pseudonym is nowhere in clear.
    for (const char* suffix : {"", "-wal"})
        CHECK(slurp(notebook->dataFile() + suffix).find("Quenouille") == std::string::npos);
}
