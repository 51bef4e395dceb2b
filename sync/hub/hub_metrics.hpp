// The hub's own counters for GET /metrics, in Prometheus' text format: counts only, never a login or an id.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// Usage: metrics.countRequest(HubMetrics::routeOf(req.path), res.status);  text = metrics.render();
// Every counter is a relaxed atomic: the request threads add to them without a lock, and a scrape reads
// each one as it is at that instant (the exposition format asks no more than that). The counts are this
// process's since it started: several hubs on one database are each scraped, and Prometheus sums them.
class HubMetrics {
public:
    // The routes a request is counted under. A path the hub does not serve is "other", whatever it is, so
    // that no caller can make the output grow or carry its bytes (a resolve path's conflict id included).
    enum class Route { Health, Enroll, Push, Pull, Conflicts, Resolve, Directory, Proposals, Retention,
                       Vocabularies, Metrics, Other };
    static constexpr std::size_t kRoutes = static_cast<std::size_t>(Route::Other) + 1;
    static Route routeOf(const std::string& path);

    void countRequest(Route route, int status);
    // One push's answers: applied, duplicate, conflict, rejected, and the conflicts it raised by kind.
    void countOps(const sync::PushResponse& response);
    // A pull from cursor `since` while the newest change is `newestServerSeq`: how far behind the puller was.
    void notePull(std::int64_t since, std::int64_t newestServerSeq);
    // The database failed under a request (Error::Kind::Storage): disk full, I/O error, a corrupt page.
    void countDatabaseError();

    std::string render() const;

    // The pull lag histogram's upper bounds, in changes (the last bucket, +Inf, is implied).
    static constexpr std::array<std::int64_t, 8> kLagBounds{0, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

private:
    using Counter = std::atomic<std::uint64_t>;
    // Status classes 1xx to 5xx; anything outside them is counted as 5xx (a status the hub never sends).
    std::array<std::array<Counter, 5>, kRoutes> m_requests{};
    // applied, duplicate, conflict, rejected
    std::array<Counter, 4> m_ops{};
    // hard, soft, over_redemption, update_after_delete, place_proposal, other
    std::array<Counter, 6> m_conflicts{};
    std::array<Counter, kLagBounds.size() + 1> m_lagBuckets{};
    Counter m_lagSum{0};
    std::atomic<std::int64_t> m_newestServerSeq{0};
    Counter m_databaseErrors{0};
};

}  // namespace mediane::hub
