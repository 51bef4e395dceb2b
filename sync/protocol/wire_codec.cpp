#include "sync/protocol/wire_codec.hpp"

#include <cstdint>

#include "core/error.hpp"
#include "sync/protocol/column_layout.hpp"
#include "sync/protocol/identifiers.hpp"
#include "sync/protocol/json_fields.hpp"

namespace mediane::sync {

using nlohmann::json;

// Every version from the oldest still served to this build's: a hub answers each laptop in its own version.
int readProtocolVersion(const json& obj) {
    auto version = readInt(obj, "protocol_version", "");
    if (version < kOldestProtocolVersion || version > kProtocolVersion)
        throw Error(Error::Kind::Validation, "err.sync.protocol_versions",
                    {{"version", std::to_string(version)},
                     {"oldest", std::to_string(kOldestProtocolVersion)},
                     {"newest", std::to_string(kProtocolVersion)}},
                    "protocol_version");
    return static_cast<int>(version);
}

namespace {
json parseObject(const std::string& text) {
    auto body = parseJson(text);
    requireObject(body, "");
    return body;
}
}  // namespace

json encode(const WireOp& op) {
    return {{"op_id", op.opId},     {"seq", op.seq},
            {"entity", op.entity},  {"record_id", op.recordId},
            {"op", op.op},          {"base_version", op.baseVersion},
            {"fields", op.fields},  {"hlc", op.hlc}};
}

json encode(const PushRequest& request) {
    json batch = json::array();
    for (const auto& op : request.batch) batch.push_back(encode(op));
    json out = {{"protocol_version", request.protocolVersion}, {"device_id", request.deviceId}, {"batch", batch}};
    if (!request.answerLayout.empty()) out["answer_layout"] = request.answerLayout;
    return out;
}

std::string encodePushBody(const std::string& deviceId, const std::vector<WireOp>& batch,
                           const std::string& answerLayout, int protocolVersion) {
    // Keys in the order nlohmann's objects dump them, so both encoders write the same bytes.
    std::string out = "{";
    if (!answerLayout.empty()) out += "\"answer_layout\":" + json(answerLayout).dump() + ",";
    out += "\"batch\":[";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& op = batch[i];
        if (i > 0) out += ',';
        out += "{\"base_version\":" + std::to_string(op.baseVersion);
        out += ",\"entity\":" + json(op.entity).dump();
        out += ",\"fields\":" + op.fields.dump();
        out += ",\"hlc\":" + json(op.hlc).dump();
        out += ",\"op\":" + json(op.op).dump();
        out += ",\"op_id\":" + json(op.opId).dump();
        out += ",\"record_id\":" + json(op.recordId).dump();
        out += ",\"seq\":" + std::to_string(op.seq) + "}";
    }
    out += "],\"device_id\":" + json(deviceId).dump();
    out += ",\"protocol_version\":" + std::to_string(protocolVersion) + "}";
    return out;
}

bool writeResultDetails(const OpResult& r, json& out) {
    if (!r.originalStatus.empty()) out["original_status"] = r.originalStatus;
    if (!r.reason.empty()) out["reason"] = r.reason;
    if (!r.message.empty()) out["message"] = r.message;
    if (!r.conflictKind.empty()) out["conflict"] = {{"kind", r.conflictKind}, {"id", r.conflictId}};
    return !r.originalStatus.empty() || !r.reason.empty() || !r.message.empty() || !r.conflictKind.empty();
}

void readResultDetails(const json& v, const std::string& path, OpResult& o) {
    o.originalStatus = readOptionalString(v, "original_status", path);
    o.reason = readOptionalString(v, "reason", path);
    o.message = readOptionalString(v, "message", path);
    if (v.contains("conflict")) {
        const auto& c = readObject(v, "conflict", path);
        o.conflictKind = readString(c, "kind", childPath(path, "conflict"));
        o.conflictId = readInt(c, "id", childPath(path, "conflict"));
    }
}

json encode(const OpResult& r) {
    json out = {{"op_id", r.opId}, {"status", r.status}, {"version", r.version}, {"server_seq", r.serverSeq}};
    writeResultDetails(r, out);
    return out;
}

json encode(const PushResponse& response) {
    json results = json::array();
    for (const auto& r : response.results) results.push_back(encode(r));
    return {{"protocol_version", response.protocolVersion}, {"results", results}};
}

json encode(const Change& c) {
    json out = {{"server_seq", c.serverSeq}, {"entity", c.entity}, {"record_id", c.recordId}, {"version", c.version},
                {"op", c.op},                {"fields", c.fields}, {"deleted", c.deleted}};
    if (c.author)
        out["changed"] = {{"login", c.author->login}, {"at", c.author->at}, {"op", c.author->op},
                          {"fields", c.author->fields}, {"from_this_device", c.author->fromThisDevice}};
    if (c.held) out["held"] = true;
    return out;
}

WireConflict decodeWireConflict(const json& v, const std::string& path) {
    requireObject(v, path);
    WireConflict c;
    c.id = readInt(v, "id", path);
    c.kind = readString(v, "kind", path);
    c.entity = readString(v, "entity", path);
    c.recordId = readString(v, "record_id", path);
    c.opId = readString(v, "op_id", path);
    c.deviceId = readString(v, "device_id", path);
    c.structure = readString(v, "structure", path);
    c.details = readObject(v, "details", path);
    c.createdAt = readString(v, "created_at", path);
    return c;
}

json encode(const PullTail& tail) {
    json conflicts = json::array();
    for (const auto& c : tail.conflicts) conflicts.push_back(encode(c));
    return {{"conflicts", conflicts}, {"vocabulary_version", tail.vocabularyVersion},
            {"retention_months", tail.retentionMonths}};
}

PullTail decodePullTail(const json& value, const std::string& path) {
    requireObject(value, path);
    PullTail tail;
    const auto& conflicts = readArray(value, "conflicts", path);
    if (conflicts.size() > static_cast<std::size_t>(kConflictPageSize))
        throw Error(Error::Kind::Validation, "err.sync.field_type",
                    {{"field", childPath(path, "conflicts")}, {"expected", "at most one page of conflicts"}},
                    childPath(path, "conflicts"));
    for (std::size_t i = 0; i < conflicts.size(); ++i)
        tail.conflicts.push_back(decodeWireConflict(conflicts[i], indexPath(childPath(path, "conflicts"), i)));
    auto version = readInt(value, "vocabulary_version", path);
    auto months = readInt(value, "retention_months", path);
    if (version < 0 || version > INT32_MAX) throw Error(Error::Kind::Validation, "err.sync.field_type",
                                                         {{"field", childPath(path, "vocabulary_version")}, {"expected", "a version"}},
                                                         childPath(path, "vocabulary_version"));
    if (months < 0 || months > INT32_MAX) throw Error(Error::Kind::Validation, "err.sync.field_type",
                                                       {{"field", childPath(path, "retention_months")}, {"expected", "a number of months"}},
                                                       childPath(path, "retention_months"));
    tail.vocabularyVersion = static_cast<int>(version);
    tail.retentionMonths = static_cast<int>(months);
    return tail;
}

json encode(const PullResponse& response) {
    json changes = json::array();
    for (const auto& c : response.changes) changes.push_back(encode(c));
    json out = {{"protocol_version", response.protocolVersion},
                {"changes", changes},
                {"next_since", response.nextSince},
                {"has_more", response.hasMore}};
    if (response.tail) out["tail"] = encode(*response.tail);
    return out;
}

json encode(const EnrollRequest& r) {
    return {{"protocol_version", r.protocolVersion}, {"login", r.login}, {"password", r.password},
            {"device_id", r.deviceId}};
}

json encode(const EnrollResponse& r) {
    return {{"protocol_version", r.protocolVersion}, {"device_token", r.deviceToken}, {"device_id", r.deviceId},
            {"login", r.login}, {"role", r.role}, {"structure", r.structure}, {"territory", r.territory}};
}

json encode(const ErrorBody& b) {
    json out = {{"error", b.error}, {"message", b.message}};
    if (!b.field.empty()) out["field"] = b.field;
    return out;
}

namespace {
// Everything but the fields, which the caller copies or moves out of value.
WireOp decodeWireOpHead(const json& value, const std::string& path) {
    requireObject(value, path);
    WireOp op;
    op.opId = readString(value, "op_id", path);
    op.seq = readInt(value, "seq", path);
    op.entity = readString(value, "entity", path);
    op.recordId = readString(value, "record_id", path);
    op.op = readString(value, "op", path);
    op.baseVersion = readInt(value, "base_version", path);
    readObject(value, "fields", path);
    op.hlc = readString(value, "hlc", path);
    if (op.opId.empty())
        throw Error(Error::Kind::Validation, "err.sync.field_empty", {{"field", childPath(path, "op_id")}},
                    childPath(path, "op_id"));
    // The idempotency key must be one a laptop generates; a record id is checked op by op by the hub,
    // so one bad id is refused alone instead of blocking its whole batch.
    requireId(isUuid(op.opId), childPath(path, "op_id"));
    return op;
}
}  // namespace

WireOp decodeWireOp(const json& value, const std::string& path) {
    WireOp op = decodeWireOpHead(value, path);
    op.fields = value.at("fields");
    return op;
}

PushRequest decodePushRequest(const std::string& text) {
    auto body = parseObject(text);
    PushRequest r;
    r.protocolVersion = readProtocolVersion(body);
    r.deviceId = readString(body, "device_id", "");
    requireId(isPlainId(r.deviceId), "device_id");
    readArray(body, "batch", "");
    auto& batch = body.at("batch");
    r.batch.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        // Moved, not copied: the request's tree is dropped after this, and the hub allocated, then freed, a
        // second copy of every op's fields (about 3 % of its CPU on a large push).
        WireOp op = decodeWireOpHead(batch[i], indexPath("batch", i));
        op.fields = std::move(batch[i].at("fields"));
        r.batch.push_back(std::move(op));
    }
    // Only the one layout this hub writes besides rows; another name gets rows, which every laptop reads.
    if (readOptionalString(body, "answer_layout", "") == kColumnLayout) r.answerLayout = kColumnLayout;
    return r;
}

OpResult decodeOpResult(const json& v, const std::string& path) {
    requireObject(v, path);
    OpResult o;
    o.opId = readString(v, "op_id", path);
    o.status = readString(v, "status", path);
    o.version = readInt(v, "version", path);
    o.serverSeq = readInt(v, "server_seq", path);
    readResultDetails(v, path, o);
    return o;
}

namespace {
PushResponse decodeRowPushResponse(const json& body) {
    PushResponse r;
    r.protocolVersion = readProtocolVersion(body);
    const auto& results = readArray(body, "results", "");
    for (std::size_t i = 0; i < results.size(); ++i) {
        r.results.push_back(decodeOpResult(results[i], indexPath("results", i)));
    }
    return r;
}
}  // namespace

PushResponse decodePushResponse(const std::string& text) { return decodeRowPushResponse(parseObject(text)); }

PushResponse decodePushResponse(const std::string& text, const std::vector<WireOp>& batch) {
    auto body = parseObject(text);
    return isColumnLayout(body) ? decodeColumnPushResponse(body, batch) : decodeRowPushResponse(body);
}

namespace {
PullResponse decodeRowPullResponse(const json& body) {
    PullResponse r;
    r.protocolVersion = readProtocolVersion(body);
    const auto& changes = readArray(body, "changes", "");
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto path = indexPath("changes", i);
        const auto& v = changes[i];
        Change c;
        c.serverSeq = readInt(v, "server_seq", path);
        c.entity = readString(v, "entity", path);
        c.recordId = readString(v, "record_id", path);
        requireId(isRecordId(c.entity, c.recordId), childPath(path, "record_id"));
        c.version = readInt(v, "version", path);
        c.op = readString(v, "op", path);
        c.fields = readObject(v, "fields", path);
        c.deleted = readBool(v, "deleted", path);
        if (v.contains("held")) c.held = readBool(v, "held", path);
        if (v.contains("changed")) {
            auto where = childPath(path, "changed");
            const auto& by = readObject(v, "changed", path);
            ChangeAuthor a;
            a.login = readString(by, "login", where);
            a.at = readString(by, "at", where);
            a.op = readString(by, "op", where);
            const auto& names = readArray(by, "fields", where);
            for (std::size_t k = 0; k < names.size(); ++k) {
                if (!names[k].is_string())
                    throw Error(Error::Kind::Validation, "err.sync.field_type",
                                {{"field", indexPath(childPath(where, "fields"), k)}, {"expected", "string"}},
                                indexPath(childPath(where, "fields"), k));
                a.fields.push_back(names[k].get<std::string>());
            }
            a.fromThisDevice = readBool(by, "from_this_device", where);
            c.author = std::move(a);
        }
        r.changes.push_back(std::move(c));
    }
    r.nextSince = readInt(body, "next_since", "");
    r.hasMore = readBool(body, "has_more", "");
    return r;
}
}  // namespace

PullResponse decodePullResponse(const std::string& text) {
    auto body = parseObject(text);
    auto r = isColumnLayout(body) ? decodeColumnPullResponse(body) : decodeRowPullResponse(body);
    if (body.contains("tail")) r.tail = decodePullTail(body["tail"], "tail");
    return r;
}

json encode(const ResolveRequest& request) {
    return {{"protocol_version", request.protocolVersion}, {"op_id", request.opId}, {"resolution", request.resolution}};
}

ResolveRequest decodeResolveRequest(const std::string& text) {
    auto body = parseObject(text);
    ResolveRequest r;
    r.protocolVersion = readProtocolVersion(body);
    r.opId = readString(body, "op_id", "");
    if (r.opId.empty()) throw Error(Error::Kind::Validation, "err.sync.field_empty", {{"field", "op_id"}}, "op_id");
    requireId(isUuid(r.opId), "op_id");
    r.resolution = readObject(body, "resolution", "");
    return r;
}

EnrollRequest decodeEnrollRequest(const std::string& text) {
    auto body = parseObject(text);
    EnrollRequest r;
    r.protocolVersion = readProtocolVersion(body);
    r.login = readString(body, "login", "");
    r.password = readString(body, "password", "");
    // PostgreSQL's client library passes a text parameter up to its first NUL: "mallory\0…" would be looked up
    // as "mallory". No login or password holds one.
    for (const auto& [name, value] : {std::pair{"login", &r.login}, std::pair{"password", &r.password}})
        if (value->find('\0') != std::string::npos)
            throw Error(Error::Kind::Validation, "err.sync.field_nul", {{"field", name}}, name);
    r.deviceId = readString(body, "device_id", "");
    requireId(isPlainId(r.deviceId), "device_id");
    return r;
}

EnrollResponse decodeEnrollResponse(const std::string& text) {
    auto body = parseObject(text);
    EnrollResponse r;
    r.protocolVersion = readProtocolVersion(body);
    r.deviceToken = readString(body, "device_token", "");
    r.deviceId = readString(body, "device_id", "");
    r.login = readString(body, "login", "");
    r.role = readString(body, "role", "");
    r.structure = readString(body, "structure", "");
    r.territory = readString(body, "territory", "");
    return r;
}

json encode(const WireConflict& c) {
    return {{"id", c.id},           {"kind", c.kind},           {"entity", c.entity},
            {"record_id", c.recordId}, {"op_id", c.opId},       {"device_id", c.deviceId},
            {"structure", c.structure}, {"details", c.details}, {"created_at", c.createdAt}};
}

json encode(const ConflictsResponse& response) {
    json list = json::array();
    for (const auto& c : response.conflicts) list.push_back(encode(c));
    return {{"protocol_version", response.protocolVersion}, {"conflicts", list}};
}

ConflictsResponse decodeConflictsResponse(const std::string& text) {
    auto body = parseObject(text);
    ConflictsResponse r;
    r.protocolVersion = readProtocolVersion(body);
    const auto& list = readArray(body, "conflicts", "");
    for (std::size_t i = 0; i < list.size(); ++i) {
        r.conflicts.push_back(decodeWireConflict(list[i], indexPath("conflicts", i)));
    }
    return r;
}

OpResult decodeResolveResponse(const std::string& text) { return decodeOpResult(parseObject(text), ""); }

json encode(const HealthResponse& r) {
    return {{"status", r.status}, {"protocol_version", r.protocolVersion}, {"oldest_protocol_version", r.oldestProtocolVersion}};
}

HealthResponse decodeHealthResponse(const std::string& text) {
    auto body = parseObject(text);
    // Not readVersion: the health check is how a client learns that a hub speaks another version.
    HealthResponse r{readString(body, "status", ""), static_cast<int>(readInt(body, "protocol_version", "")), 0};
    // A first-release hub does not say: it speaks its one version only.
    r.oldestProtocolVersion = body.contains("oldest_protocol_version")
                                  ? static_cast<int>(readInt(body, "oldest_protocol_version", ""))
                                  : r.protocolVersion;
    return r;
}

json encode(const WireProposal& p) {
    return {{"id", p.id},           {"record_id", p.recordId}, {"op_id", p.opId},         {"device_id", p.deviceId},
            {"structure", p.structure}, {"op", p.op},           {"proposed", p.proposed}, {"current", p.current},
            {"created_at", p.createdAt}};
}

json encode(const ProposalsResponse& response) {
    json list = json::array();
    for (const auto& p : response.proposals) list.push_back(encode(p));
    return {{"protocol_version", response.protocolVersion}, {"proposals", list}};
}

ProposalsResponse decodeProposalsResponse(const std::string& text) {
    auto body = parseObject(text);
    ProposalsResponse r;
    r.protocolVersion = readProtocolVersion(body);
    const auto& list = readArray(body, "proposals", "");
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto path = indexPath("proposals", i);
        const auto& v = list[i];
        WireProposal p;
        p.id = readInt(v, "id", path);
        p.recordId = readString(v, "record_id", path);
        p.opId = readString(v, "op_id", path);
        p.deviceId = readString(v, "device_id", path);
        p.structure = readString(v, "structure", path);
        p.op = readString(v, "op", path);
        p.proposed = readObject(v, "proposed", path);
        p.current = requireField(v, "current", path);  // an object, or null for a place the hub lacks
        p.createdAt = readString(v, "created_at", path);
        r.proposals.push_back(std::move(p));
    }
    return r;
}

ErrorBody decodeErrorBody(const std::string& text) {
    auto body = parseObject(text);
    return {readString(body, "error", ""), readString(body, "message", ""), readOptionalString(body, "field", "")};
}

std::string payloadFingerprint(const WireOp& op) {
    // The dump() of {"entity", "record_id", "op", "base_version", "fields"} as one JSON object (keys in
    // nlohmann::json's order, canonical for equal content), written out without copying the fields into it:
    // hubs store these texts, so the bytes must not change.
    std::string out = "{\"base_version\":";
    out += json(op.baseVersion).dump();
    out += ",\"entity\":";
    out += json(op.entity).dump();
    out += ",\"fields\":";
    out += op.fields.dump();
    out += ",\"op\":";
    out += json(op.op).dump();
    out += ",\"record_id\":";
    out += json(op.recordId).dump();
    out += '}';
    return out;
}

}  // namespace mediane::sync
