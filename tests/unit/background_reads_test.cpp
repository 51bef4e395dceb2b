// BackgroundReads: a screen's slow reads on a thread with its own connection to a real notebook file.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/background_reads.hpp"
#include "app/notebook.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

// Polls like a frame loop until done() holds; waits, asserts nothing about time.
template <class Done>
void framesUntil(app::BackgroundReads& reads, Done done) {
    for (int frame = 0; frame < 3000 && !done(); ++frame) {
        reads.poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// Polls like a frame loop until a failed read is reported; false if none is.
bool framesUntilError(app::BackgroundReads& reads) {
    for (int frame = 0; frame < 3000; ++frame) {
        try {
            reads.poll();
        } catch (const Error&) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// A read that never ends by itself: only an interruption stops it.
constexpr const char* kEndless =
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";

}  // namespace

TEST_CASE("a read's result is applied on the polling thread, never on the reader", "[background_reads]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::BackgroundReads reads(notebook->dataFile());
    const auto gui = std::this_thread::get_id();
    std::thread::id readOn, appliedOn;
    std::int64_t tables = -1;
    reads.post([&](store::Database& db) {
        readOn = std::this_thread::get_id();
        auto n = db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        return app::BackgroundReads::Apply([&, n] {
            appliedOn = std::this_thread::get_id();
            tables = n;
        });
    });
    framesUntil(reads, [&] { return tables >= 0; });
    CHECK(tables > 5);
    CHECK(readOn != gui);
    CHECK(appliedOn == gui);
    CHECK_FALSE(reads.busy());
}

TEST_CASE("closing a screen stops its reader in the middle of a read instead of waiting for it", "[background_reads]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    std::atomic<bool> started{false};
    bool applied = false;
    {
        app::BackgroundReads reads(notebook->dataFile());
        reads.post([&](store::Database& db) {
            started = true;
            db.scalarInt(kEndless);
            return app::BackgroundReads::Apply([&] { applied = true; });
        });
        for (int i = 0; i < 3000 && !started; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE(started);
        CHECK(reads.busy());
    }  // without the interruption this never returns, and the test runner's timeout fails the test
    CHECK_FALSE(applied);
}

TEST_CASE("a read that fails is reported on the polling thread, and the reader goes on", "[background_reads]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::BackgroundReads reads(notebook->dataFile());
    reads.post([](store::Database& db) -> app::BackgroundReads::Apply {
        db.scalarInt("SELECT count(*) FROM no_such_table");
        return [] {};
    });
    CHECK(framesUntilError(reads));

    bool second = false;
    reads.post([&](store::Database&) { return app::BackgroundReads::Apply([&] { second = true; }); });
    framesUntil(reads, [&] { return second; });
    CHECK(second);
}

TEST_CASE("the reader's connection cannot write to the notebook", "[background_reads]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::BackgroundReads reads(notebook->dataFile());
    reads.post([](store::Database& db) -> app::BackgroundReads::Apply {
        db.exec("CREATE TABLE written_by_a_reader(x)");
        return [] {};
    });
    CHECK(framesUntilError(reads));
    store::Database check(notebook->dataFile(), store::OpenMode::ReadOnly);
    CHECK(check.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'written_by_a_reader'") == 0);
}
