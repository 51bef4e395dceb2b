// Brotli (RFC 7932) compression of bodies on the wire, at a low quality chosen for cost: a laptop's pushes
// to a hub that says it reads them, and the hub's answers to a laptop that accepts them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace mediane::sync {

// Quality 1 (fastest) to 11 (smallest, and twenty times slower than gzip); the window is 2^22 bytes, so
// a pull page's record ids and learners repeated across the whole page compress as back-references,
// where gzip's 32 KB window forgets them.
inline constexpr int kBrotliWindowBits = 22;

// Usage: body = brotliCompress(json.dump(), 5).
std::string brotliCompress(const std::string& data, int quality);

// The decoded text, or nullopt when the stream is corrupt, truncated, or would decode past `limit` bytes
// (a bomb). For tests and tools: the hub's HTTP library decodes request bodies itself.
std::optional<std::string> brotliDecompress(const std::string& data, std::size_t limit);

}  // namespace mediane::sync
