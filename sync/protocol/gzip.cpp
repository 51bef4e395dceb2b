#include "sync/protocol/gzip.hpp"

#include <zlib.h>

#include "core/error.hpp"

namespace mediane::sync {

std::string gzipCompress(const std::string& data, int level) {
    z_stream zs{};
    // windowBits 15 + 16 asks zlib for a gzip header and trailer rather than a raw zlib stream.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error(Error::Kind::Io, "err.sync.gzip");
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    auto produced = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw Error(Error::Kind::Io, "err.sync.gzip");
    out.resize(produced);
    return out;
}

}  // namespace mediane::sync
