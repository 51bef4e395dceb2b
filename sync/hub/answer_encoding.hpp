// How the hub encodes its answers: gzip at the operator's level when the caller accepts it, never the
// HTTP library's own pick (Brotli at its slowest quality for any caller that offers it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <httplib.h>

namespace mediane::hub {

struct AnswerCompression {
    // 1 is the fastest zlib level: a pull page shrinks about as much as at 6 for a fraction of the CPU
    // (docs/benchmarks.md). 0 sends every answer as it is.
    int gzipLevel = 1;
    std::size_t minBytes = 1024;  // below this a gzip header and a CPU pass buy nothing
};

// Whether an Accept-Encoding value admits gzip: a "gzip", "x-gzip" or "*" token not weighted q=0.
bool acceptsGzip(std::string_view acceptEncoding);

// Sets a JSON answer, gzipped (with Content-Encoding) at `gzipLevel` when it is at least `minBytes`; 0
// sends it as it is. The media type carries its charset, which also keeps the HTTP library from
// compressing it again on its own terms. (Text answers, the directory's CSV, stay the library's to encode.)
void setJsonAnswer(httplib::Response& res, std::string body, int gzipLevel, std::size_t minBytes);

}  // namespace mediane::hub
