// The erasure rule both ends apply to sessions (sync/protocol/learner_erasure): one anonymous participant per erased learner.
#include <catch2/catch.hpp>

#include "sync/protocol/learner_erasure.hpp"

using namespace mediane;
using nlohmann::json;

TEST_CASE("an erased learner becomes one anonymous participant with their codes, counted once") {
    json session = {{"date", "2026-11-02"},
                    {"learner_ids", {"L1", "L2"}},
                    {"anonymous_count", 2},
                    {"anonymous_by_gender", {"feminin:1"}},
                    {"anonymous_by_age", json::array()},
                    {"anonymous_already_accompanied", 0}};
    sync::ErasedLearnerFacets facets{"feminin", "soixante_soixante_neuf", ""};
    REQUIRE(sync::anonymiseLearnerInSession(session, "L1", facets, false));
    CHECK(session["learner_ids"] == json{"L2"});
    CHECK(session["anonymous_count"] == 3);
    CHECK(session["anonymous_by_gender"] == json{"feminin:2"});
    CHECK(session["anonymous_by_age"] == json{"soixante_soixante_neuf:1"});
    CHECK_FALSE(session.contains("anonymous_by_status"));  // « non communiqué » adds nothing
    CHECK(session["anonymous_already_accompanied"] == 1);
    // Applied again (a laptop, then the hub's rewritten copy): nothing changes.
    auto again = session;
    CHECK_FALSE(sync::anonymiseLearnerInSession(again, "L1", facets, false));
    CHECK(again == session);
}

TEST_CASE("the learner's first session is the lowest date then id, and is not counted as already accompanied") {
    std::vector<std::pair<std::string, json>> sessions = {
        {"S3", {{"date", "2026-03-01"}}}, {"S2", {{"date", "2026-01-10"}}}, {"S1", {{"date", "2026-01-10"}}}};
    CHECK(sync::firstSessionOf(sessions) == "S1");
    json first = {{"learner_ids", {"L"}}, {"anonymous_count", 0}};
    sync::anonymiseLearnerInSession(first, "L", {}, true);
    CHECK(first["anonymous_already_accompanied"] == 0);
}

TEST_CASE("the retention cutoff counts whole months back and clamps to the month's last day") {
    CHECK(sync::retentionCutoff("2026-12-01", 24) == "2024-12-01");
    CHECK(sync::retentionCutoff("2026-03-31", 1) == "2026-02-28");
    CHECK(sync::retentionCutoff("2024-03-31", 1) == "2024-02-29");
    CHECK(sync::retentionCutoff("2026-01-15", 13) == "2024-12-15");
}
