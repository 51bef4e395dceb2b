#include "sync/hub/metrics_token.hpp"

#include <sodium.h>

#include <array>

#include "core/error.hpp"
#include "core/text_file.hpp"

namespace mediane::hub {

namespace {
using Digest = std::array<unsigned char, crypto_generichash_BYTES>;

Digest digestOf(const std::string& text) {
    Digest digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       nullptr, 0);
    return digest;
}
}  // namespace

std::string readMetricsToken(const std::string& file) {
    auto text = core::readTextFile(file);
    auto end = text.find_first_of("\r\n");
    if (end != std::string::npos) text.resize(end);
    auto first = text.find_first_not_of(" \t");
    auto last = text.find_last_not_of(" \t");
    auto token = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    if (token.size() < kMinMetricsTokenChars)
        throw Error(Error::Kind::Validation, "err.hub.metrics_token_short",
                    {{"file", file}, {"min", std::to_string(kMinMetricsTokenChars)}}, "--metrics-token-file");
    return token;
}

bool metricsAuthorized(const std::string& expected, const std::string& authorizationHeader) {
    const std::string prefix = "Bearer ";
    bool bearer = authorizationHeader.size() > prefix.size() && authorizationHeader.compare(0, prefix.size(), prefix) == 0;
    // Hashed whatever the header holds, so a refusal costs as long as an acceptance.
    auto given = digestOf(bearer ? authorizationHeader.substr(prefix.size()) : authorizationHeader);
    auto wanted = digestOf(expected);
    return sodium_memcmp(given.data(), wanted.data(), given.size()) == 0 && bearer && !expected.empty();
}

}  // namespace mediane::hub
