// The real transport: libcurl with connect and low-speed timeouts, gzip both ways, TLS verification on.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "sync/client/transport.hpp"

namespace mediane::sync {

struct TransportOptions {
    int connectTimeoutSeconds = 15;
    // A stalled 2G link: fewer than lowSpeedBytes per second for lowSpeedSeconds aborts the request.
    int lowSpeedBytes = 50;
    int lowSpeedSeconds = 30;
    bool verifyTls = true;
    std::string caFile;  // extra CA bundle (e.g. a structure's own certificate authority); empty: system store
    std::string caPem;   // the same as PEM text (remembered at enrolment); caFile wins when both are set
    const std::atomic<bool>* abort = nullptr;  // when it turns true, the exchange in flight stops
};

// Usage: CurlTransport t("https://hub.example.org"); auto r = t.send({kHealth.method, kHealth.path});
// One instance per thread: it keeps one connection alive between requests.
class CurlTransport : public Transport {
public:
    explicit CurlTransport(std::string baseUrl, TransportOptions options = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    HttpResponse send(const HttpRequest& request) override;
    WireStats stats() const override { return m_stats; }

private:
    std::string m_baseUrl;
    TransportOptions m_options;
    void* m_curl = nullptr;  // CURL*, kept opaque so this header does not pull in curl.h
    WireStats m_stats;
    // The hub's answers said it reads Brotli bodies (Accept-Encoding: br): pushes go in Brotli from then on,
    // and its answers are asked in Brotli too.
    bool m_hubReadsBrotli = false;
};

}  // namespace mediane::sync
