// `resin-hub migrate`: a SQLite hub moved into PostgreSQL keeps its laptops syncing, without enrolling again.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>

#include "hub_fixture.hpp"
#include "raw_http.hpp"
#include "sync_fixture.hpp"

using namespace mediane::test;

namespace {
// Within its scope, hubs and tools of this process use SQLite even in the PostgreSQL pass: the hub to move.
class SqliteForNow {
public:
    SqliteForNow() {
        for (const char* name : {"MEDIANE_TEST_HUB_DB", "MEDIANE_TEST_HUB_DB_FILE"}) {
            const char* value = std::getenv(name);
            m_saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
            unsetenv(name);
        }
    }
    ~SqliteForNow() {
        for (const auto& [name, value] : m_saved)
            if (value) setenv(name.c_str(), value->c_str(), 1);
    }
    SqliteForNow(const SqliteForNow&) = delete;
    SqliteForNow& operator=(const SqliteForNow&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

}  // namespace

TEST_CASE("a SQLite hub migrated to PostgreSQL keeps every record, op result and token, and its laptops sync on",
          "[hub][postgresql][migration]") {
    TempDir probe;
    if (testHubDatabase(probe.str()).empty()) {
        WARN("runs in the PostgreSQL pass of the suite (MEDIANE_TEST_HUB_DB)");
        return;
    }
    std::optional<SqliteForNow> sqlite;
    sqlite.emplace();
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    f.addUser("bruno", "adviser", "s2");
    auto alice = f.enroll("alice", "laptop-a");
    auto bruno = f.enroll("bruno", "laptop-b");
    auto first = learnerCreate("L1", "Ana", 1);
    auto answer = f.push(alice, "laptop-a", {first, learnerCreate("L2", "Ben", 2)});
    REQUIRE(answer.status == 200);
    REQUIRE(f.push(bruno, "laptop-b", {learnerCreate("L3", "Chloé", 1)}).status == 200);
    REQUIRE(f.push(alice, "laptop-a", {learnerUpdate("L1", 1, {{"phone", "0601020304"}}, 3)}).status == 200);
    const auto brunoBefore = pullAll(bruno).size();
    HubFile sqliteFile(f.dir.str());
    const auto changes = sqliteFile.scalar("SELECT count(*) FROM changes");
    const auto lastSeqBefore = sqliteFile.scalar("SELECT max(server_seq) FROM changes");
    REQUIRE(changes == 4);
    f.hub.reset();  // the SQLite hub is stopped before it is moved

    sqlite.reset();  // the suite's PostgreSQL again
    const auto target = testHubDatabase(f.dir.str());
    int status = -1;
    auto report = json::parse(hubToolOutput({"migrate", "--from-data", f.dir.str(), "--to", target}, &status));
    REQUIRE(status == 0);
    CHECK(report["verified"] == true);
    CHECK(report["tables"]["records"]["rows"] == 3);
    CHECK(report["tables"]["changes"]["rows"] == changes);
    CHECK(report["tables"]["applied_ops"]["rows"] == 4);
    CHECK(report["tables"]["devices"]["rows"] == 2);
    CHECK(report["tables"]["users"]["rows"] == 2);
    CHECK(report["last_server_seq"] == lastSeqBefore);

    // The same hub directory, now served from PostgreSQL: the laptops' tokens and cursors still hold.
    f.restart();
    HttpClient aliceMoved(f.hub->url());
    HttpClient brunoMoved(f.hub->url());
    aliceMoved.setToken(alice.token());
    brunoMoved.setToken(bruno.token());
    CHECK(pullAll(brunoMoved).size() == brunoBefore);
    // An op the SQLite hub applied is recognised as such: nothing stored twice.
    auto again = f.push(aliceMoved, "laptop-a", {first});
    REQUIRE(again.status == 200);
    CHECK(again.json()["results"][0]["status"] == "duplicate");
    CHECK(again.json()["results"][0]["original_status"] == "applied");
    CHECK(again.json()["results"][0]["server_seq"] == answer.json()["results"][0]["server_seq"]);
    REQUIRE(f.push(brunoMoved, "laptop-b", {learnerCreate("L4", "Dan", 2)}).status == 200);
    HubFile moved(f.dir.str());
    CHECK(moved.scalar("SELECT count(*) FROM changes") == changes + 1);
    CHECK(moved.scalar("SELECT max(server_seq) FROM changes") == lastSeqBefore + 1);  // numbering continues

    // A second migration into a database that holds a hub is refused.
    f.hub.reset();
    hubToolOutput({"migrate", "--from-data", f.dir.str(), "--to", target}, &status);
    CHECK(status != 0);
}
