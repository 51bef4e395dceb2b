// Passwords (Argon2id via libsodium) and device tokens (random, stored only as a hash).
#pragma once

#include <string>

namespace mediane::hub {

// Throws mediane::Error when libsodium cannot start (no entropy source).
void initCrypto();

std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& storedHash, const std::string& password);

// 32 random bytes as 64 hex characters: what the device keeps and sends as its bearer token.
std::string newDeviceToken();
// BLAKE2b of the token, hex: the only form the hub stores, so a stolen database yields no usable token.
std::string tokenHash(const std::string& token);
// Constant-time equality of two hashes of the same length.
bool sameHash(const std::string& a, const std::string& b);

}  // namespace mediane::hub
