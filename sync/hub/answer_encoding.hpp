// How the hub encodes its answers: Brotli at a low quality or gzip, at the operator's levels, for a caller
// that accepts them; never the HTTP library's own pick (Brotli at its slowest quality).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <httplib.h>

namespace mediane::hub {

struct AnswerCompression {
    // Brotli quality 5 with a 4 MB window: on the small demo's whole feed, 214 KB against gzip 6's 309 KB
    // for about the same CPU (docs/benchmarks.md); 11 costs twenty times more. 0 never answers in Brotli.
    int brotliQuality = 5;
    // zlib's default, for callers that do not accept Brotli (the first release's laptops): within 5 % of
    // level 9's bytes. 0 sends their answers as they are.
    int gzipLevel = 6;
    std::size_t minBytes = 1024;  // below this a header and a CPU pass buy nothing
};

// What one caller's JSON answers are sent as.
struct AnswerCoding {
    enum class Kind { Identity, Gzip, Brotli };
    Kind kind = Kind::Identity;
    int level = 0;
    std::size_t minBytes = 0;
};

// The request body codings the hub reads, advertised on every answer (RFC 7694) so that a laptop knows it
// may send its pushes in Brotli; a hub that does not say so gets gzip.
inline constexpr const char* kAcceptedBodyCodings = "br, gzip";

// Whether an Accept-Encoding value admits a coding: its name (for gzip also "x-gzip") or "*", not
// weighted q=0.
bool acceptsGzip(std::string_view acceptEncoding);
bool acceptsBrotli(std::string_view acceptEncoding);

// Brotli when the caller takes it and the hub's quality is not 0, else gzip likewise, else as it is.
AnswerCoding chooseAnswerCoding(std::string_view acceptEncoding, const AnswerCompression& compression);

// Sets a JSON answer, compressed (with Content-Encoding) as `coding` says when it is at least its
// `minBytes`. The media type carries its charset, which also keeps the HTTP library from compressing it
// again on its own terms. (Text answers, the directory's CSV, stay the library's to encode.)
void setJsonAnswer(httplib::Response& res, std::string body, const AnswerCoding& coding);

}  // namespace mediane::hub
