// The hub's front door: httplib's request handling on connections the hub admits and bounds itself
// (count, time and bytes per connection and per client address), in plain HTTP or TLS.
#pragma once

#include <httplib.h>

#include "sync/hub/connection_limits.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mediane::hub {

class TlsContext;

class GuardedServer : public httplib::Server {
public:
    explicit GuardedServer(ConnectionLimits limits);
    ~GuardedServer() override;

    // Serves HTTPS from now on. Throws mediane::Error ("err.hub.tls_files") when the files do not load.
    void useTls(const TlsFiles& files);
    // Re-reads the certificate and key (SIGHUP). On failure the current ones stay in use and the reason
    // is returned; on success, "" (connections already open keep their handshake).
    std::string reloadTls();
    bool tlsEnabled() const;
    // After binding: room for this many connections waiting to be accepted.
    void widenBacklog(int connections);

    // Called from the pre-routing handler: the head of the current request is parsed, the body
    // deadline starts now. Without it the head deadline also covers the body.
    static void markHeadComplete();
    // The current connection closes after this response (e.g. an unread body is left on it).
    static void closeAfterResponse();

    // Usage: auto wire = server.processBytes("GET /healthz HTTP/1.1\r\n\r\n");
    // The same request handling on bytes in memory instead of a socket (fuzzing and tests).
    std::string processBytes(const std::string& bytes);

private:
    bool process_and_close_socket(socket_t sock) override;
    bool admit(const std::string& address);
    void release(const std::string& address);

    ConnectionLimits m_limits;
    std::unique_ptr<TlsContext> m_tls;
    std::mutex m_addressMutex;
    std::unordered_map<std::string, int> m_perAddress;
};

}  // namespace mediane::hub
