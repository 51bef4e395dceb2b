// A bare TCP client for attack tests: bytes exactly as an attacker would send them, from a chosen loopback address.
#pragma once

#include <chrono>
#include <string>

namespace mediane::test {

// Usage: RawSocket s(hub.port(), "127.0.0.2"); s.send("GET / HTTP/1.1\r\n"); auto answer = s.readFor(2s);
class RawSocket {
public:
    // Connects to 127.0.0.1:port from `source` (any 127.x.y.z address: each is a different client to the hub).
    explicit RawSocket(int port, const char* source = "127.0.0.1");
    ~RawSocket();
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool connected() const { return m_fd >= 0; }
    // False once the peer has closed or reset the connection.
    bool send(const std::string& bytes);
    // What arrives until the peer closes or the time is up.
    std::string readFor(std::chrono::milliseconds timeout);
    // True when the peer closed the connection (EOF or reset) within the time.
    bool closedWithin(std::chrono::milliseconds timeout);

private:
    int m_fd = -1;
    bool m_closed = false;
};

// The resident and peak memory of a process, in MiB, from /proc (0 when it cannot be read).
long residentMiB(int pid);
long peakResidentMiB(int pid);

}  // namespace mediane::test
