#include "sync/protocol/brotli.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"

namespace mediane::sync {

std::string brotliCompress(const std::string& data, int quality) {
    std::string out(BrotliEncoderMaxCompressedSize(data.size()) + 64, '\0');
    std::size_t produced = out.size();
    if (!BrotliEncoderCompress(std::clamp(quality, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY), kBrotliWindowBits,
                               BROTLI_MODE_TEXT, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
                               &produced, reinterpret_cast<std::uint8_t*>(out.data())))
        throw Error(Error::Kind::Io, "err.sync.gzip");
    out.resize(produced);
    return out;
}

std::optional<std::string> brotliDecompress(const std::string& data, std::size_t limit) {
    std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)> state(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
    if (!state) return std::nullopt;
    std::string out;
    std::size_t availableIn = data.size();
    const auto* nextIn = reinterpret_cast<const std::uint8_t*>(data.data());
    std::uint8_t buffer[16384];
    for (;;) {
        std::size_t availableOut = sizeof buffer;
        std::uint8_t* nextOut = buffer;
        auto result = BrotliDecoderDecompressStream(state.get(), &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        out.append(reinterpret_cast<const char*>(buffer), sizeof buffer - availableOut);
        if (out.size() > limit) return std::nullopt;
        if (result == BROTLI_DECODER_RESULT_SUCCESS) return availableIn == 0 ? std::optional(out) : std::nullopt;
        if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
        return std::nullopt;  // an error, or input that ends before the stream does
    }
}

}  // namespace mediane::sync
