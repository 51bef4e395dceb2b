// The morning burst: every laptop pushes its day and pulls what its structure pushed, over a bounded pool of connections.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mediane::bench {

struct BurstLaptop {
    std::string deviceId;
    std::string token;
    std::vector<std::string> pushBodies;  // gzip, ready to send: building them is not what is measured
    int ops = 0;
};

struct BurstOptions {
    // One or more hub processes on one database: connection i goes to hubUrls[i % size], as a round-robin
    // balancer in front of them would send each new connection.
    std::vector<std::string> hubUrls;
    int connections = 32;                 // worker threads, each a kept-alive connection
    std::chrono::seconds timeLimit{300};  // no laptop starts after it; requests in flight finish
    int pullLimit = 500;
    std::int64_t cursor = 0;              // every laptop's pull cursor before the burst
    int maxAttempts = 5;                  // a request answered 503/429 or not at all is sent again, as laptops do
};

// What one kind of request (push or pull) did.
struct RequestStats {
    std::vector<double> seconds;          // every attempt's latency
    std::map<long, int> statuses;         // by HTTP status, 0 for no answer
    std::uint64_t bytesIn = 0;            // answers' bodies, decompressed
};

struct BurstResult {
    double wallSeconds = 0;
    int laptopsDone = 0;                  // pushed and pulled to the end
    int laptopsStarted = 0;
    RequestStats push, pull;
    std::map<std::string, int> opResults; // applied, duplicate, conflict, rejected
    std::uint64_t changesPulled = 0;
    std::int64_t newestServerSeq = 0;
    std::vector<std::string> firstErrors; // a few answers that were not 200, to tell what went wrong
};

BurstResult runBurst(const std::vector<BurstLaptop>& laptops, const BurstOptions& options);

}  // namespace mediane::bench
