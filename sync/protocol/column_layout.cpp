#include "sync/protocol/column_layout.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "core/error.hpp"
#include "sync/protocol/identifiers.hpp"
#include "sync/protocol/json_fields.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace mediane::sync {

namespace {
using nlohmann::json;

[[noreturn]] void badField(const std::string& path, const std::string& expected) {
    throw Error(Error::Kind::Validation, "err.sync.field_type", {{"field", path}, {"expected", expected}}, path);
}

// A column must hold one value per row: a shorter one would leave changes without their values.
const json& column(const json& obj, const std::string& key, const std::string& path, std::size_t rows) {
    const auto& values = readArray(obj, key, path);
    if (values.size() != rows) badField(childPath(path, key), std::to_string(rows) + " values");
    return values;
}

std::int64_t intAt(const json& values, std::size_t i, const std::string& path) {
    if (!values[i].is_number_integer()) badField(indexPath(path, i), "integer");
    return values[i].get<std::int64_t>();
}

std::string stringAt(const json& values, std::size_t i, const std::string& path) {
    if (!values[i].is_string()) badField(indexPath(path, i), "string");
    return values[i].get<std::string>();
}

bool boolAt(const json& values, std::size_t i, const std::string& path) {
    if (!values[i].is_boolean()) badField(indexPath(path, i), "boolean");
    return values[i].get<bool>();
}

// Cursors ascend, mostly by one: their differences compress to almost nothing where the numbers do not.
json deltas(const std::vector<std::int64_t>& values) {
    json out = json::array();
    std::int64_t previous = 0;
    for (auto v : values) {
        out.push_back(v - previous);
        previous = v;
    }
    return out;
}

std::vector<std::int64_t> undoDeltas(const json& values, const std::string& path) {
    std::vector<std::int64_t> out;
    out.reserve(values.size());
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        auto delta = intAt(values, i, path);
        // A hostile page must not wrap a cursor around.
        if ((delta > 0 && previous > INT64_MAX - delta) || (delta < 0 && previous < INT64_MIN - delta))
            badField(indexPath(path, i), "a cursor within range");
        previous += delta;
        out.push_back(previous);
    }
    return out;
}

// Changes of one shape share their entity, op, flags and field names; only values differ.
std::string shapeOf(const Change& c) {
    std::string key = c.entity + '\x1f' + c.op + '\x1f' + (c.deleted ? '1' : '0') + (c.held ? '1' : '0') +
                      (c.author ? '1' : '0');
    for (const auto& item : c.fields.items()) key += '\x1f' + item.key();
    return key;
}
}  // namespace

bool isColumnLayout(const json& body) {
    return body.is_object() && body.contains("layout") && body["layout"].is_string() &&
           body["layout"].get<std::string>() == kColumnLayout;
}

json encodeColumns(const PushResponse& response) {
    json status = json::array(), version = json::array(), notes = json::array();
    std::vector<std::int64_t> seqs;
    for (std::size_t i = 0; i < response.results.size(); ++i) {
        const auto& r = response.results[i];
        status.push_back(r.status);
        version.push_back(r.version);
        seqs.push_back(r.serverSeq);
        json note = {{"index", i}};
        if (writeResultDetails(r, note)) notes.push_back(std::move(note));
    }
    return {{"protocol_version", response.protocolVersion},
            {"layout", kColumnLayout},
            {"status", std::move(status)},
            {"version", std::move(version)},
            {"server_seq", deltas(seqs)},
            {"notes", std::move(notes)}};
}

PushResponse decodeColumnPushResponse(const json& body, const std::vector<WireOp>& batch) {
    requireObject(body, "");
    PushResponse r;
    r.protocolVersion = readProtocolVersion(body);
    const auto rows = batch.size();
    const auto& status = column(body, "status", "", rows);
    const auto& version = column(body, "version", "", rows);
    auto seqs = undoDeltas(column(body, "server_seq", "", rows), "server_seq");
    r.results.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        auto& o = r.results[i];
        o.opId = batch[i].opId;
        o.status = stringAt(status, i, "status");
        o.version = intAt(version, i, "version");
        o.serverSeq = seqs[i];
    }
    const auto& notes = readArray(body, "notes", "");
    for (std::size_t k = 0; k < notes.size(); ++k) {
        auto path = indexPath("notes", k);
        const auto& note = notes[k];
        requireObject(note, path);
        auto index = readInt(note, "index", path);
        if (index < 0 || static_cast<std::size_t>(index) >= rows) badField(childPath(path, "index"), "an op of the batch");
        readResultDetails(note, path, r.results[static_cast<std::size_t>(index)]);
    }
    return r;
}

json encodeColumns(const PullResponse& response) {
    // A record whose fields are not an object has no names to share: such a page goes in rows, which a laptop reads too.
    for (const auto& c : response.changes)
        if (!c.fields.is_object()) return encode(response);
    std::map<std::string, std::size_t> groupOf;
    std::vector<std::vector<const Change*>> groups;
    for (const auto& c : response.changes) {
        auto [it, added] = groupOf.emplace(shapeOf(c), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(&c);
    }
    json out = json::array();
    for (const auto& members : groups) {
        const Change& first = *members.front();
        json keys = json::array(), values = json::array();
        for (const auto& item : first.fields.items()) {
            keys.push_back(item.key());
            json values_of_key = json::array();
            for (const auto* c : members) values_of_key.push_back(c->fields.at(item.key()));
            values.push_back(std::move(values_of_key));
        }
        std::vector<std::int64_t> seqs;
        json ids = json::array(), versions = json::array();
        for (const auto* c : members) {
            seqs.push_back(c->serverSeq);
            ids.push_back(c->recordId);
            versions.push_back(c->version);
        }
        json group = {{"entity", first.entity}, {"op", first.op},     {"deleted", first.deleted},
                      {"held", first.held},     {"keys", keys},       {"server_seq", deltas(seqs)},
                      {"record_id", ids},       {"version", versions}, {"values", values}};
        if (first.author) {
            json login = json::array(), at = json::array(), op = json::array(), names = json::array(),
                 own = json::array();
            for (const auto* c : members) {
                login.push_back(c->author->login);
                at.push_back(c->author->at);
                op.push_back(c->author->op);
                names.push_back(c->author->fields);
                own.push_back(c->author->fromThisDevice);
            }
            group["changed"] = {{"login", login}, {"at", at}, {"op", op}, {"fields", names}, {"from_this_device", own}};
        }
        out.push_back(std::move(group));
    }
    json body = {{"protocol_version", response.protocolVersion},
                 {"layout", kColumnLayout},
                 {"groups", std::move(out)},
                 {"next_since", response.nextSince},
                 {"has_more", response.hasMore}};
    if (response.tail) body["tail"] = encode(*response.tail);
    return body;
}

PullResponse decodeColumnPullResponse(const json& body) {
    requireObject(body, "");
    PullResponse r;
    r.protocolVersion = readProtocolVersion(body);
    const auto& groups = readArray(body, "groups", "");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto path = indexPath("groups", g);
        const auto& group = groups[g];
        requireObject(group, path);
        const auto entity = readString(group, "entity", path);
        const auto op = readString(group, "op", path);
        const bool deleted = readBool(group, "deleted", path);
        const bool held = readBool(group, "held", path);
        const auto& seqColumn = readArray(group, "server_seq", path);
        const auto rows = seqColumn.size();
        const auto seqs = undoDeltas(seqColumn, childPath(path, "server_seq"));
        const auto& ids = column(group, "record_id", path, rows);
        const auto& versions = column(group, "version", path, rows);
        const auto& keys = readArray(group, "keys", path);
        const auto& values = column(group, "values", path, keys.size());
        std::set<std::string> seen;
        for (std::size_t k = 0; k < keys.size(); ++k) {
            auto keyPath = indexPath(childPath(path, "keys"), k);
            if (!keys[k].is_string() || !seen.insert(keys[k].get<std::string>()).second) badField(keyPath, "a field name given once");
            if (!values[k].is_array() || values[k].size() != rows)
                badField(indexPath(childPath(path, "values"), k), std::to_string(rows) + " values");
        }
        const json* changed = nullptr;
        if (group.contains("changed")) changed = &readObject(group, "changed", path);
        const auto changedPath = childPath(path, "changed");
        for (std::size_t i = 0; i < rows; ++i) {
            Change c;
            c.serverSeq = seqs[i];
            c.entity = entity;
            c.recordId = stringAt(ids, i, childPath(path, "record_id"));
            requireId(isRecordId(c.entity, c.recordId), indexPath(childPath(path, "record_id"), i));
            c.version = intAt(versions, i, childPath(path, "version"));
            c.op = op;
            c.deleted = deleted;
            c.held = held;
            for (std::size_t k = 0; k < keys.size(); ++k) c.fields[keys[k].get<std::string>()] = values[k][i];
            if (changed) {
                ChangeAuthor a;
                a.login = stringAt(column(*changed, "login", changedPath, rows), i, childPath(changedPath, "login"));
                a.at = stringAt(column(*changed, "at", changedPath, rows), i, childPath(changedPath, "at"));
                a.op = stringAt(column(*changed, "op", changedPath, rows), i, childPath(changedPath, "op"));
                const auto& names = column(*changed, "fields", changedPath, rows)[i];
                const auto namesPath = indexPath(childPath(changedPath, "fields"), i);
                if (!names.is_array()) badField(namesPath, "array");
                for (std::size_t k = 0; k < names.size(); ++k) {
                    if (!names[k].is_string()) badField(indexPath(namesPath, k), "string");
                    a.fields.push_back(names[k].get<std::string>());
                }
                a.fromThisDevice = boolAt(column(*changed, "from_this_device", changedPath, rows), i,
                                          childPath(changedPath, "from_this_device"));
                c.author = std::move(a);
            }
            r.changes.push_back(std::move(c));
        }
    }
    // The page's order is the feed's: a laptop applies changes in server_seq order.
    std::stable_sort(r.changes.begin(), r.changes.end(),
                     [](const Change& a, const Change& b) { return a.serverSeq < b.serverSeq; });
    r.nextSince = readInt(body, "next_since", "");
    r.hasMore = readBool(body, "has_more", "");
    return r;
}

}  // namespace mediane::sync
