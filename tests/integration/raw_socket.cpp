#include "raw_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

namespace mediane::test {

RawSocket::RawSocket(int port, const char* source) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0) return;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source, &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::bind(m_fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(m_fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawSocket::~RawSocket() {
    if (m_fd >= 0) ::close(m_fd);
}

bool RawSocket::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (m_fd >= 0 && sent < bytes.size()) {
        pollfd p{m_fd, POLLOUT, 0};
        if (::poll(&p, 1, 5000) <= 0) return false;
        auto n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return m_fd >= 0;
}

std::string RawSocket::readFor(std::chrono::milliseconds timeout) {
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_fd >= 0 && !m_closed) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buffer[4096];
        auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            m_closed = true;
            break;
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

bool RawSocket::closedWithin(std::chrono::milliseconds timeout) {
    readFor(timeout);
    return m_closed;
}

namespace {
long statusField(int pid, const std::string& name) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(name + ":", 0) == 0) return std::stol(line.substr(name.size() + 1)) / 1024;
    return 0;
}
}  // namespace

long residentMiB(int pid) { return statusField(pid, "VmRSS"); }
long peakResidentMiB(int pid) { return statusField(pid, "VmHWM"); }

}  // namespace mediane::test
