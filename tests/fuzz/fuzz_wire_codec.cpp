// Fuzz target: every decoder of the sync wire codec on the same bytes, then re-encoding what decoded.
// A decoder may refuse (mediane::Error); any other exception, a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace {
using namespace mediane::sync;

// What a decoder accepted must survive encode → decode → encode unchanged: the client and the hub
// exchange exactly these shapes, so a lossy round trip is a protocol bug, not only a crash.
template <typename Decode>
void roundTrip(const char* name, Decode decode, const std::string& text) {
    std::string first;
    try {
        first = encode(decode(text)).dump();
    } catch (const mediane::Error&) {
        return;
    }
    std::string second;
    try {
        second = encode(decode(first)).dump();
    } catch (const mediane::Error& e) {
        std::fprintf(stderr, "%s: the decoder refuses its own encoding (%s)\n%s\n", name, e.key().c_str(), first.c_str());
        std::abort();
    }
    if (second != first) {
        std::fprintf(stderr, "%s: re-encoding changed the message\nfirst:  %s\nsecond: %s\n", name, first.c_str(),
                     second.c_str());
        std::abort();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    roundTrip("push request", decodePushRequest, text);
    // The one-argument overload: answers in rows (the column layout needs the batch it answers).
    roundTrip("push response", [](const std::string& t) { return decodePushResponse(t); }, text);
    roundTrip("pull response", decodePullResponse, text);
    roundTrip("enroll request", decodeEnrollRequest, text);
    roundTrip("enroll response", decodeEnrollResponse, text);
    roundTrip("resolve request", decodeResolveRequest, text);
    roundTrip("error body", decodeErrorBody, text);
    try {
        // The hub's idempotency key is computed on every decoded op.
        for (const auto& op : decodePushRequest(text).batch) (void)payloadFingerprint(op);
    } catch (const mediane::Error&) {
    }
    return 0;
}
