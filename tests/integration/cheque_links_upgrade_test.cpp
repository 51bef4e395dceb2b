// Hub schema 9 keeps which structures a cheque event reaches: a hub upgraded to it fills them from what it holds.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "hub_fixture.hpp"

using namespace mediane::test;

namespace {
std::size_t chequeEventsFrom(const HttpClient& http, const std::string& structure) {
    std::size_t n = 0;
    for (const auto& c : pullAll(http))
        if (c["entity"] == "cheque_event" && c["fields"].value("structure", "") == structure) ++n;
    return n;
}

void execOn(const std::string& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    auto rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}
}  // namespace

TEST_CASE("a hub upgraded to cheque links still sends each structure the other structures' events on its cheques",
          "[hub][pass][sqlite-only]") {
    HubFixture f;
    f.addUser("olga", "adviser", "owner");
    f.addUser("alice", "adviser", "lyon8");
    f.addUser("bruno", "adviser", "villeurbanne");
    auto olga = f.enroll("olga", "laptop-o");
    auto alice = f.enroll("alice", "laptop-a");
    auto bruno = f.enroll("bruno", "laptop-b");
    Op booklet{newOpId(), 1, "pass_booklet", "BK1", "create", 0,
               {{"structure", "owner"}, {"first_number", 1}, {"last_number", 10}, {"face_value_cents", 1000}}};
    REQUIRE(f.push(olga, "laptop-o", {booklet}).json()["results"][0]["status"] == "applied");
    REQUIRE(f.push(alice, "laptop-a", {redeemCheque("E1", "BK1#4")}).json()["results"][0]["status"] == "applied");
    // Bruno's structure holds nothing of cheque 7 yet; its redemption of 4 makes it part of cheque 4 only.
    REQUIRE(f.push(bruno, "laptop-b", {redeemCheque("E2", "BK1#7")}).json()["results"][0]["status"] == "applied");
    const auto before = std::make_tuple(chequeEventsFrom(olga, "lyon8"), chequeEventsFrom(olga, "villeurbanne"),
                                        chequeEventsFrom(alice, "villeurbanne"));
    REQUIRE(before == std::make_tuple(std::size_t{1}, std::size_t{1}, std::size_t{0}));

    // The same data as a hub of schema 8 held it: no links.
    f.hub.reset();
    execOn((f.dir.path() / "hub.sqlite3").string(),
           "DROP TABLE cheque_links; DROP INDEX changes_by_cheque_number; DROP INDEX records_booklets_by_first_number; "
           "DELETE FROM meta WHERE key = 'booklet_span'; PRAGMA user_version = 8;");
    f.restart();
    // The same tokens at the restarted hub's address.
    auto again = [&](const HttpClient& before) {
        HttpClient moved(f.hub->url());
        moved.setToken(before.token());
        return moved;
    };
    olga = again(olga);
    alice = again(alice);
    bruno = again(bruno);

    CHECK(chequeEventsFrom(olga, "lyon8") == 1);  // the booklet's holder
    CHECK(chequeEventsFrom(olga, "villeurbanne") == 1);
    CHECK(chequeEventsFrom(alice, "villeurbanne") == 0);  // another cheque
    // A link made after the upgrade: Bruno redeems cheque 4 too, and Alice's earlier event reaches him.
    CHECK(f.push(bruno, "laptop-b", {redeemCheque("E3", "BK1#4")}).json()["results"][0]["status"] == "conflict");
    CHECK(chequeEventsFrom(bruno, "lyon8") == 1);
    CHECK(chequeEventsFrom(alice, "villeurbanne") == 1);
    CHECK(chequeEventsFrom(olga, "villeurbanne") == 2);  // the booklet's holder, through the span kept at upgrade
}
