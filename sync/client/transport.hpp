// The one door to the network: an HTTP exchange with the hub, behind an interface so tests can inject faults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mediane::sync {

struct HttpRequest {
    std::string method = "GET";  // GET | POST
    std::string target;          // path and query, from sync/protocol/endpoints.hpp (e.g. PullQuery::target())
    std::string body;            // JSON text, uncompressed
    // Send the body compressed: in Brotli once the hub has said it reads it (its Accept-Encoding answer
    // header), gzip until then and to a hub that never says so.
    bool compressBody = false;
    std::string token;           // device token, empty for /v1/enroll
    // The body as it will travel and its Content-Encoding, when Transport::prepare compressed it ahead.
    std::string encodedBody{};
    std::string encoding{};
};

struct HttpResponse {
    long status = 0;
    std::string body;                      // decompressed
    std::optional<int> retryAfterSeconds;  // from a Retry-After header, when the hub sent one
    // A renewed device token (X-Mediane-Next-Token): the laptop must keep it and use it from now on.
    std::optional<std::string> nextToken{};
    bool hubReadsBrotli = false;    // the answer's Accept-Encoding header names br
    std::string contentEncoding{};  // how the body travelled ("br", "gzip", or "" when not compressed)
};

// Bytes actually on the wire (compressed bodies and headers), for the status and the benchmarks.
struct WireStats {
    std::int64_t requests = 0;
    std::int64_t bytesSent = 0;
    std::int64_t bytesReceived = 0;
};

class Transport {
public:
    virtual ~Transport() = default;
    // Returns the hub's answer, whatever its status; throws mediane::Error (Kind::Io,
    // "err.sync.network") when no complete answer arrived: refused, cut, timed out, TLS failure.
    virtual HttpResponse send(const HttpRequest& request) = 0;
    virtual WireStats stats() const = 0;
    // Compresses a body ahead of send, so that a caller with another request in flight does it meanwhile
    // rather than between two exchanges. Safe while a send runs on another thread. The default leaves it to send.
    virtual void prepare(HttpRequest& request) { (void)request; }
};

}  // namespace mediane::sync
