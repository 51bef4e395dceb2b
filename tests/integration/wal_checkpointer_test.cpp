// The hub's log is copied into its database by a thread of its own (sync/hub/wal_checkpointer), not by the
// commit of a push: the log stays bounded, and an erasure's emptying of it is never blocked by that thread.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <filesystem>
#include <string>
#include <thread>

#include "support/temp_dir.hpp"
#include "sync/hub/hub_database.hpp"
#include "sync/hub/wal_checkpointer.hpp"

using namespace mediane;
namespace fs = std::filesystem;

namespace {

constexpr int kThreshold = 64;  // pages: a few transactions' worth, as 16,384 are a large push's

// One transaction writing about ten 8 KiB pages.
void writeBatch(hub::HubDatabase& db, int batch) {
    sql::Transaction tx(db);
    for (int i = 0; i < 40; ++i)
        db.prepare("INSERT INTO t (batch, payload) VALUES (?, ?)")
            .bind(1, batch)
            .bind(2, std::string(2000, static_cast<char>('a' + i % 26)))
            .run();
    tx.commit();
}

std::uintmax_t walBytes(const std::string& file) {
    std::error_code ec;
    auto size = fs::file_size(file + "-wal", ec);
    return ec ? 0 : size;
}

// A hub database with one table to fill, and its checkpointer at a small threshold.
struct LogUnderTest {
    test::TempDir dir;
    std::string file = (dir.path() / "hub.sqlite3").string();
    hub::HubDatabase db{file};
    bool created = (db.exec("CREATE TABLE t (batch INTEGER, payload TEXT)"), true);
    hub::WalCheckpointer checkpointer{db, kThreshold};
};

bool waitFor(const std::function<bool()>& done) {
    for (int i = 0; i < 2000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return done();
}

}  // namespace

TEST_CASE("the hub's log is checkpointed by its own thread and stays bounded", "[hub][wal][sqlite-only]") {
    LogUnderTest t;
    auto& db = t.db;
    auto& checkpointer = t.checkpointer;
    for (int batch = 0; batch < 200; ++batch) writeBatch(db, batch);
    REQUIRE(waitFor([&] { return checkpointer.checkpoints() > 0; }));
    // 200 batches wrote about 2,000 pages: without checkpoints the log would hold them all (16 MB).
    CHECK(walBytes(t.file) < 8u * 8192 * kThreshold);
    CHECK(db.scalarInt("SELECT count(*) FROM t") == 200 * 40);
}

TEST_CASE("an erasure's truncation empties the log after every batch while the checkpointer is paused", "[hub][wal][sqlite-only]") {
    LogUnderTest t;
    auto& db = t.db;
    auto& checkpointer = t.checkpointer;
    for (int batch = 0; batch < 50; ++batch) {
        writeBatch(db, batch);
        // As SqliteHubStore::wipeFreedPages does: the thread is held, then the log is emptied.
        auto paused = checkpointer.pause();
        auto st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == 0);  // not blocked
        CHECK(walBytes(t.file) == 0);
    }
}

TEST_CASE("a writer whose checkpointer is held back checkpoints itself past four thresholds", "[hub][wal][sqlite-only]") {
    LogUnderTest t;
    auto& db = t.db;
    auto& checkpointer = t.checkpointer;
    auto paused = checkpointer.pause();  // the thread cannot copy anything
    for (int batch = 0; batch < 200; ++batch) writeBatch(db, batch);
    // The log restarts once the writer's own checkpoint has copied it all: it never holds 2,000 pages.
    CHECK(walBytes(t.file) < 6u * 8192 * kThreshold);
    CHECK(checkpointer.checkpoints() == 0);
}
