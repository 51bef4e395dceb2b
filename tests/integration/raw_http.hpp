// Test-side HTTP with what HttpClient hides: response headers, and the client's source address (127.0.0.x).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mediane::test {

struct RawResponse {
    long status = 0;  // 0 when the connection failed
    std::string body;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Usage: rawRequest(url, "POST", "/v1/enroll", body, "", "127.0.0.2")  // sent from 127.0.0.2
// Headers in `extraHeaders` ("Accept-Encoding: br") go as they are; the body comes back undecoded.
RawResponse rawRequest(const std::string& baseUrl, const std::string& method, const std::string& path,
                       const std::string& body = {}, const std::string& token = {}, const std::string& fromAddress = {},
                       const std::vector<std::string>& extraHeaders = {});

// /v1/enroll with these credentials, optionally from another loopback address.
RawResponse enrollRaw(const std::string& baseUrl, const std::string& login, const std::string& password,
                      const std::string& deviceId, const std::string& fromAddress = {});

// Runs resin-hub and returns its stdout (for `user list`, `device list`); exit status in *status.
std::string hubToolOutput(const std::vector<std::string>& args, int* status = nullptr);

}  // namespace mediane::test
