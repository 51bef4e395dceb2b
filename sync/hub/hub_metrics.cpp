#include "sync/hub/hub_metrics.hpp"

#include <string_view>

#include "sync/protocol/endpoints.hpp"

namespace mediane::hub {

namespace {
constexpr std::array<const char*, HubMetrics::kRoutes> kRouteNames{
    "health", "enroll", "push", "pull", "conflicts", "resolve", "directory", "proposals", "retention",
    "vocabularies", "metrics", "other"};
constexpr std::array<const char*, 5> kStatusClasses{"1xx", "2xx", "3xx", "4xx", "5xx"};
constexpr std::array<const char*, 4> kOpStatuses{"applied", "duplicate", "conflict", "rejected"};
constexpr std::array<const char*, 6> kConflictKinds{"hard", "soft", "over_redemption", "update_after_delete",
                                                    "place_proposal", "other"};
constexpr auto kRelaxed = std::memory_order_relaxed;

std::size_t indexIn(const auto& names, std::string_view name, std::size_t otherwise) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (name == names[i]) return i;
    return otherwise;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(std::string& out, const std::string& nameAndLabels, std::uint64_t value) {
    out += nameAndLabels;
    out += ' ';
    out += std::to_string(value);
    out += '\n';
}
}  // namespace

HubMetrics::Route HubMetrics::routeOf(const std::string& path) {
    using sync::Endpoint;
    static constexpr std::array<std::pair<const Endpoint*, Route>, 9> kFixed{{
        {&sync::kHealth, Route::Health},         {&sync::kEnroll, Route::Enroll},
        {&sync::kPush, Route::Push},             {&sync::kPull, Route::Pull},
        {&sync::kConflicts, Route::Conflicts},   {&sync::kDirectory, Route::Directory},
        {&sync::kProposals, Route::Proposals},   {&sync::kRetention, Route::Retention},
        {&sync::kVocabularies, Route::Vocabularies},
    }};
    for (const auto& [endpoint, route] : kFixed)
        if (path == endpoint->path) return route;
    if (path == "/metrics") return Route::Metrics;
    if (sync::matchResolvePath(path)) return Route::Resolve;
    return Route::Other;
}

void HubMetrics::countRequest(Route route, int status) {
    auto cls = status >= 100 && status < 600 ? static_cast<std::size_t>(status / 100 - 1) : std::size_t{4};
    m_requests[static_cast<std::size_t>(route)][cls].fetch_add(1, kRelaxed);
}

void HubMetrics::countOps(const sync::PushResponse& response) {
    for (const auto& r : response.results) {
        auto status = indexIn(kOpStatuses, r.status, kOpStatuses.size());
        if (status == kOpStatuses.size()) continue;  // the applier answers nothing else; not counted if it did
        m_ops[status].fetch_add(1, kRelaxed);
        // A duplicate of a conflict raised none: the conflict was counted when it was raised.
        if (r.status == "conflict")
            m_conflicts[indexIn(kConflictKinds, r.conflictKind, kConflictKinds.size() - 1)].fetch_add(1, kRelaxed);
    }
}

void HubMetrics::notePull(std::int64_t since, std::int64_t newestServerSeq) {
    auto lag = newestServerSeq > since ? newestServerSeq - since : 0;
    std::size_t bucket = 0;
    while (bucket < kLagBounds.size() && lag > kLagBounds[bucket]) ++bucket;
    m_lagBuckets[bucket].fetch_add(1, kRelaxed);
    m_lagSum.fetch_add(static_cast<std::uint64_t>(lag), kRelaxed);
    // The highest seen, not the last: pulls finish out of order across threads.
    auto newest = m_newestServerSeq.load(kRelaxed);
    while (newestServerSeq > newest && !m_newestServerSeq.compare_exchange_weak(newest, newestServerSeq, kRelaxed)) {
    }
}

void HubMetrics::countDatabaseError() { m_databaseErrors.fetch_add(1, kRelaxed); }

std::string HubMetrics::render() const {
    std::string out;
    out.reserve(8192);
    header(out, "mediane_hub_requests_total", "counter",
           "HTTP requests answered, by route and status class (unknown paths count as route other)");
    for (std::size_t r = 0; r < kRoutes; ++r)
        for (std::size_t c = 0; c < kStatusClasses.size(); ++c)
            sample(out, std::string("mediane_hub_requests_total{route=\"") + kRouteNames[r] + "\",status=\"" +
                            kStatusClasses[c] + "\"}",
                   m_requests[r][c].load(kRelaxed));

    header(out, "mediane_hub_ops_total", "counter", "Pushed ops answered, by outcome");
    for (std::size_t s = 0; s < kOpStatuses.size(); ++s)
        sample(out, std::string("mediane_hub_ops_total{status=\"") + kOpStatuses[s] + "\"}", m_ops[s].load(kRelaxed));

    header(out, "mediane_hub_conflicts_raised_total", "counter", "Conflicts raised by pushed ops, by kind");
    for (std::size_t k = 0; k < kConflictKinds.size(); ++k)
        sample(out, std::string("mediane_hub_conflicts_raised_total{kind=\"") + kConflictKinds[k] + "\"}",
               m_conflicts[k].load(kRelaxed));

    header(out, "mediane_hub_pull_lag_changes", "histogram",
           "How far behind the newest change a pull's cursor was, in changes (server_seq values)");
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kLagBounds.size(); ++b) {
        cumulative += m_lagBuckets[b].load(kRelaxed);
        sample(out, "mediane_hub_pull_lag_changes_bucket{le=\"" + std::to_string(kLagBounds[b]) + "\"}", cumulative);
    }
    cumulative += m_lagBuckets[kLagBounds.size()].load(kRelaxed);
    // +Inf equals _count by definition: both are written from the same sum of buckets, so a scrape taken
    // while a pull is being counted still reads as a consistent histogram.
    sample(out, "mediane_hub_pull_lag_changes_bucket{le=\"+Inf\"}", cumulative);
    sample(out, "mediane_hub_pull_lag_changes_sum", m_lagSum.load(kRelaxed));
    sample(out, "mediane_hub_pull_lag_changes_count", cumulative);

    header(out, "mediane_hub_newest_server_seq", "gauge", "The newest change's server_seq a pull of this process saw");
    sample(out, "mediane_hub_newest_server_seq", static_cast<std::uint64_t>(m_newestServerSeq.load(kRelaxed)));

    header(out, "mediane_hub_database_errors_total", "counter",
           "Requests the database failed (I/O error, disk full, corrupt page), answered 500");
    sample(out, "mediane_hub_database_errors_total", m_databaseErrors.load(kRelaxed));
    return out;
}

}  // namespace mediane::hub
