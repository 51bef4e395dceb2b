// JSON encode/decode of every wire message; decoding is strict and throws mediane::Error naming the field.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sync/protocol/wire_types.hpp"

namespace mediane::sync {

// Usage: auto req = decodePushRequest(body);  std::string out = encode(response).dump();
nlohmann::json encode(const WireOp& op);
nlohmann::json encode(const PushRequest& request);
// A push request's body written straight from the laptop's batch, which it keeps for the answer: neither the
// batch nor its ops are copied into a tree first. The same JSON as encode(PushRequest) (tested).
std::string encodePushBody(const std::string& deviceId, const std::vector<WireOp>& batch,
                           const std::string& answerLayout, int protocolVersion = kProtocolVersion);
nlohmann::json encode(const OpResult& result);
nlohmann::json encode(const PushResponse& response);
nlohmann::json encode(const Change& change);
nlohmann::json encode(const PullResponse& response);
nlohmann::json encode(const PullTail& tail);
nlohmann::json encode(const EnrollRequest& request);
nlohmann::json encode(const EnrollResponse& response);
nlohmann::json encode(const ErrorBody& body);
nlohmann::json encode(const ResolveRequest& request);
nlohmann::json encode(const WireConflict& conflict);
nlohmann::json encode(const ConflictsResponse& response);
nlohmann::json encode(const HealthResponse& response);
nlohmann::json encode(const WireProposal& proposal);
nlohmann::json encode(const ProposalsResponse& response);

WireOp decodeWireOp(const nlohmann::json& value, const std::string& path);
OpResult decodeOpResult(const nlohmann::json& value, const std::string& path);
// The version a body says it speaks, within the range this build serves; throws mediane::Error otherwise.
int readProtocolVersion(const nlohmann::json& body);
// What only some op results carry (original status, refusal, conflict), written into and read from `out`/`v`.
// writeResultDetails returns whether there was any.
bool writeResultDetails(const OpResult& result, nlohmann::json& out);
void readResultDetails(const nlohmann::json& v, const std::string& path, OpResult& result);
WireConflict decodeWireConflict(const nlohmann::json& value, const std::string& path);
PullTail decodePullTail(const nlohmann::json& value, const std::string& path);
PushRequest decodePushRequest(const std::string& text);
PushResponse decodePushResponse(const std::string& text);
// An answer to `batch` in either layout (sync/protocol/column_layout.hpp): a column answer names no op ids.
PushResponse decodePushResponse(const std::string& text, const std::vector<WireOp>& batch);
// A page in either layout.
PullResponse decodePullResponse(const std::string& text);
EnrollRequest decodeEnrollRequest(const std::string& text);
EnrollResponse decodeEnrollResponse(const std::string& text);
ErrorBody decodeErrorBody(const std::string& text);
ResolveRequest decodeResolveRequest(const std::string& text);
ConflictsResponse decodeConflictsResponse(const std::string& text);
// The resolve endpoint's answer: one OpResult, without a protocol_version of its own.
OpResult decodeResolveResponse(const std::string& text);
HealthResponse decodeHealthResponse(const std::string& text);
ProposalsResponse decodeProposalsResponse(const std::string& text);

// The canonical text of an op's payload (everything but op_id, seq and hlc), so the hub can tell
// a true retry of an op id from an op id reused for different content.
std::string payloadFingerprint(const WireOp& op);

}  // namespace mediane::sync
