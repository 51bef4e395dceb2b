// gzip (RFC 1952) compression of bodies on the wire: a laptop's pushes and the hub's answers.
#pragma once

#include <string>

namespace mediane::sync {

// Usage: request.body = gzipCompress(json.dump()); level 1 (fastest) to 9 (smallest).
std::string gzipCompress(const std::string& data, int level = 6);

}  // namespace mediane::sync
