// The laptop writes a push body straight from its batch: it must be the codec's JSON, and read back the same.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "sync/protocol/column_layout.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane;
using nlohmann::json;

namespace {
std::vector<sync::WireOp> sampleBatch() {
    sync::WireOp learner{"01a23d36-df7c-7104-a0c1-2d47afad3ab0", 7, "learner", "017d82bd-8c00-7e47-928e-348e8c48a32c", "create", 0,
                         {{"first_name", "Zoé « Chloé »"}, {"note", "ligne\nsuivante \"citée\" \\ ç œ"}}, "hlc-1"};
    sync::WireOp session{"01a23d36-df7c-7105-b1d8-838e858327f1", 8, "session", "017d82be-7660-72ff-9a15-427ef4aa0e45", "update", 3,
                         {{"learner_ids", json::array({"017d82bd-8c00-7e47-928e-348e8c48a32c", "l-2"})}, {"duration_min", 45}}, "hlc-2"};
    sync::WireOp gone{"01a23d36-df7c-7106-8a11-0c2e4b7d9f10", 9, "assessment", "017d82be-7660-72ff-9a15-427ef4aa0e46", "delete", 2, json::object(), "hlc-3"};
    return {learner, session, gone};
}
}  // namespace

TEST_CASE("a push body written from the batch is byte for byte the codec's request", "[sync][codec]") {
    auto batch = sampleBatch();
    sync::PushRequest request;
    request.deviceId = "device-\"1\"";
    request.batch = batch;
    for (std::string layout : {std::string(), std::string(sync::kColumnLayout)}) {
        request.answerLayout = layout;
        CHECK(sync::encodePushBody(request.deviceId, batch, layout) == sync::encode(request).dump());
    }
}

TEST_CASE("a push body written from the batch reads back as the same ops", "[sync][codec]") {
    auto batch = sampleBatch();
    auto decoded = sync::decodePushRequest(sync::encodePushBody("01a23d36-df7b-709b-a503-79fbb1feb6bb", batch, sync::kColumnLayout));
    CHECK(decoded.deviceId == "01a23d36-df7b-709b-a503-79fbb1feb6bb");
    CHECK(decoded.answerLayout == sync::kColumnLayout);
    REQUIRE(decoded.batch.size() == batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        CHECK(decoded.batch[i].opId == batch[i].opId);
        CHECK(decoded.batch[i].seq == batch[i].seq);
        CHECK(decoded.batch[i].entity == batch[i].entity);
        CHECK(decoded.batch[i].recordId == batch[i].recordId);
        CHECK(decoded.batch[i].op == batch[i].op);
        CHECK(decoded.batch[i].baseVersion == batch[i].baseVersion);
        CHECK(decoded.batch[i].fields == batch[i].fields);
        CHECK(decoded.batch[i].hlc == batch[i].hlc);
    }
}

TEST_CASE("a push body with invalid UTF-8 in a field is refused before it leaves", "[sync][codec]") {
    auto batch = sampleBatch();
    batch[0].fields["note"] = std::string("caf\xC3", 4);
    CHECK_THROWS(sync::encodePushBody("01a23d36-df7b-709b-a503-79fbb1feb6bb", batch, ""));
}
