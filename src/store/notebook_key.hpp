// A notebook's data key: locked memory, its passphrase-wrapped key file, and the process-wide path → key registry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace mediane::store {

// 32 random bytes in sodium_malloc'ed memory (guard pages, kept out of swap), zeroed when freed.
class DataKey {
public:
    static constexpr std::size_t kSize = 32;
    // A fresh random key.
    static std::shared_ptr<const DataKey> generate();
    // Copies the bytes given (used when unwrapping).
    static std::shared_ptr<const DataKey> fromBytes(const unsigned char* bytes);

    ~DataKey();
    DataKey(const DataKey&) = delete;
    DataKey& operator=(const DataKey&) = delete;
    const unsigned char* bytes() const { return m_bytes; }

private:
    DataKey();
    unsigned char* m_bytes = nullptr;
};

// How hard the passphrase is to guess offline: Argon2id's limits, stored in the key file so they can change.
struct KeyDerivationCost {
    std::uint64_t opsLimit;
    std::size_t memLimit;
};
// crypto_pwhash's INTERACTIVE limits (2 passes over 64 MiB): see docs/benchmarks.md for the measure.
KeyDerivationCost defaultKeyDerivationCost();

// The key file `<data>/notebook-key` (0600, versioned JSON): the data key wrapped (crypto_secretbox) by a
// key derived from the adviser's passphrase with Argon2id and a random salt.
// Writes it atomically (temporary file, fsync, rename, fsync of the folder).
void writeKeyFile(const std::string& path, const DataKey& key, const std::string& passphrase,
                  KeyDerivationCost cost = defaultKeyDerivationCost());
// Unwraps the data key. Throws Refused "err.passphrase_wrong" when the passphrase does not open it,
// Storage "err.notebook_key_unreadable" when the file is missing or damaged; never opens SQLite.
std::shared_ptr<const DataKey> readKeyFile(const std::string& path, const std::string& passphrase);
// Rewraps the same data key under a new passphrase (the notebook itself is not rewritten).
void changeKeyFilePassphrase(const std::string& path, const std::string& oldPassphrase,
                             const std::string& newPassphrase);
// Throws Validation "err.passphrase_short" for a passphrase a thief could guess quickly.
void checkNewPassphrase(const std::string& passphrase);

// Every connection of the process (the GUI's, the dashboard worker's, the sync worker's) opening a
// registered path goes through the encrypting VFS with its key: keys are never passed around.
void registerNotebookKey(const std::string& databasePath, std::shared_ptr<const DataKey> key);
void forgetNotebookKey(const std::string& databasePath);
std::shared_ptr<const DataKey> findNotebookKey(const std::string& databasePath);

}  // namespace mediane::store
