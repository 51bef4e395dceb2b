#include "sync/hub/guarded_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "sync/hub/accepted_socket.hpp"

// Section index: per-request state · bounded worker pool · TLS context · socket stream · memory stream ·
// admission and the connection loop

namespace mediane::hub {

namespace {
using Clock = std::chrono::steady_clock;

// What the pre-routing handler tells the stream of the request in flight; one connection per thread.
struct RequestState {
    bool headComplete = false;
    bool closeAfter = false;
    Clock::time_point bodyStart{};
};
thread_local RequestState* t_request = nullptr;
// Set on the thread that sheds connections the pool has no room for.
thread_local bool t_shedding = false;

// ---------------------------------------------------------------------------------------------------
// A fixed set of workers and a bounded queue. What does not fit goes to one shedding thread, which
// answers 503 and closes: an accepted socket is never dropped without being closed.
class BoundedPool : public httplib::TaskQueue {
public:
    BoundedPool(int workers, int queued) : m_maxQueued(static_cast<std::size_t>(std::max(queued, 1))) {
        for (int i = 0; i < std::max(workers, 1); ++i) m_threads.emplace_back([this] { work(m_jobs, m_wakeWorker, false); });
        m_threads.emplace_back([this] { work(m_shed, m_wakeShedder, true); });
    }
    ~BoundedPool() override = default;

    // One thread woken per connection: waking them all would let 64 threads compete with the accept
    // loop for two cores at every connection.
    void enqueue(std::function<void()> fn) override {
        bool shed = false;
        {
            std::lock_guard lock(m_mutex);
            shed = m_jobs.size() >= m_maxQueued;
            (shed ? m_shed : m_jobs).push_back(std::move(fn));
        }
        (shed ? m_wakeShedder : m_wakeWorker).notify_one();
    }

    void shutdown() override {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wakeWorker.notify_all();
        m_wakeShedder.notify_all();
        for (auto& t : m_threads) t.join();
    }

private:
    void work(std::deque<std::function<void()>>& queue, std::condition_variable& wake, bool shedding) {
        t_shedding = shedding;
        for (;;) {
            std::function<void()> fn;
            {
                std::unique_lock lock(m_mutex);
                wake.wait(lock, [&] { return !queue.empty() || m_stopping; });
                if (queue.empty()) return;
                fn = std::move(queue.front());
                queue.pop_front();
            }
            fn();
        }
    }

    std::size_t m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_wakeWorker, m_wakeShedder;
    std::deque<std::function<void()>> m_jobs, m_shed;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

std::string opensslError() {
    unsigned long code = ERR_get_error();
    if (code == 0) return "unknown TLS error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
}
}  // namespace

// ---------------------------------------------------------------------------------------------------
// The certificate and key in use; a reload swaps the whole context, so a handshake in progress keeps
// the one it started with.
class TlsContext {
public:
    explicit TlsContext(TlsFiles files) : m_files(std::move(files)) {
        auto error = reload();
        if (!error.empty())
            throw Error(Error::Kind::Io, "err.hub.tls_files",
                        {{"cert", m_files.certFile}, {"key", m_files.keyFile}, {"detail", error}});
    }

    std::string reload() {
        std::shared_ptr<SSL_CTX> ctx(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
        if (!ctx) return opensslError();
        SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
        SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
        if (SSL_CTX_use_certificate_chain_file(ctx.get(), m_files.certFile.c_str()) != 1) return opensslError();
        if (SSL_CTX_use_PrivateKey_file(ctx.get(), m_files.keyFile.c_str(), SSL_FILETYPE_PEM) != 1)
            return opensslError();
        if (SSL_CTX_check_private_key(ctx.get()) != 1) return opensslError();
        std::lock_guard lock(m_mutex);
        m_ctx = std::move(ctx);
        return {};
    }

    std::shared_ptr<SSL_CTX> current() {
        std::lock_guard lock(m_mutex);
        return m_ctx;
    }

private:
    TlsFiles m_files;
    std::mutex m_mutex;
    std::shared_ptr<SSL_CTX> m_ctx;
};

namespace {
// ---------------------------------------------------------------------------------------------------
// A non-blocking socket (optionally TLS) whose every read and write is held to the request's budget:
// the head within its deadline and byte cap, the body and the response above a minimum rate.
class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(int fd, SSL* ssl, const ConnectionLimits& limits, std::string peer, int peerPort)
        : m_fd(fd), m_ssl(ssl), m_limits(limits), m_peer(std::move(peer)), m_peerPort(peerPort) {}

    void beginRequest(RequestState& state) {
        m_state = &state;
        m_start = Clock::now();
        m_read = 0;
        m_written = 0;
        m_writeStart = {};
    }

    // TLS handshake under the head deadline.
    bool handshake() {
        m_start = Clock::now();
        for (;;) {
            int rc = SSL_accept(m_ssl);
            if (rc == 1) return true;
            if (!waitFor(SSL_get_error(m_ssl, rc), m_start + m_limits.headDeadline)) return false;
        }
    }

    // True when a next request starts arriving within the idle timeout.
    bool waitForRequest() {
        if (m_ssl && SSL_pending(m_ssl) > 0) return true;
        return pollFor(POLLIN, Clock::now() + m_limits.idleTimeout);
    }

    bool is_readable() const override {
        if (m_ssl && SSL_pending(m_ssl) > 0) return true;
        return const_cast<ConnectionStream*>(this)->pollFor(POLLIN, readDeadline());
    }
    bool is_writable() const override { return const_cast<ConnectionStream*>(this)->pollFor(POLLOUT, writeDeadline()); }

    ssize_t read(char* ptr, size_t size) override {
        std::size_t budget = headDone() ? m_limits.maxHeadBytes + m_limits.maxBodyBytes : m_limits.maxHeadBytes;
        if (m_read >= budget) return -1;
        size = std::min(size, budget - m_read);
        auto deadline = readDeadline();
        for (;;) {
            ssize_t n;
            int error = 0;
            if (m_ssl) {
                int rc = SSL_read(m_ssl, ptr, static_cast<int>(std::min<size_t>(size, 1 << 30)));
                n = rc;
                if (rc <= 0) error = SSL_get_error(m_ssl, rc);
                if (rc <= 0 && error == SSL_ERROR_ZERO_RETURN) return 0;
            } else {
                n = ::recv(m_fd, ptr, size, MSG_DONTWAIT);
                if (n < 0) error = (errno == EAGAIN || errno == EWOULDBLOCK) ? SSL_ERROR_WANT_READ
                                   : errno == EINTR                        ? -1
                                                                           : SSL_ERROR_SYSCALL;
            }
            if (n >= 0 && error == 0) {
                m_read += static_cast<std::size_t>(n);
                return n;
            }
            if (error == -1) continue;
            if (!waitFor(error, deadline)) return -1;
        }
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (m_writeStart == Clock::time_point{}) m_writeStart = Clock::now();
        auto deadline = writeDeadline();
        for (;;) {
            ssize_t n;
            int error = 0;
            if (m_ssl) {
                int rc = SSL_write(m_ssl, ptr, static_cast<int>(std::min<size_t>(size, 1 << 30)));
                n = rc;
                if (rc <= 0) error = SSL_get_error(m_ssl, rc);
            } else {
                n = ::send(m_fd, ptr, size, MSG_DONTWAIT | MSG_NOSIGNAL);
                if (n < 0) error = (errno == EAGAIN || errno == EWOULDBLOCK) ? SSL_ERROR_WANT_WRITE
                                   : errno == EINTR                        ? -1
                                                                           : SSL_ERROR_SYSCALL;
            }
            if (n > 0 && error == 0) {
                m_written += static_cast<std::size_t>(n);
                return n;
            }
            if (error == -1) continue;
            if (!waitFor(error, deadline)) return -1;
        }
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_peer;
        port = m_peerPort;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip.clear();
        port = 0;
    }
    socket_t socket() const override { return m_fd; }

private:
    bool headDone() const { return m_state && m_state->headComplete; }

    // Head: a fixed deadline from the request's first byte. Body: the grace plus what the bytes read so far
    // allow at the minimum rate, so a slow but steady link passes and a drip does not.
    Clock::time_point readDeadline() const {
        if (!headDone()) return m_start + m_limits.headDeadline;
        return m_state->bodyStart + m_limits.grace + rateAllowance(m_read);
    }
    Clock::time_point writeDeadline() const {
        auto start = m_writeStart == Clock::time_point{} ? Clock::now() : m_writeStart;
        return start + m_limits.grace + rateAllowance(m_written);
    }
    std::chrono::milliseconds rateAllowance(std::size_t bytes) const {
        auto rate = std::max<std::size_t>(m_limits.minBytesPerSecond, 1);
        return std::chrono::milliseconds(static_cast<long long>(bytes * 1000 / rate));
    }

    bool waitFor(int sslError, Clock::time_point deadline) {
        if (sslError == SSL_ERROR_WANT_READ) return pollFor(POLLIN, deadline);
        if (sslError == SSL_ERROR_WANT_WRITE) return pollFor(POLLOUT, deadline);
        return false;  // closed, reset or a TLS protocol error
    }

    bool pollFor(short events, Clock::time_point deadline) {
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) return false;
            pollfd p{m_fd, events, 0};
            int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
            if (rc > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
            if (rc < 0 && errno != EINTR) return false;
        }
    }

    int m_fd;
    SSL* m_ssl;
    const ConnectionLimits& m_limits;
    std::string m_peer;
    int m_peerPort;
    RequestState* m_state = nullptr;
    Clock::time_point m_start{}, m_writeStart{};
    std::size_t m_read = 0, m_written = 0;
};

// ---------------------------------------------------------------------------------------------------
class MemoryStream : public httplib::Stream {
public:
    explicit MemoryStream(const std::string& input) : m_input(input) {}
    bool is_readable() const override { return m_pos < m_input.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        size = std::min(size, m_input.size() - m_pos);
        std::copy_n(m_input.data() + m_pos, size, ptr);
        m_pos += size;
        return static_cast<ssize_t>(size);
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (m_output.size() < 1024 * 1024) m_output.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = "192.0.2.1";  // TEST-NET-1: never a real caller
        port = 9;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip.clear();
        port = 0;
    }
    socket_t socket() const override { return -1; }
    bool exhausted() const { return m_pos >= m_input.size(); }
    const std::string& output() const { return m_output; }

private:
    const std::string& m_input;
    std::size_t m_pos = 0;
    std::string m_output;
};

std::string peerAddress(int fd, int& port) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    port = 0;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "unknown";
    char text[INET6_ADDRSTRLEN] = {0};
    if (addr.ss_family == AF_INET) {
        auto* in = reinterpret_cast<sockaddr_in*>(&addr);
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&addr);
        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        port = ntohs(in6->sin6_port);
    }
    return text;
}

// For connections refused before any HTTP is parsed: a complete answer, written once without waiting.
void refuse(int fd, const char* reason) {
    std::string body = std::string(R"({"error":"busy","message":")") + reason + R"("})";
    std::string wire = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 5\r\n"
                       "Connection: close\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(fd, wire.data(), wire.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}
}  // namespace

// ---------------------------------------------------------------------------------------------------
GuardedServer::GuardedServer(ConnectionLimits limits) : m_limits(limits) {
    new_task_queue = [workers = m_limits.workers, queued = m_limits.queued] { return new BoundedPool(workers, queued); };
    // The Keep-Alive header httplib writes tells clients the limits this class enforces.
    set_keep_alive_max_count(static_cast<size_t>(m_limits.maxRequestsPerConnection));
    set_keep_alive_timeout(std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(m_limits.idleTimeout).count()));
    set_payload_max_length(m_limits.maxBodyBytes);
}

GuardedServer::~GuardedServer() = default;

void GuardedServer::useTls(const TlsFiles& files) { m_tls = std::make_unique<TlsContext>(files); }

std::string GuardedServer::reloadTls() { return m_tls ? m_tls->reload() : std::string("TLS is not enabled"); }

bool GuardedServer::tlsEnabled() const { return m_tls != nullptr; }

void GuardedServer::widenBacklog(int connections) {
    // The HTTP library listens with a backlog of 5: a burst of laptops (or an attacker's) overflowed it
    // and every seventh connection waited a second for a SYN retry. Linux takes a second listen() on a
    // listening socket as a new backlog.
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, connections);
}

void GuardedServer::markHeadComplete() {
    if (t_request && !t_request->headComplete) {
        t_request->headComplete = true;
        t_request->bodyStart = Clock::now();
    }
}

void GuardedServer::closeAfterResponse() {
    if (t_request) t_request->closeAfter = true;
}

bool GuardedServer::admit(const std::string& address) {
    std::lock_guard lock(m_addressMutex);
    auto& count = m_perAddress[address];
    if (count >= m_limits.perAddress) return false;
    ++count;
    return true;
}

void GuardedServer::release(const std::string& address) {
    std::lock_guard lock(m_addressMutex);
    auto it = m_perAddress.find(address);
    if (it != m_perAddress.end() && --it->second <= 0) m_perAddress.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
    int peerPort = 0;
    auto peer = peerAddress(sock, peerPort);
    bool ok = false;
    if (t_shedding) {
        refuse(sock, "the hub is at its connection limit; retry shortly");
        std::fprintf(stderr, "refused connection from %s: the hub is at its connection limit\n", peer.c_str());
    } else if (!admit(peer)) {
        refuse(sock, "too many connections from this address; retry shortly");
        std::fprintf(stderr, "refused connection from %s: over %d connections from this address\n", peer.c_str(),
                     m_limits.perAddress);
    } else {
        prepareAcceptedSocket(sock);
        std::shared_ptr<SSL_CTX> ctx = m_tls ? m_tls->current() : nullptr;
        SSL* ssl = nullptr;
        if (ctx) {
            ssl = SSL_new(ctx.get());
            if (ssl) SSL_set_fd(ssl, sock);
        }
        ConnectionStream stream(sock, ssl, m_limits, peer, peerPort);
        bool ready = !ctx || (ssl && stream.handshake());
        for (int count = m_limits.maxRequestsPerConnection; ready && count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
            if (!stream.waitForRequest()) break;
            RequestState state;
            t_request = &state;
            stream.beginRequest(state);
            bool closed = false;
            ok = process_request(stream, count == 1, closed, nullptr);
            t_request = nullptr;
            // A head that never reached routing (malformed, too big, too slow) was answered 400 at best:
            // the rest of that connection is not worth reading.
            if (!ok || closed || state.closeAfter || !state.headComplete) break;
        }
        if (ssl) {
            if (ready) SSL_shutdown(ssl);
            SSL_free(ssl);
        }
        ERR_clear_error();
        release(peer);
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

std::string GuardedServer::processBytes(const std::string& bytes) {
    MemoryStream stream(bytes);
    for (int count = 16; count > 0 && !stream.exhausted(); --count) {
        RequestState state;
        t_request = &state;
        bool closed = false;
        bool ok = process_request(stream, false, closed, nullptr);
        t_request = nullptr;
        if (!ok || closed || state.closeAfter) break;
    }
    return stream.output();
}

}  // namespace mediane::hub
