// Record identifiers: time-ordered UUIDv7 strings generated on the device, so offline laptops never clash.
#pragma once

#include <cstdint>
#include <string>

namespace mediane::core {

// Usage: std::string id = newUuidV7();  // "0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a77"
std::string newUuidV7();
// For tests and the demo generator: a UUIDv7 for a given Unix time in milliseconds.
std::string uuidV7At(std::uint64_t unixMillis);
bool isUuid(const std::string& text);

}  // namespace mediane::core
