// The sync wire messages shared by the laptop client and resin-hub, versions 1 and 2 (see docs/sync-protocol.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/endpoints.hpp"

namespace mediane::sync {

// The protocol versions (kProtocolVersion, kOldestProtocolVersion), paths, query parameters, page sizes and
// body caps: sync/protocol/endpoints.hpp.

// One outbox row, pushed exactly as the laptop wrote it.
struct WireOp {
    std::string opId;          // idempotency key
    std::int64_t seq = 0;      // per-device order
    std::string entity;        // learner | session | pass_booklet | cheque_event | assessment | place
    std::string recordId;
    std::string op;            // create | update | delete
    std::int64_t baseVersion = 0;
    nlohmann::json fields = nlohmann::json::object();  // only the changed fields
    std::string hlc;
};

struct PushRequest {
    int protocolVersion = kProtocolVersion;
    std::string deviceId;
    std::vector<WireOp> batch;
    // "columns": answer in the column layout (sync/protocol/column_layout.hpp); empty: in rows, with op ids.
    std::string answerLayout;
};

// The hub's answer for one op. "conflict" still means the op is accepted and must not be resent.
struct OpResult {
    std::string opId;
    std::string status;               // applied | duplicate | conflict | rejected
    std::string originalStatus;       // for duplicate: what the first push got (applied | conflict)
    std::string reason;               // for rejected: a stable code, e.g. "forbidden"
    std::string message;              // for rejected: a human explanation (English)
    std::int64_t version = 0;         // the record's version after the op (0 when rejected)
    std::int64_t serverSeq = 0;       // the change's cursor value, 0 when nothing changed
    std::string conflictKind;         // hard | soft | over_redemption | update_after_delete | place_proposal
    std::int64_t conflictId = 0;
};

struct PushResponse {
    int protocolVersion = kProtocolVersion;
    std::vector<OpResult> results;
};

// Who made a change of a correctable record (learner, session) and which fields, from the hub's history
// (protocol 2): what a laptop's « Historique » shows of the other laptops' corrections. Never a value.
struct ChangeAuthor {
    std::string login;
    std::string at;                   // when the hub accepted it, ISO UTC
    std::string op;                   // create | update | delete
    std::vector<std::string> fields;  // wire names
    bool fromThisDevice = false;      // the puller's own change: already in its history
    std::string deviceId;             // the hub's side only, never sent
};

// A record's full state after a change, so a client can apply any page without history.
struct Change {
    std::int64_t serverSeq = 0;
    std::string entity;
    std::string recordId;
    std::int64_t version = 0;
    std::string op;
    nlohmann::json fields = nlohmann::json::object();
    bool deleted = false;
    std::optional<ChangeAuthor> author;  // only for learner and session changes the hub recorded
    // The puller's own change, which it holds as stored (pull with echo=0): a marker with no fields, so
    // that a re-snapshot still lists the puller's own learners.
    bool held = false;
};

// One open conflict as GET /v1/conflicts lists it; details always keep both values (see §5 of the spec).
struct WireConflict {
    std::int64_t id = 0;
    std::string kind;  // hard | soft | over_redemption | update_after_delete | place_proposal
    std::string entity;
    std::string recordId;
    std::string opId;
    std::string deviceId;
    std::string structure;
    nlohmann::json details = nlohmann::json::object();
    std::string createdAt;
};

// What the last page of a pull carries when the laptop asks for it (conflicts_after=N): the answers of the three
// requests a sync used to make after its pull, so that a slow link pays no round trip for them.
struct PullTail {
    std::vector<WireConflict> conflicts;  // open conflicts above conflicts_after, at most kConflictPageSize
    int vocabularyVersion = 0;            // the hub's published vocabularies, 0 when it has none
    int retentionMonths = 0;              // the caller's structure's retention period
};

struct PullResponse {
    int protocolVersion = kProtocolVersion;
    std::vector<Change> changes;
    std::int64_t nextSince = 0;
    bool hasMore = false;
    std::optional<PullTail> tail;  // only on a last page (has_more false) asked with conflicts_after
};

struct EnrollRequest {
    int protocolVersion = kProtocolVersion;
    std::string login;
    std::string password;
    std::string deviceId;
};

struct EnrollResponse {
    int protocolVersion = kProtocolVersion;
    std::string deviceToken;  // shown once; the hub keeps only its hash
    std::string deviceId;
    std::string login;
    std::string role;
    std::string structure;
    std::string territory;
};

// POST /v1/conflicts/{id}/resolve. The same decision a laptop pushes as a "conflict_resolution" op
// (record_id: the conflict id, fields: the resolution), idempotent by op_id either way.
struct ResolveRequest {
    int protocolVersion = kProtocolVersion;
    std::string opId;
    nlohmann::json resolution = nlohmann::json::object();  // {"fields": {...}} or {"keep": id}, and "note"
};

struct ConflictsResponse {
    int protocolVersion = kProtocolVersion;
    std::vector<WireConflict> conflicts;  // in id order, at most kConflictPageSize
};

// POST /v1/conflicts/{id}/resolve answers 200 with the OpResult of the decision, as a push would for it.

// GET /healthz: no authentication. The version is read as given, so a client can tell a hub it cannot speak to.
struct HealthResponse {
    std::string status = "ok";
    int protocolVersion = kProtocolVersion;
    int oldestProtocolVersion = kOldestProtocolVersion;  // the oldest laptops it still serves
};

// One open place_proposal as GET /v1/directory/proposals lists it: the adviser's edit and the place as it is.
struct WireProposal {
    std::int64_t id = 0;  // the conflict's id, to resolve it
    std::string recordId;
    std::string opId;
    std::string deviceId;
    std::string structure;
    std::string op;                                          // create | update | delete, "" when unknown
    nlohmann::json proposed = nlohmann::json::object();      // the fields the adviser sent
    nlohmann::json current = nlohmann::json();               // the hub's fields, null for a new place
    std::string createdAt;
};

struct ProposalsResponse {
    int protocolVersion = kProtocolVersion;
    std::vector<WireProposal> proposals;  // oldest first, at most kMaxProposals
};

struct ErrorBody {
    std::string error;    // stable code, e.g. "bad_request", "unauthorized"
    std::string message;  // human explanation (English)
    std::string field;    // the offending field path, when there is one
};

}  // namespace mediane::sync
