#include "fleet_burst.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "fleet_connection.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace mediane::bench {

namespace {
using Clock = std::chrono::steady_clock;

// One worker's tallies, merged once at the end: no lock on the measured path.
struct WorkerTally {
    RequestStats push, pull;
    std::map<std::string, int> opResults;
    std::uint64_t changesPulled = 0;
    std::int64_t newestServerSeq = 0;
    int laptopsDone = 0, laptopsStarted = 0;
    std::vector<std::string> errors;
};

bool worthRetrying(long status) { return status == 0 || status == 503 || status == 429; }

void note(RequestStats& stats, WorkerTally& tally, const TimedAnswer& answer, const char* kind) {
    stats.seconds.push_back(answer.seconds);
    ++stats.statuses[answer.status];
    stats.bytesIn += answer.body.size();
    if (answer.status != 200 && tally.errors.size() < 3)
        tally.errors.push_back(std::string(kind) + " " + std::to_string(answer.status) + ": " +
                               (answer.status == 0 ? answer.error : answer.body.substr(0, 300)));
}

// Sends until answered other than busy, or attempts run out; waits what the hub asks, at most two seconds.
template <class Send>
TimedAnswer withRetries(const BurstOptions& options, RequestStats& stats, WorkerTally& tally, const char* kind, Send send) {
    TimedAnswer answer;
    for (int attempt = 1; attempt <= options.maxAttempts; ++attempt) {
        answer = send();
        note(stats, tally, answer, kind);
        if (!worthRetrying(answer.status)) break;
        auto wait = std::chrono::milliseconds(std::clamp<long>(answer.retryAfterSeconds * 1000, 200, 2000));
        std::this_thread::sleep_for(wait);
    }
    return answer;
}

void runLaptop(const BurstLaptop& laptop, const BurstOptions& options, FleetConnection& connection, WorkerTally& tally) {
    ++tally.laptopsStarted;
    std::int64_t heldThrough = 0;
    for (const auto& body : laptop.pushBodies) {
        auto answer = withRetries(options, tally.push, tally, "push",
                                  [&] { return connection.post(sync::kPush.path, body, laptop.token, true); });
        if (answer.status != 200) return;  // a laptop keeps its queue and tries at its next sync
        for (const auto& r : sync::decodePushResponse(answer.body).results) {
            ++tally.opResults[r.status];
            heldThrough = std::max(heldThrough, r.serverSeq);
        }
    }
    tally.newestServerSeq = std::max(tally.newestServerSeq, heldThrough);
    sync::PullQuery query;
    query.since = options.cursor;
    query.limit = options.pullLimit;
    query.heldThrough = heldThrough;
    for (int page = 0; page < 100000; ++page) {
        auto answer = withRetries(options, tally.pull, tally, "pull",
                                  [&] { return connection.get(query.target(), laptop.token); });
        if (answer.status != 200) return;
        auto pulled = sync::decodePullResponse(answer.body);
        tally.changesPulled += pulled.changes.size();
        tally.newestServerSeq = std::max(tally.newestServerSeq, pulled.nextSince);
        if (!pulled.hasMore) break;
        query.since = pulled.nextSince;
    }
    ++tally.laptopsDone;
}

void merge(RequestStats& into, RequestStats& from) {
    into.seconds.insert(into.seconds.end(), from.seconds.begin(), from.seconds.end());
    for (const auto& [status, count] : from.statuses) into.statuses[status] += count;
    into.bytesIn += from.bytesIn;
}
}  // namespace

BurstResult runBurst(const std::vector<BurstLaptop>& laptops, const BurstOptions& options) {
    std::atomic<std::size_t> next{0};
    const auto start = Clock::now();
    const auto deadline = start + options.timeLimit;
    std::vector<WorkerTally> tallies(static_cast<std::size_t>(std::max(options.connections, 1)));
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < tallies.size(); ++w)
        workers.emplace_back([&, w] {
            auto& tally = tallies[w];
            FleetConnection connection(options.hubUrls[w % options.hubUrls.size()]);
            for (auto i = next++; i < laptops.size() && Clock::now() < deadline; i = next++)
                runLaptop(laptops[i], options, connection, tally);
        });
    for (auto& w : workers) w.join();
    BurstResult result;
    result.wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (auto& t : tallies) {
        merge(result.push, t.push);
        merge(result.pull, t.pull);
        for (const auto& [status, count] : t.opResults) result.opResults[status] += count;
        result.changesPulled += t.changesPulled;
        result.newestServerSeq = std::max(result.newestServerSeq, t.newestServerSeq);
        result.laptopsDone += t.laptopsDone;
        result.laptopsStarted += t.laptopsStarted;
        for (auto& e : t.errors)
            if (result.firstErrors.size() < 5) result.firstErrors.push_back(std::move(e));
    }
    return result;
}

}  // namespace mediane::bench
