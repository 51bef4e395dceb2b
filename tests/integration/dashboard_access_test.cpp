// What a coordinator's dashboard is fed from: the hub gives a coordinator the whole territory's sessions,
// cheque events, booklets and assessments, and refuses them to an adviser of another structure.
#include <catch2/catch.hpp>

#include <set>

#include "hub_fixture.hpp"

using namespace mediane::test;

namespace {

// The dashboard's raw material for one structure: a session, a booklet, a cheque event, an assessment.
std::vector<Op> activityOf(const std::string& tag) {
    std::vector<Op> ops(4);
    ops[0].entity = "session";
    ops[0].recordId = "S" + tag;
    ops[0].fields = {{"date", "2026-03-02"}, {"duration_minutes", 60}, {"kind", "individuel"},
                     {"place_mode", "a_distance"}, {"learner_ids", json::array()}, {"anonymous_count", 1}};
    ops[1].entity = "pass_booklet";
    ops[1].recordId = "B" + tag;
    // Numbers of its own too: the hub refuses a booklet over another structure's numbers.
    const auto first = static_cast<std::int64_t>(tag.size()) * 100;
    ops[1].fields = {{"structure", tag}, {"first_number", first}, {"last_number", first + 9}, {"face_value_cents", 1000},
                     {"expiry", "2026-12-31"}, {"received_on", "2026-01-02"}};
    // A cheque number of each structure's own: a number two structures share would show each the other's
    // event on it (a cheque's story across structures, docs/sync-protocol.md §4).
    ops[2] = redeemCheque("E" + tag, "C" + tag + "#" + std::to_string(1000 + tag.size()));
    ops[3].entity = "assessment";
    ops[3].recordId = "A" + tag;
    ops[3].fields = {{"learner_id", "L" + tag}, {"competence_code", "1.1"}, {"score", 4}, {"date", "2026-03-02"}};
    for (std::size_t i = 0; i < ops.size(); ++i) {
        ops[i].opId = newOpId();
        ops[i].seq = static_cast<std::int64_t>(i) + 1;
    }
    return ops;
}

std::set<std::string> seenBy(const HttpClient& http) {
    std::set<std::string> ids;
    for (const auto& c : pullAll(http)) ids.insert(c["record_id"].get<std::string>());
    return ids;
}

}  // namespace

TEST_CASE("the hub refuses an adviser the territory's activity and gives it to the territory's coordinator",
          "[hub][access][dashboard]") {
    HubFixture f;
    f.addUser("alice", "adviser", "lyon8", "metropole");
    f.addUser("bruno", "adviser", "villeurbanne", "metropole");
    f.addUser("chloe", "adviser", "grenoble", "isere");
    f.addUser("coord", "coordinator", "metropole-hq", "metropole");
    auto alice = f.enroll("alice", "a");
    auto bruno = f.enroll("bruno", "b");
    auto chloe = f.enroll("chloe", "c");
    auto coord = f.enroll("coord", "k");
    for (auto [http, device, tag] : {std::tuple{&alice, "a", "lyon8"}, std::tuple{&bruno, "b", "villeurbanne"},
                                     std::tuple{&chloe, "c", "grenoble"}}) {
        auto answer = f.push(*http, device, activityOf(tag));
        REQUIRE(answer.status == 200);
        const auto body = answer.json();  // keep the parsed body alive for the loop
        for (const auto& r : body["results"]) REQUIRE(r["status"] != "rejected");
    }

    const std::set<std::string> lyon8 = {"Slyon8", "Blyon8", "Elyon8", "Alyon8"};
    const std::set<std::string> villeurbanne = {"Svilleurbanne", "Bvilleurbanne", "Evilleurbanne", "Avilleurbanne"};
    // An adviser asking for everything gets their own structure only: no colleague's sessions or cheques.
    CHECK(seenBy(alice) == lyon8);
    CHECK(seenBy(bruno) == villeurbanne);
    // The coordinator gets both structures of the territory, and nothing of another territory.
    std::set<std::string> territory = lyon8;
    territory.insert(villeurbanne.begin(), villeurbanne.end());
    CHECK(seenBy(coord) == territory);

    // An adviser cannot write into another structure's records either (booklets name their structure).
    Op foreignBooklet;
    foreignBooklet.opId = newOpId();
    foreignBooklet.entity = "pass_booklet";
    foreignBooklet.recordId = "Bforeign";
    foreignBooklet.fields = {{"structure", "villeurbanne"}, {"first_number", 100}, {"last_number", 110},
                             {"face_value_cents", 1000}, {"expiry", "2026-12-31"}, {"received_on", "2026-01-02"}};
    auto refused = f.push(alice, "a", {foreignBooklet}).json()["results"][0];
    CHECK(refused["status"] == "rejected");
    CHECK(refused["reason"] == "forbidden");
    CHECK(seenBy(bruno) == villeurbanne);
}
