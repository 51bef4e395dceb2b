// How the hub sets up each connection it accepts, before any byte of HTTP is read.
#pragma once

namespace mediane::hub {

// Non-blocking (every read and write waits under the connection's deadlines), and no Nagle delay: an answer
// leaves as a head then a body in two writes, and with Nagle's algorithm the body waited for the laptop's
// delayed ACK of the head, 40 ms on every request of a sync (docs/benchmarks.md).
void prepareAcceptedSocket(int fd);

}  // namespace mediane::hub
