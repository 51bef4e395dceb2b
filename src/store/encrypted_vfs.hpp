// The "mediane-crypt" SQLite VFS: every page of a notebook and of its WAL sealed with XChaCha20-Poly1305.
#pragma once

#include <string>

struct sqlite3;

namespace mediane::store {

class DataKey;

// Layout (docs/privacy.md): pages of 4,096 bytes whose last 40 bytes SQLite reserves for us: a random
// 24-byte nonce, then the 16-byte tag. The first 4,056 bytes are the ciphertext, authenticated with
// the page number (main file) or the frame's position and page number (WAL).
constexpr int kEncryptedPageSize = 4096;
constexpr int kEncryptedReserve = 40;

// Registers the VFS with SQLite once (never as the default) and returns its name.
const char* encryptedVfsName();

// True when path is missing, empty, or starts with SQLite's plain header ("SQLite format 3").
bool isPlainDatabaseFile(const std::string& path);

// Whether page 1 of an encrypted file opens with this key: tells a wrong key from a damaged page later.
bool firstPageOpensWith(const std::string& path, const DataKey& key);

// For tests that move a failure point across every I/O call (SQLite's own way of testing): the nth write or
// sync from now through the VFS fails with SQLITE_IOERR, and with persistent every later one until
// injectEncryptedIoFault(0, false) turns the fault off.
void injectEncryptedIoFault(int nth, bool persistent);

// On a connection opened through the VFS: temporary data in memory only, and on a new file the page
// size and reserve set before the first page exists, then WAL without a rollback journal.
void prepareEncryptedConnection(sqlite3* db, bool readWrite);

}  // namespace mediane::store
