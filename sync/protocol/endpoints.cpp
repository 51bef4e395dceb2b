#include "sync/protocol/endpoints.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace mediane::sync {

namespace {

// The first value given for a name, as HTTP servers read a repeated parameter.
const std::string* firstValue(const QueryParams& params, const std::string& name) {
    auto it = params.lower_bound(name);
    return it != params.end() && it->first == name ? &it->second : nullptr;
}

// Digits only and at most 18 of them, so the value always fits an int64 (no sign, no spaces, no overflow).
bool parseCount(const std::string& text, std::int64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    out = std::stoll(text);
    return true;
}

Error badParameter(const std::string& key, const std::string& name, Error::Params params = {}) {
    params["param"] = name;
    return Error(Error::Kind::Validation, key, std::move(params), name);
}

// An optional count parameter; `minimum` is 0 (a cursor) or 1 (a size).
std::optional<std::int64_t> readCount(const QueryParams& params, const std::string& name, std::int64_t minimum) {
    const auto* text = firstValue(params, name);
    if (!text) return std::nullopt;
    std::int64_t value = 0;
    if (!parseCount(*text, value) || value < minimum)
        throw badParameter(minimum > 0 ? "err.sync.query_positive" : "err.sync.query_count", name);
    return value;
}

const std::string kResolvePrefix = "/v1/conflicts/";
const std::string kResolveSuffix = "/resolve";

}  // namespace

const Endpoint* bodyEndpoint(const std::string& method, const std::string& path) {
    for (const Endpoint* e : {&kEnroll, &kPush})
        if (method == e->method && path == e->path) return e;
    if (method == kResolve.method && matchResolvePath(path)) return &kResolve;
    return nullptr;
}

SplitTarget splitTarget(const std::string& target) {
    SplitTarget out;
    auto question = target.find('?');
    out.path = target.substr(0, question);
    if (question == std::string::npos) return out;
    std::size_t start = question + 1;
    while (start <= target.size()) {
        auto end = std::min(target.find('&', start), target.size());
        auto pair = target.substr(start, end - start);
        if (!pair.empty()) {
            auto equals = pair.find('=');
            out.params.emplace(pair.substr(0, equals), equals == std::string::npos ? "" : pair.substr(equals + 1));
        }
        start = end + 1;
    }
    return out;
}

int parseProtocolParam(const QueryParams& params) {
    const auto* text = firstValue(params, "protocol");
    if (!text) return kOldestProtocolVersion;
    std::int64_t value = 0;
    if (!parseCount(*text, value) || value < kOldestProtocolVersion || value > kProtocolVersion)
        throw Error(Error::Kind::Validation, "err.sync.protocol_versions",
                    {{"version", text->substr(0, 20)},
                     {"oldest", std::to_string(kOldestProtocolVersion)},
                     {"newest", std::to_string(kProtocolVersion)}},
                    "protocol");
    return static_cast<int>(value);
}

std::string PullQuery::target() const {
    std::string out = std::string(kPull.path) + "?since=" + std::to_string(since);
    if (limit) out += "&limit=" + std::to_string(*limit);
    if (heldThrough > 0) out += "&held_through=" + std::to_string(heldThrough);
    if (columns) out += "&layout=columns";
    if (conflictsAfter) out += "&conflicts_after=" + std::to_string(*conflictsAfter);
    return out + "&protocol=" + std::to_string(protocol);
}

std::int64_t PullQuery::pageSize(int defaultLimit, int maxLimit) const {
    return std::min<std::int64_t>(limit.value_or(defaultLimit), maxLimit);
}

PullQuery parsePullQuery(const QueryParams& params) {
    PullQuery q;
    q.since = readCount(params, "since", 0).value_or(0);
    q.limit = readCount(params, "limit", 1);
    q.heldThrough = readCount(params, "held_through", 0).value_or(0);
    // Another layout's name gets rows, which every laptop reads: a newer laptop is not refused for asking.
    if (const auto* layout = firstValue(params, "layout")) q.columns = *layout == "columns";
    q.conflictsAfter = readCount(params, "conflicts_after", 0);
    q.protocol = parseProtocolParam(params);
    return q;
}

std::string ConflictsQuery::target() const {
    return std::string(kConflicts.path) + "?after=" + std::to_string(after) + "&protocol=" + std::to_string(protocol);
}

ConflictsQuery parseConflictsQuery(const QueryParams& params) {
    return {readCount(params, "after", 0).value_or(0), parseProtocolParam(params)};
}

std::string ProposalsQuery::target() const { return std::string(kProposals.path) + "?protocol=" + std::to_string(protocol); }

ProposalsQuery parseProposalsQuery(const QueryParams& params) { return {parseProtocolParam(params)}; }

std::string VocabulariesQuery::target() const { return std::string(kVocabularies.path) + "?known=" + std::to_string(known); }

VocabulariesQuery parseVocabulariesQuery(const QueryParams& params) {
    return {readCount(params, "known", 0).value_or(0)};
}

std::string ResolveTarget::target() const { return kResolvePrefix + conflictId + kResolveSuffix; }

std::optional<ResolveTarget> matchResolvePath(const std::string& path) {
    if (path.size() <= kResolvePrefix.size() + kResolveSuffix.size()) return std::nullopt;
    if (path.compare(0, kResolvePrefix.size(), kResolvePrefix) != 0) return std::nullopt;
    if (path.compare(path.size() - kResolveSuffix.size(), kResolveSuffix.size(), kResolveSuffix) != 0)
        return std::nullopt;
    auto id = path.substr(kResolvePrefix.size(), path.size() - kResolvePrefix.size() - kResolveSuffix.size());
    // The same ids the route's (\d+) takes.
    if (!std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    return ResolveTarget{id};
}

std::string DirectoryQuery::target() const {
    return std::string(kDirectory.path) + (format == DirectoryFormat::Json ? "?format=json" : "?format=csv");
}

DirectoryQuery parseDirectoryQuery(const QueryParams& params) {
    DirectoryQuery q;
    const auto* text = firstValue(params, "format");
    if (!text || *text == "csv") return q;
    if (*text != "json") throw badParameter("err.sync.query_choice", "format", {{"first", "csv"}, {"second", "json"}});
    q.format = DirectoryFormat::Json;
    return q;
}

}  // namespace mediane::sync
