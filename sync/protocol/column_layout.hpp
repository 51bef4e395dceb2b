// The column layout of push answers and pull pages: the same messages with each field's values side by side.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/wire_types.hpp"

namespace mediane::sync {

// A laptop asks for it (`"answer_layout": "columns"` in a push, `layout=columns` on a pull); a hub that does not
// know it answers in rows, and a laptop reads both. Why: a record's field names, an op's id echoed back and
// ascending cursors cost most of a compressed page, and values of one field next to each other compress better
// than records one after the other (docs/sync-protocol.md, "Column layout").
inline constexpr const char* kColumnLayout = "columns";

// A push answer without op ids: result i answers the batch's op i.
nlohmann::json encodeColumns(const PushResponse& response);
// Reads a column answer to `batch`, giving each result its op's id; throws mediane::Error naming the field.
PushResponse decodeColumnPushResponse(const nlohmann::json& body, const std::vector<WireOp>& batch);

// A pull page as groups of changes of one shape (entity, op, flags and field names), with server_seq as deltas.
nlohmann::json encodeColumns(const PullResponse& response);
// Back to changes in server_seq order; throws mediane::Error naming the field.
PullResponse decodeColumnPullResponse(const nlohmann::json& body);

// Whether a decoded body is in the column layout.
bool isColumnLayout(const nlohmann::json& body);

}  // namespace mediane::sync
