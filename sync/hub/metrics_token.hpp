// Who may read GET /metrics: the bearer of a token the admin wrote in a file; no file, no endpoint.
#pragma once

#include <cstddef>
#include <string>

namespace mediane::hub {

// The token in FILE (its first line, surrounding blanks removed). Throws mediane::Error when the file cannot
// be read or the token is shorter than kMinMetricsTokenChars: a guessable token would open the counts to anyone.
inline constexpr std::size_t kMinMetricsTokenChars = 16;
std::string readMetricsToken(const std::string& file);

// Whether a request's Authorization header carries `expected` as its bearer token. The comparison takes the
// same time whatever the header holds (both sides hashed to equal lengths, then compared in constant time),
// so timing tells a caller nothing about how much of a guess was right.
bool metricsAuthorized(const std::string& expected, const std::string& authorizationHeader);

}  // namespace mediane::hub
