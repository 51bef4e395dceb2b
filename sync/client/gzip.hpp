// gzip (RFC 1952) compression of request bodies, so a push costs close to its compressed size on the wire.
#pragma once

#include <string>

namespace mediane::sync {

// Usage: request.body = gzipCompress(json.dump());
std::string gzipCompress(const std::string& data);

}  // namespace mediane::sync
