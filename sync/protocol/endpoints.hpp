// Every endpoint of the sync protocol, defined once: method and path, typed query, body and page limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mediane::sync {

// The protocol version says which vocabulary a request's records use: 1 = Médiane's first codes,
// 2 = the national activity report's (core/vocabulary_upgrade.hpp maps one to the other). Bumped on any
// incompatible change; the hub answers in the version it was spoken to, and refuses versions outside
// [kOldestProtocolVersion, kProtocolVersion]. A request that says nothing (a GET without `protocol`,
// as the first release sends them) is version 1.
inline constexpr int kProtocolVersion = 2;
inline constexpr int kOldestProtocolVersion = 1;

// Page sizes both ends agree on: a pull page unless the client asks fewer (the hub caps what it asks),
// and the conflicts an answer carries at most (a full page means "ask again after the last id").
inline constexpr int kDefaultPullLimit = 500;
// 2,000 changes of the demo are about 1.5 MB of JSON and 80 KB in Brotli: on a 256 kbit/s link each page
// saved is a 300 ms round trip saved, and the hub holds one page per request thread.
inline constexpr int kMaxPullLimit = 2000;
inline constexpr int kConflictPageSize = 1000;
// Directory proposals one answer lists at most (oldest first).
inline constexpr int kMaxProposals = 1000;

// The spec's "a few hundred ops" per push and the JSON they make before gzip. The hub caps bytes, not ops:
// a client halves its batch on 413, so these are the laptop's defaults, not a rule the hub enforces.
inline constexpr int kPushBatchOps = 300;
inline constexpr std::size_t kPushBatchBytes = 256 * 1024;

// A push body, after decompression too; the hub's --max-body may set another.
inline constexpr std::size_t kMaxPushBodyBytes = 8 * 1024 * 1024;
// Enrollment and a resolution: a login, a password or one decision, never more.
inline constexpr std::size_t kMaxSmallBodyBytes = 64 * 1024;

struct Endpoint {
    const char* method;
    const char* path;          // for a route with an id, the pattern shown in the spec
    std::size_t maxBodyBytes;  // 0: the route takes no body, and one announced is refused unread
};

inline constexpr Endpoint kHealth{"GET", "/healthz", 0};
inline constexpr Endpoint kEnroll{"POST", "/v1/enroll", kMaxSmallBodyBytes};
inline constexpr Endpoint kPush{"POST", "/v1/push", kMaxPushBodyBytes};
inline constexpr Endpoint kPull{"GET", "/v1/pull", 0};
inline constexpr Endpoint kConflicts{"GET", "/v1/conflicts", 0};
inline constexpr Endpoint kResolve{"POST", "/v1/conflicts/{id}/resolve", kMaxSmallBodyBytes};
// The resolve route as an HTTP router's regular expression: the conflict id is the first capture.
inline constexpr const char* kResolveRoute = R"(/v1/conflicts/(\d+)/resolve)";
inline constexpr Endpoint kDirectory{"GET", "/v1/directory", 0};
inline constexpr Endpoint kProposals{"GET", "/v1/directory/proposals", 0};
// The caller's structure's retention period for identities: {"structure": "...", "months": 24}.
inline constexpr Endpoint kRetention{"GET", "/v1/retention", 0};
// The vocabularies the hub speaks, as one JSON document (assets/vocab/vocabularies.json's shape).
inline constexpr Endpoint kVocabularies{"GET", "/v1/vocabularies", 0};

// The endpoint a request line names, when it is one that takes a body (what the hub reads before routing).
// Usage: if (auto* e = bodyEndpoint(req.method, req.path)) cap = e->maxBodyBytes;
const Endpoint* bodyEndpoint(const std::string& method, const std::string& path);

// Query parameters by name, as an HTTP server hands them over (httplib::Params is this type).
using QueryParams = std::multimap<std::string, std::string>;

// A target split into its path and parameters. No percent-decoding: every target built here carries
// digits and plain words only. Usage: auto [path, params] = splitTarget("/v1/pull?since=3");
struct SplitTarget {
    std::string path;
    QueryParams params;
};
SplitTarget splitTarget(const std::string& target);

// Each parse is strict on the parameters it knows and ignores others (proxies add their own). A bad
// value throws mediane::Error (Kind::Validation) whose field() is the parameter's name.

// The `protocol` parameter of a GET: the version the caller speaks, kOldestProtocolVersion when absent.
// A version outside the supported range throws (Validation, "err.sync.protocol_versions", field "protocol").
int parseProtocolParam(const QueryParams& params);

// GET /v1/pull?since=N&limit=M&protocol=P: the change feed after the cursor `since`, in P's vocabulary.
struct PullQuery {
    std::int64_t since = 0;
    std::optional<std::int64_t> limit;  // absent: the hub's default page
    int protocol = kProtocolVersion;    // what this build sends; parsed as 1 when absent
    // held_through=N: the caller holds its own changes up to server_seq N as the hub stored them (its push
    // answers said so); the hub need not send them back. 0 or absent: every change comes.
    std::int64_t heldThrough = 0;
    // layout=columns: the page in the column layout (sync/protocol/column_layout.hpp); absent: in rows.
    bool columns = false;
    // conflicts_after=ID: the last page also carries the open conflicts above ID, the published vocabularies'
    // version and the retention period (PullTail). Absent: the laptop asks for them itself.
    std::optional<std::int64_t> conflictsAfter;

    std::string target() const;
    // The page the hub serves: the default when none is asked, never more than the maximum.
    std::int64_t pageSize(int defaultLimit = kDefaultPullLimit, int maxLimit = kMaxPullLimit) const;
};
PullQuery parsePullQuery(const QueryParams& params);

// GET /v1/conflicts?after=ID&protocol=P: open conflicts with an id above `after`, kConflictPageSize at most.
struct ConflictsQuery {
    std::int64_t after = 0;
    int protocol = kProtocolVersion;
    std::string target() const;
};
ConflictsQuery parseConflictsQuery(const QueryParams& params);

// GET /v1/directory/proposals?protocol=P
struct ProposalsQuery {
    int protocol = kProtocolVersion;
    std::string target() const;
};
ProposalsQuery parseProposalsQuery(const QueryParams& params);

// GET /v1/vocabularies?known=V: the hub's vocabularies document when its version is above V, else
// 304 Not Modified with no body (a laptop asks at every sync; the document itself is rarely new).
struct VocabulariesQuery {
    std::int64_t known = 0;
    std::string target() const;
};
VocabulariesQuery parseVocabulariesQuery(const QueryParams& params);

// POST /v1/conflicts/{id}/resolve. The id stays text: the hub looks it up as a record id, so an id too
// large for any conflict is "unknown_conflict" rather than a malformed request.
struct ResolveTarget {
    std::string conflictId;
    std::string target() const;
};
// The conflict id of a resolve path, nullopt when the path is not one.
std::optional<ResolveTarget> matchResolvePath(const std::string& path);

// GET /v1/directory?format=csv|json
enum class DirectoryFormat { Csv, Json };
struct DirectoryQuery {
    DirectoryFormat format = DirectoryFormat::Csv;
    std::string target() const;
};
DirectoryQuery parseDirectoryQuery(const QueryParams& params);

}  // namespace mediane::sync
