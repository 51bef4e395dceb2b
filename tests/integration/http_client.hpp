// A small libcurl client for the integration tests (the real sync engine's transport comes later).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace mediane::test {

struct HttpResponse {
    long status = 0;  // 0 when the connection failed
    std::string body;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// Usage: HttpClient http(hub.url()); http.setToken(token); auto r = http.post("/v1/push", body.dump());
// Every call has connect and total timeouts, so a stuck hub fails a test instead of hanging it.
class HttpClient {
public:
    explicit HttpClient(std::string baseUrl);
    void setToken(std::string token) { m_token = std::move(token); }
    const std::string& token() const { return m_token; }

    HttpResponse get(const std::string& path) const;
    // gzip: send the body compressed with Content-Encoding: gzip, as the laptop client does.
    HttpResponse post(const std::string& path, const std::string& body, bool gzip = false) const;

private:
    HttpResponse perform(const std::string& method, const std::string& path, const std::string* body, bool gzip) const;
    std::string m_baseUrl;
    std::string m_token;
};

std::string gzipCompress(const std::string& data);

}  // namespace mediane::test
