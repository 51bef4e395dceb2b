// Converting a plain notebook file into an encrypted one: a copy through the VFS, checked, then renamed over it.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace mediane::store {

class DataKey;

// The points of no return are between steps; tests fail or kill the conversion at each one.
enum class EncryptionStep { Locked, Copied, Verified, Flushed, KeyWritten, PlainClosed, Renamed };
using EncryptionHook = std::function<void(EncryptionStep)>;

// Copies the plain database at databasePath into `<databasePath>.encrypting` sealed with key (VACUUM INTO
// through the VFS), checks PRAGMA integrity_check and every table's row count against the original, flushes
// it, writes keyFilePath (wrapping key with passphrase), then renames it over the original and removes the
// original's -wal and -shm. A crash or an error at any point leaves the plain notebook or the encrypted
// one, never neither. Refuses (Refused "err.notebook_in_use") while another connection holds the file.
// On success the key is registered for databasePath.
void encryptDatabaseFile(const std::string& databasePath, const std::string& keyFilePath,
                         const std::string& passphrase, std::shared_ptr<const DataKey> key,
                         const EncryptionHook& hook = {});

}  // namespace mediane::store
