// The bounds the hub puts on every connection, and the TLS files it serves with (plain structs, no httplib).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "sync/protocol/endpoints.hpp"

namespace mediane::hub {

// Why these numbers: a laptop on a 2G link sends its head in well under a second and its body at
// 10 KB/s or more; an attacker who drips bytes is cut at the first deadline it misses, and one client
// address can never hold more than `perAddress` of the `workers` threads.
struct ConnectionLimits {
    int workers = 64;                 // threads serving connections
    int queued = 256;                 // accepted connections waiting for a worker; past that, 503 at once
    int perAddress = 32;              // connections one client address may hold at once (a NATed centre has several laptops)
    std::chrono::milliseconds headDeadline{10000};  // TLS handshake, request line and headers
    std::chrono::milliseconds idleTimeout{5000};    // wait for the next request on a kept-alive connection
    std::size_t maxHeadBytes = 32 * 1024;
    std::size_t maxBodyBytes = sync::kMaxPushBodyBytes;  // raw bytes of one body as sent (compressed or not)
    // Body and response: after the grace period, slower than this on average cuts the connection.
    std::size_t minBytesPerSecond = 1024;
    std::chrono::milliseconds grace{20000};
    int maxRequestsPerConnection = 1000;
};

struct TlsFiles {
    std::string certFile;  // PEM certificate chain
    std::string keyFile;   // PEM private key
};

}  // namespace mediane::hub
