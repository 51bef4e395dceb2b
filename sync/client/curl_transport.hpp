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

// The Brotli quality of the next upload, from the rate the previous one reached (bytes a second from sending
// it to the hub's first answer byte, the hub's work included; 0: none measured yet). A link slower than about
// 2 Mbit/s is worth the CPU of a smaller body (quality 5); a faster one is not, and the laptop's CPU then
// limits a large push (quality 3: 9 % more bytes, 10 % less of the laptop's CPU on the large demo).
int uploadBrotliQuality(double uploadBytesPerSecond);

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
    void prepare(HttpRequest& request) override;
    // Bytes a second the last large compressed upload reached (0: none yet); its next quality follows it.
    double uploadRate() const { return m_uploadRate; }

private:
    std::string m_baseUrl;
    TransportOptions m_options;
    void* m_curl = nullptr;  // CURL*, kept opaque so this header does not pull in curl.h
    WireStats m_stats;
    // The hub's answers said it reads Brotli bodies (Accept-Encoding: br): pushes go in Brotli from then on,
    // and its answers are asked in Brotli too.
    // Both atomic: prepare reads them on the caller's thread while a send writes them on its own.
    std::atomic<bool> m_hubReadsBrotli{false};
    std::atomic<double> m_uploadRate{0};  // of the last compressed body large enough to tell (uploadBrotliQuality)
};

}  // namespace mediane::sync
