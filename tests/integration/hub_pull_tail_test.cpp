// The pull's tail and the column layout on the hub's side: the same scope as the routes they save, and no
// parameter a caller controls can make the hub answer wrongly or leak another structure's conflicts.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"

using namespace mediane::test;

namespace {
// Alice and Anna of lyon8 edit one learner's commune apart: a hard conflict in lyon8; Dora is of villeurbanne.
struct TwoStructures {
    HubFixture f;
    HttpClient alice, anna, dora;
    TwoStructures()
        : alice((f.addUser("alice", "adviser", "lyon8", "metropole"), f.enroll("alice", "laptop-a"))),
          anna((f.addUser("anna", "adviser", "lyon8", "metropole"), f.enroll("anna", "laptop-n"))),
          dora((f.addUser("dora", "adviser", "villeurbanne", "metropole"), f.enroll("dora", "laptop-d"))) {
        REQUIRE(f.push(alice, "laptop-a", {learnerCreate("L1", "Ana")}).status == 200);
        REQUIRE(f.push(alice, "laptop-a", {learnerUpdate("L1", 1, {{"commune", "Lyon"}}, 2)}).status == 200);
        auto second = f.push(anna, "laptop-n", {learnerUpdate("L1", 1, {{"commune", "Bron"}})}).json();
        REQUIRE(second["results"][0]["status"] == "conflict");
    }
};

const char* kTailPull = "/v1/pull?since=0&limit=2000&layout=columns&conflicts_after=0&protocol=2";
}  // namespace

TEST_CASE("the pull's tail lists exactly the conflicts the conflicts route shows the caller", "[hub][wire]") {
    TwoStructures t;
    auto page = t.alice.get(kTailPull);
    REQUIRE(page.status == 200);
    auto body = page.json();
    CHECK(body["layout"] == "columns");
    REQUIRE(body.contains("tail"));
    auto listed = t.alice.get("/v1/conflicts?after=0&protocol=2").json()["conflicts"];
    CHECK(body["tail"]["conflicts"] == listed);
    CHECK(listed.size() == 1);
    CHECK(body["tail"]["retention_months"].get<int>() > 0);

    // Another structure's adviser sees none of lyon8's conflicts, by either door.
    auto foreign = t.dora.get(kTailPull).json();
    CHECK(foreign["tail"]["conflicts"].empty());
    CHECK(t.dora.get("/v1/conflicts?after=0&protocol=2").json()["conflicts"].empty());

    // After the last one seen, nothing more.
    auto id = listed[0]["id"].get<long long>();
    auto later = t.alice.get("/v1/pull?since=0&layout=columns&conflicts_after=" + std::to_string(id) + "&protocol=2").json();
    CHECK(later["tail"]["conflicts"].empty());
}

TEST_CASE("only a last page carries the tail, and never to a first-release laptop", "[hub][wire]") {
    TwoStructures t;
    auto first = t.alice.get("/v1/pull?since=0&limit=1&layout=columns&conflicts_after=0&protocol=2").json();
    CHECK(first["has_more"] == true);
    CHECK_FALSE(first.contains("tail"));
    auto versionOne = t.alice.get("/v1/pull?since=0&layout=columns&conflicts_after=0&protocol=1").json();
    CHECK_FALSE(versionOne.contains("tail"));
    CHECK_FALSE(versionOne.contains("layout"));  // the first release reads rows only
    CHECK(versionOne.contains("changes"));
}

TEST_CASE("a malformed conflicts_after is refused naming it, and an unknown layout is answered in rows", "[hub][wire][hostile]") {
    TwoStructures t;
    for (const std::string bad : {"-1", "abc", "1e9", "99999999999999999999", ""}) {
        auto answer = t.alice.get("/v1/pull?since=0&conflicts_after=" + bad + "&protocol=2");
        INFO("conflicts_after=" << bad);
        CHECK(answer.status == 400);
        CHECK(answer.json()["field"] == "conflicts_after");
    }
    for (const std::string layout : {std::string("rows"), std::string("COLUMNS"), std::string("%3Cscript%3E"), std::string(5000, 'c')}) {
        auto answer = t.alice.get("/v1/pull?since=0&protocol=2&layout=" + layout);
        REQUIRE(answer.status == 200);
        CHECK(answer.json().contains("changes"));
    }
    // A push asking an unknown answer layout gets rows with op ids; one whose ask is not text is refused by name.
    auto body = pushBody("laptop-a", {learnerCreate("L2", "Bea")});
    body["answer_layout"] = "diagonal";
    auto rows = t.alice.post("/v1/push", body.dump()).json();
    CHECK(rows["results"][0]["status"] == "applied");
    body = pushBody("laptop-a", {learnerCreate("L3", "Cid")});
    body["answer_layout"] = json::array({"columns"});
    auto refused = t.alice.post("/v1/push", body.dump());
    CHECK(refused.status == 400);
    CHECK(refused.json()["field"] == "answer_layout");
    body["answer_layout"] = "columns";
    auto columns = t.alice.post("/v1/push", body.dump()).json();
    CHECK(columns["layout"] == "columns");
    CHECK(columns["status"][0] == "applied");
    CHECK_FALSE(columns.contains("results"));
}
