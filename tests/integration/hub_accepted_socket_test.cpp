// The hub's accepted connections: answers leave at once, never held back by Nagle's algorithm.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sync/hub/accepted_socket.hpp"

namespace {

struct Fd {
    int fd;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

TEST_CASE("a connection the hub accepts sends its answers without waiting for the laptop's ACK", "[hub][socket]") {
    Fd listener(::socket(AF_INET, SOCK_STREAM, 0));
    REQUIRE(listener.fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener.fd, 1) == 0);
    socklen_t length = sizeof addr;
    REQUIRE(::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0);

    Fd laptop(::socket(AF_INET, SOCK_STREAM, 0));
    REQUIRE(::connect(laptop.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    Fd accepted(::accept(listener.fd, nullptr, nullptr));
    REQUIRE(accepted.fd >= 0);

    int noDelay = 0;
    socklen_t size = sizeof noDelay;
    REQUIRE(::getsockopt(accepted.fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &size) == 0);
    REQUIRE(noDelay == 0);  // the kernel's default, which cost 40 ms a request

    mediane::hub::prepareAcceptedSocket(accepted.fd);

    REQUIRE(::getsockopt(accepted.fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &size) == 0);
    CHECK(noDelay != 0);
    CHECK((::fcntl(accepted.fd, F_GETFL) & O_NONBLOCK) != 0);
}
