// One simulated laptop connection to the hub: a libcurl handle kept alive across requests, timed per request.
#pragma once

#include <string>

#include <curl/curl.h>

namespace mediane::bench {

struct TimedAnswer {
    long status = 0;          // 0: no HTTP answer (refused, reset, timed out)
    std::string body;         // decompressed
    double seconds = 0;       // from the first byte sent to the last received
    long retryAfterSeconds = 0;
    std::string error;        // libcurl's text when status is 0
};

// Usage: FleetConnection c(hubUrl); auto a = c.post("/v1/push", gzippedBody, token, true);
// Not thread-safe: one per worker thread. Asks for gzip answers and sends gzip bodies, as laptops do.
class FleetConnection {
public:
    explicit FleetConnection(std::string baseUrl);
    ~FleetConnection();
    FleetConnection(const FleetConnection&) = delete;
    FleetConnection& operator=(const FleetConnection&) = delete;

    TimedAnswer get(const std::string& target, const std::string& token);
    TimedAnswer post(const std::string& target, const std::string& body, const std::string& token, bool gzipped);

private:
    TimedAnswer perform(const std::string& target, const std::string* body, const std::string& token, bool gzipped);
    std::string m_baseUrl;
    CURL* m_curl = nullptr;
};

}  // namespace mediane::bench
