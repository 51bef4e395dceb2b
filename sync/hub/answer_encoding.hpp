// How the hub encodes its answers: gzip at the operator's level when the caller accepts it, never the
// HTTP library's own pick (Brotli at its slowest quality for any caller that offers it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <httplib.h>

namespace mediane::hub {

struct AnswerCompression {
    // zlib's default: on the small demo's whole feed, a quarter fewer bytes than level 1 for 6 % more of
    // the hub's pull time, and within 5 % of level 9's bytes (docs/benchmarks.md). 0 sends answers as they are.
    int gzipLevel = 6;
    std::size_t minBytes = 1024;  // below this a gzip header and a CPU pass buy nothing
};

// Whether an Accept-Encoding value admits gzip: a "gzip", "x-gzip" or "*" token not weighted q=0.
bool acceptsGzip(std::string_view acceptEncoding);

// Sets a JSON answer, gzipped (with Content-Encoding) at `gzipLevel` when it is at least `minBytes`; 0
// sends it as it is. The media type carries its charset, which also keeps the HTTP library from
// compressing it again on its own terms. (Text answers, the directory's CSV, stay the library's to encode.)
void setJsonAnswer(httplib::Response& res, std::string body, int gzipLevel, std::size_t minBytes);

}  // namespace mediane::hub
