// The hub's database over its life (sync/hub/hub_backup): backups taken while pushes go on restore to the same
// rows, a newer file is refused, and an older one is kept before its upgrade.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "core/translator.hpp"
#include "hub_fixture.hpp"
#include "hub_process.hpp"
#include "sync/hub/hub_backup.hpp"
#include "sync/hub/sqlite_hub_store.hpp"

using namespace mediane::test;
namespace fs = std::filesystem;

namespace {

std::string hubFile(const TempDir& dir) { return (dir.path() / "hub.sqlite3").string(); }

// Every row of every table, in a stable order: two databases with the same dump hold the same data.
std::string dump(const std::string& file) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::vector<std::string> tables;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    std::string out;
    for (const auto& table : tables) {
        out += "## " + table + "\n";
        sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\" ORDER BY 1, 2").c_str(), -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto* text = sqlite3_column_text(st, c);
                out += text ? reinterpret_cast<const char*>(text) : "NULL";
                out += '|';
            }
            out += '\n';
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

std::int64_t scalar(const std::string& file, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    std::int64_t value = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

std::vector<fs::path> keptCopies(const TempDir& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(dir.path() / "backups", ec))
        for (const auto& e : fs::directory_iterator(dir.path() / "backups"))
            if (e.path().extension() == ".sqlite3") files.push_back(e.path());  // not the -wal, -shm of one open
    return files;
}

}  // namespace

TEST_CASE("a new hub database has 8 KiB pages, and an older one keeps its own page size",
          "[hub][backup][sqlite-only]") {
    TempDir dir;
    { mediane::hub::SqliteHubStore store(hubFile(dir)); }
    CHECK(scalar(hubFile(dir), "PRAGMA page_size") == 8192);

    // A hub created with 4 KiB pages (before this size) opens, upgrades and serves with them: SQLite would need
    // a VACUUM to change it, which is not the hub's to run behind its operator's back.
    TempDir older;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(hubFile(older).c_str(), &db) == SQLITE_OK);
        sqlite3_exec(db, "PRAGMA page_size = 4096; CREATE TABLE t(x); DROP TABLE t;", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    { mediane::hub::SqliteHubStore store(hubFile(older)); }
    CHECK(scalar(hubFile(older), "PRAGMA page_size") == 4096);
    CHECK(scalar(hubFile(older), "PRAGMA user_version") == mediane::hub::kHubSchemaVersion);
}

TEST_CASE("a new hub database is at the schema version resin-hub declares", "[hub][backup][sqlite-only]") {
    TempDir dir;
    { mediane::hub::SqliteHubStore store(hubFile(dir)); }
    // When this fails, a migration step was added: raise kHubSchemaVersion (sync/hub/hub_backup.hpp) with it.
    CHECK(scalar(hubFile(dir), "PRAGMA user_version") == mediane::hub::kHubSchemaVersion);
}

TEST_CASE("resin-hub refuses a database from a newer resin-hub and says to update", "[hub][backup][sqlite-only]") {
    TempDir dir;
    { mediane::hub::SqliteHubStore store(hubFile(dir)); }
    const int newer = mediane::hub::kHubSchemaVersion + 1;
    {
        sqlite3* db = nullptr;
        sqlite3_open(hubFile(dir).c_str(), &db);
        sqlite3_exec(db, ("PRAGMA user_version = " + std::to_string(newer)).c_str(), nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    CHECK(runHubTool({"--data", dir.str(), "user", "list"}) != 0);
    CHECK(scalar(hubFile(dir), "PRAGMA user_version") == newer);
    CHECK(keptCopies(dir).empty());
    try {
        mediane::hub::checkBeforeUpgrade(hubFile(dir));
        FAIL("a newer hub file was accepted");
    } catch (const mediane::Error& e) {
        auto tr = mediane::core::Translator::load(std::string(MEDIANE_TEST_ASSETS) + "/i18n", "en");
        CHECK(tr.message(e).find("update resin-hub") != std::string::npos);
    }
}

TEST_CASE("an older hub database is kept as it was before its upgrade", "[hub][backup][sqlite-only]") {
    TempDir dir;
    { mediane::hub::SqliteHubStore store(hubFile(dir)); }
    {
        // Back to version 7: without version 8's indexes and version 9's cheque links, as a hub of that version
        // left it.
        sqlite3* db = nullptr;
        sqlite3_open(hubFile(dir).c_str(), &db);
        REQUIRE(sqlite3_exec(db, "DROP INDEX records_cheque_numbers_by_structure; DROP INDEX records_booklets_by_structure; "
                                 "DROP TABLE cheque_links; DROP INDEX changes_by_cheque_number; "
                                 "DROP INDEX records_booklets_by_first_number; DELETE FROM meta WHERE key = 'booklet_span'; "
                                 "PRAGMA user_version = 7;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    REQUIRE(runHubTool({"--data", dir.str(), "user", "list"}) == 0);
    CHECK(scalar(hubFile(dir), "PRAGMA user_version") == mediane::hub::kHubSchemaVersion);
    auto kept = keptCopies(dir);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].filename().string().rfind("hub-v7-", 0) == 0);
    CHECK(scalar(kept[0].string(), "PRAGMA user_version") == 7);
    REQUIRE(runHubTool({"--data", dir.str(), "user", "list"}) == 0);
    CHECK(keptCopies(dir).size() == 1);  // current now: no second copy
}

TEST_CASE("a hub backup taken while laptops push restores to a consistent database", "[hub][backup][sqlite-only]") {
    HubFixture f;
    f.addUser("alice", "adviser", "Centre social Parilly");
    auto http = f.enroll("alice", "laptop-1");
    std::atomic<bool> stop{false};
    std::atomic<int> pushed{0};
    std::thread pusher([&] {
        for (int batch = 0; !stop && batch < 200; ++batch) {
            std::vector<Op> ops;
            for (int i = 0; i < 20; ++i)
                ops.push_back(learnerCreate(numbered("L", batch * 20 + i), "Bénéficiaire", batch * 20 + i + 1));
            if (f.push(http, "laptop-1", ops).status == 200) pushed += 20;
        }
    });
    TempDir out;
    std::vector<std::string> backups;
    for (int i = 0; i < 5; ++i) {
        backups.push_back((out.path() / numbered("during-", i)).string() + ".sqlite3");
        REQUIRE(runHubTool({"--data", f.dir.str(), "backup", "--to", backups.back()}) == 0);
    }
    stop = true;
    pusher.join();
    CHECK(pushed > 0);
    for (const auto& backup : backups) {
        TempDir restored;
        REQUIRE(runHubTool({"--data", restored.str(), "restore", "--from", backup}) == 0);
        CHECK(scalar(hubFile(restored), "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0);
        CHECK(scalar(hubFile(restored), "SELECT count(*) FROM pragma_foreign_key_check") == 0);
        // One snapshot: every record has the change that wrote it, and no change lacks its record.
        CHECK(scalar(hubFile(restored), "SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM changes c "
                                        "WHERE c.entity = r.entity AND c.record_id = r.record_id)") == 0);
        CHECK(scalar(hubFile(restored), "SELECT count(*) FROM changes c WHERE NOT EXISTS (SELECT 1 FROM records r "
                                        "WHERE c.entity = r.entity AND c.record_id = r.record_id)") == 0);
    }
    // Once pushes are over, a backup restores to exactly the hub's rows.
    const auto last = (out.path() / "after.sqlite3").string();
    REQUIRE(runHubTool({"--data", f.dir.str(), "backup", "--to", last}) == 0);
    f.hub.reset();
    TempDir restored;
    REQUIRE(runHubTool({"--data", restored.str(), "restore", "--from", last}) == 0);
    CHECK(dump(hubFile(restored)) == dump(hubFile(f.dir)));
}

TEST_CASE("resin-hub restore refuses a backup from a newer resin-hub and changes nothing", "[hub][backup][sqlite-only]") {
    TempDir dir, out;
    { mediane::hub::SqliteHubStore store(hubFile(dir)); }
    const auto backup = (out.path() / "future.sqlite3").string();
    REQUIRE(runHubTool({"--data", dir.str(), "backup", "--to", backup}) == 0);
    {
        sqlite3* db = nullptr;
        sqlite3_open(backup.c_str(), &db);
        sqlite3_exec(db, ("PRAGMA user_version = " + std::to_string(mediane::hub::kHubSchemaVersion + 1)).c_str(),
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    TempDir target;
    CHECK(runHubTool({"--data", target.str(), "restore", "--from", backup}) != 0);
    CHECK_FALSE(fs::exists(hubFile(target)));
    try {
        mediane::hub::restoreHub(hubFile(target), backup);
        FAIL("a newer backup was restored");
    } catch (const mediane::Error& e) {
        CHECK(e.key() == "err.hub.backup_too_new");
    }
}

TEST_CASE("resin-hub restore refuses a file that is not a hub database, cut short or garbage, and keeps the hub it has",
          "[hub][backup][hostile][sqlite-only]") {
    TempDir dir, out;
    { mediane::hub::SqliteHubStore store(hubFile(dir)); }
    REQUIRE(runHubTool({"--data", dir.str(), "user", "list"}) == 0);
    const auto before = dump(hubFile(dir));
    const auto good = (out.path() / "good.sqlite3").string();
    REQUIRE(runHubTool({"--data", dir.str(), "backup", "--to", good}) == 0);
    const auto cut = (out.path() / "cut.sqlite3").string();
    const auto garbage = (out.path() / "garbage.sqlite3").string();
    {
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 3);
        std::ofstream(garbage, std::ios::binary) << "\xff\xfe not a database \xc3(" << std::string(5000, '\0');
    }
    for (const auto& bad : {cut, garbage, (out.path() / "missing.sqlite3").string()}) {
        CHECK(runHubTool({"--data", dir.str(), "restore", "--from", bad}) != 0);
        CHECK(dump(hubFile(dir)) == before);
    }
}

TEST_CASE("a hub settings file with an unknown name or a value out of range is refused before the hub starts",
          "[hub][backup][hostile]") {
    TempDir dir, out;
    const auto unknown = (out.path() / "unknown.conf").string();
    const auto outOfRange = (out.path() / "range.conf").string();
    std::ofstream(unknown) << "listen = 127.0.0.1:0\nmax-bodyy = 99999999999999\n";
    std::ofstream(outOfRange) << "listen = 127.0.0.1:0\nbrotli-quality = 99\n";
    for (const auto& file : {unknown, outOfRange}) CHECK(runHubTool({"--config", file, "--data", dir.str(), "user", "list"}) != 0);
    CHECK(runHubTool({"--config", (out.path() / "absent.conf").string(), "--data", dir.str(), "user", "list"}) != 0);
}
