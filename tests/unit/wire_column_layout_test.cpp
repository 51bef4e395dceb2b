// The column layout of push answers and pull pages: read back exactly, refused by name when malformed, and smaller.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "sync/protocol/brotli.hpp"
#include "sync/protocol/column_layout.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane;
using namespace mediane::sync;
using nlohmann::json;

namespace {

std::string uuid(int n) {
    char text[37];
    std::snprintf(text, sizeof text, "017d8edd-2f40-730a-%04x-%012x", (n * 7919) & 0xffff, n * 104729 + 17);
    return text;
}

Change session(std::int64_t seq, int n) {
    Change c;
    c.serverSeq = seq;
    c.entity = "session";
    c.recordId = uuid(n);
    c.version = 1 + n % 3;
    c.op = "create";
    c.fields = {{"date", "2026-11-" + std::to_string(10 + n % 18)},
                {"duration_minutes", 30 + 15 * (n % 4)},
                {"kind", n % 2 ? "individuel" : "collectif"},
                {"learner_ids", json::array({uuid(1000 + n % 40)})},
                {"notes", n % 5 ? "Atelier « courriel », très bonne participation." : ""},
                {"place_id", uuid(5000 + n % 3)}};
    c.author = ChangeAuthor{"alice", "2026-12-02T14:47:19Z", "create", {}, n % 7 == 0, ""};
    return c;
}

PullResponse mixedPage() {
    PullResponse page;
    std::int64_t seq = 40;
    for (int n = 0; n < 300; ++n) {
        seq += 1 + n % 3;
        if (n % 50 == 7) {
            Change learner;
            learner.serverSeq = seq;
            learner.entity = "learner";
            learner.recordId = uuid(1000 + n);
            learner.version = 2;
            learner.op = "update";
            learner.fields = {{"commune", "Vénissieux"}, {"pseudonym", "Mésange " + std::to_string(n)}};
            learner.author = ChangeAuthor{"bruno", "2026-12-01T09:00:00Z", "update", {"commune"}, false, ""};
            page.changes.push_back(learner);
        } else if (n % 50 == 11) {
            Change marker;  // the puller's own learner, held as stored
            marker.serverSeq = seq;
            marker.entity = "learner";
            marker.recordId = uuid(2000 + n);
            marker.version = 1;
            marker.op = "create";
            marker.held = true;
            page.changes.push_back(marker);
        } else if (n % 50 == 13) {
            Change gone;
            gone.serverSeq = seq;
            gone.entity = "session";
            gone.recordId = uuid(3000 + n);
            gone.version = 4;
            gone.op = "delete";
            gone.deleted = true;
            page.changes.push_back(gone);
        } else {
            page.changes.push_back(session(seq, n));
        }
    }
    page.nextSince = seq;
    page.hasMore = true;
    return page;
}

void requireSame(const PullResponse& a, const PullResponse& b) {
    REQUIRE(a.changes.size() == b.changes.size());
    for (std::size_t i = 0; i < a.changes.size(); ++i) CHECK(encode(a.changes[i]) == encode(b.changes[i]));
    CHECK(a.nextSince == b.nextSince);
    CHECK(a.hasMore == b.hasMore);
}

// The message an Error gives for a malformed body names this field.
void requireRefusedNaming(const json& body, const std::string& field) {
    try {
        decodePullResponse(body.dump());
        FAIL("a malformed page was read");
    } catch (const Error& e) {
        CHECK(e.field() == field);
    }
}
}  // namespace

TEST_CASE("a pull page in the column layout reads back as the same changes in feed order", "[wire][columns]") {
    auto page = mixedPage();
    auto body = encodeColumns(page);
    CHECK(isColumnLayout(body));
    CHECK(body["groups"].size() == 4);  // sessions created, learners updated, markers, deletions
    requireSame(page, decodePullResponse(body.dump()));
    // A page in rows still reads: a laptop meets hubs of both kinds.
    requireSame(page, decodePullResponse(encode(page).dump()));
}

TEST_CASE("the pull's tail travels in both layouts", "[wire][columns]") {
    auto page = mixedPage();
    page.hasMore = false;
    PullTail tail;
    tail.conflicts.push_back({7, "hard", "learner", uuid(1), uuid(2), "laptop-b", "Centre social Parilly",
                              {{"fields", {{"phone", {{"hub", "0611111111"}, {"incoming", "0622222222"}}}}}},
                              "2026-12-02T10:00:00Z"});
    tail.vocabularyVersion = 3;
    tail.retentionMonths = 24;
    page.tail = tail;
    for (const auto& body : {encodeColumns(page), encode(page)}) {
        auto read = decodePullResponse(body.dump());
        REQUIRE(read.tail);
        REQUIRE(read.tail->conflicts.size() == 1);
        CHECK(encode(read.tail->conflicts[0]) == encode(tail.conflicts[0]));
        CHECK(read.tail->vocabularyVersion == 3);
        CHECK(read.tail->retentionMonths == 24);
    }
    page.tail.reset();
    CHECK_FALSE(decodePullResponse(encodeColumns(page).dump()).tail);
}

TEST_CASE("a push answer in the column layout gives each result its op's id", "[wire][columns]") {
    std::vector<WireOp> batch;
    PushResponse answer;
    for (int i = 0; i < 6; ++i) {
        WireOp op;
        op.opId = uuid(900 + i);
        batch.push_back(op);
        OpResult r{op.opId, "applied", "", "", "", 1, 100 + i, "", 0};
        answer.results.push_back(r);
    }
    answer.results[2] = {batch[2].opId, "conflict", "", "", "", 3, 102, "hard", 41};
    answer.results[3] = {batch[3].opId, "duplicate", "applied", "", "", 1, 12, "", 0};
    answer.results[4] = {batch[4].opId, "rejected", "", "forbidden", "not your structure", 0, 0, "", 0};
    auto body = encodeColumns(answer);
    CHECK_FALSE(body.dump().find(batch[0].opId) != std::string::npos);  // no op id travels back
    auto read = decodePushResponse(body.dump(), batch);
    REQUIRE(read.results.size() == answer.results.size());
    for (std::size_t i = 0; i < answer.results.size(); ++i) CHECK(encode(read.results[i]) == encode(answer.results[i]));
    // The same answer in rows reads through the same call.
    auto rows = decodePushResponse(encode(answer).dump(), batch);
    for (std::size_t i = 0; i < answer.results.size(); ++i) CHECK(encode(rows.results[i]) == encode(answer.results[i]));
}

TEST_CASE("a column push answer with a result missing or extra is refused", "[wire][columns]") {
    std::vector<WireOp> batch(3);
    for (int i = 0; i < 3; ++i) batch[static_cast<std::size_t>(i)].opId = uuid(i);
    PushResponse answer;
    for (int i = 0; i < 2; ++i) answer.results.push_back({uuid(i), "applied", "", "", "", 1, 5 + i, "", 0});
    CHECK_THROWS_AS(decodePushResponse(encodeColumns(answer).dump(), batch), Error);
    answer.results.push_back({uuid(2), "applied", "", "", "", 1, 7, "", 0});
    auto body = encodeColumns(answer);
    body["notes"] = json::array({{{"index", 3}, {"reason", "forbidden"}}});
    CHECK_THROWS_AS(decodePushResponse(body.dump(), batch), Error);
}

TEST_CASE("a malformed column page is refused naming the column at fault", "[wire][columns]") {
    auto body = encodeColumns(mixedPage());
    auto shortColumn = body;
    shortColumn["groups"][0]["record_id"].erase(0);
    requireRefusedNaming(shortColumn, "groups[0].record_id");

    auto shortValues = body;
    shortValues["groups"][0]["values"][1].erase(0);
    requireRefusedNaming(shortValues, "groups[0].values[1]");

    auto twiceNamed = body;
    twiceNamed["groups"][0]["keys"][1] = twiceNamed["groups"][0]["keys"][0];
    requireRefusedNaming(twiceNamed, "groups[0].keys[1]");

    auto wrapping = body;
    wrapping["groups"][0]["server_seq"][1] = INT64_MAX;
    requireRefusedNaming(wrapping, "groups[0].server_seq[1]");

    auto badId = body;
    badId["groups"][0]["record_id"][2] = "../../etc/passwd";
    requireRefusedNaming(badId, "groups[0].record_id[2]");

    auto shortAuthors = body;
    shortAuthors["groups"][0]["changed"]["login"].erase(0);
    requireRefusedNaming(shortAuthors, "groups[0].changed.login");

    auto manyConflicts = body;
    manyConflicts["tail"] = {{"conflicts", json::array()}, {"vocabulary_version", -1}, {"retention_months", 24}};
    requireRefusedNaming(manyConflicts, "tail.vocabulary_version");
}

TEST_CASE("the column layout of a page is a tenth smaller than its rows once compressed", "[wire][columns]") {
    auto page = mixedPage();
    auto rows = brotliCompress(encode(page).dump(), 5).size();
    auto columns = brotliCompress(encodeColumns(page).dump(), 5).size();
    INFO("rows " << rows << " B, columns " << columns << " B");
    CHECK(columns * 10 <= rows * 9);
}
