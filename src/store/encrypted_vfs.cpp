// Sections: 1. sealing a page  2. the main file  3. the WAL  4. the VFS and its methods  5. helpers for Database
//
// Why a VFS and not a codec: the system SQLite (3.40) has no codec hooks, and SQLCipher in Debian 12 is too old
// for the notebook's SQL (docs/privacy.md). SQLite's own cksumvfs shows the pattern: pages keep a few
// reserved bytes that the b-tree never touches, and a shim below the pager fills them on write.
#include "store/encrypted_vfs.hpp"

#include "core/error.hpp"
#include "store/notebook_key.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace mediane::store {

namespace {

constexpr int kPage = kEncryptedPageSize;
constexpr int kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;  // 24
constexpr int kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;      // 16
constexpr int kSealed = kPage - kEncryptedReserve;                    // bytes of ciphertext per page
static_assert(kNonce + kTag == kEncryptedReserve);
constexpr sqlite3_int64 kWalHeader = 32;
constexpr sqlite3_int64 kFrameHeader = 24;
constexpr sqlite3_int64 kFrame = kFrameHeader + kPage;

// ---- 1. Sealing a page ---------------------------------------------------------------------------
// Additional data binds a sealed page to where it belongs: a page moved to another number, or a WAL frame
// moved to another slot or generation, no longer opens.
using Aad = std::array<unsigned char, 20>;

Aad mainAad(sqlite3_int64 pageNumber) {
    Aad a{};
    std::memcpy(a.data(), "MDNPAGE1", 8);
    for (int i = 0; i < 8; ++i) a[8 + i] = static_cast<unsigned char>(static_cast<std::uint64_t>(pageNumber) >> (8 * i));
    return a;
}

// The frame header's page number (bytes 0-3) only: SQLite rewrites the rest of a header after its page
// (walRewriteChecksums fills in salts and checksums it first wrote as zeros when a page of the same
// transaction was written twice).
Aad walAad(sqlite3_int64 frameIndex, const unsigned char* frameHeader) {
    Aad a{};
    std::memcpy(a.data(), "MDNWAL01", 8);
    for (int i = 0; i < 8; ++i) a[8 + i] = static_cast<unsigned char>(static_cast<std::uint64_t>(frameIndex) >> (8 * i));
    std::memcpy(a.data() + 16, frameHeader, 4);
    return a;
}

// plain: a page as SQLite wrote it. Its reserved bytes must be zero: a page read back is returned with
// zeros there, and a WAL frame's checksum covers them, so anything else would make recovery drop frames.
bool sealPage(const DataKey& key, const unsigned char* plain, unsigned char* out, const Aad& aad) {
    for (int i = kSealed; i < kPage; ++i)
        if (plain[i] != 0) return false;
    unsigned char* nonce = out + kSealed;
    unsigned char* tag = nonce + kNonce;
    randombytes_buf(nonce, kNonce);
    unsigned long long tagLength = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, tag, &tagLength, plain, kSealed, aad.data(), aad.size(),
                                                        nullptr, nonce, key.bytes());
    return true;
}

bool openPage(const DataKey& key, const unsigned char* sealed, unsigned char* out, const Aad& aad) {
    const unsigned char* nonce = sealed + kSealed;
    const unsigned char* tag = nonce + kNonce;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, nullptr, sealed, kSealed, tag, aad.data(), aad.size(),
                                                            nonce, key.bytes()) != 0)
        return false;
    std::memset(out + kSealed, 0, kEncryptedReserve);
    return true;
}

bool allZero(const unsigned char* p, std::size_t n) {
    return std::all_of(p, p + n, [](unsigned char c) { return c == 0; });
}

// ---- 4a. The file object ---------------------------------------------------------------------------
struct FileState {
    std::shared_ptr<const DataKey> key;
    bool wal = false;
};

// SQLite allocates szOsFile bytes: our header, then the real (unix) file right after it.
struct CryptFile {
    sqlite3_file base;
    FileState* state;
};

sqlite3_file* realFile(sqlite3_file* f) { return reinterpret_cast<sqlite3_file*>(reinterpret_cast<CryptFile*>(f) + 1); }
FileState& stateOf(sqlite3_file* f) { return *reinterpret_cast<CryptFile*>(f)->state; }

int realRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
    sqlite3_file* r = realFile(f);
    return r->pMethods->xRead(r, buf, amount, offset);
}
int realWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
    sqlite3_file* r = realFile(f);
    return r->pMethods->xWrite(r, buf, amount, offset);
}

// ---- 2. The main file -------------------------------------------------------------------------------
// SQLite reads parts of page 1 (100 header bytes at 0, 16 bytes at 24): any range is mapped onto whole pages.
int readMain(sqlite3_file* f, unsigned char* out, int amount, sqlite3_int64 offset) {
    const DataKey& key = *stateOf(f).key;
    std::array<unsigned char, kPage> sealed{}, plain{};
    bool shortRead = false;
    while (amount > 0) {
        const sqlite3_int64 pageIndex = offset / kPage;
        const int inPage = static_cast<int>(offset % kPage);
        const int n = std::min(amount, kPage - inPage);
        int rc = realRead(f, sealed.data(), kPage, pageIndex * kPage);
        if (rc == SQLITE_IOERR_SHORT_READ) {
            // Past the end of the file (a new database): zeros, as SQLite expects. A page cut in the
            // middle is damage, not a new page.
            if (!allZero(sealed.data(), kPage)) return SQLITE_IOERR_DATA;
            std::memset(out, 0, static_cast<std::size_t>(n));
            shortRead = true;
        } else if (rc != SQLITE_OK) {
            return rc;
        } else {
            if (!openPage(key, sealed.data(), plain.data(), mainAad(pageIndex + 1))) return SQLITE_IOERR_DATA;
            std::memcpy(out, plain.data() + inPage, static_cast<std::size_t>(n));
        }
        out += n;
        amount -= n;
        offset += n;
    }
    return shortRead ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

// In WAL mode SQLite writes the main file only whole pages at a time (checkpoints); anything else is refused
// rather than written half-sealed.
int writeMain(sqlite3_file* f, const unsigned char* in, int amount, sqlite3_int64 offset) {
    if (offset % kPage != 0 || amount % kPage != 0) return SQLITE_IOERR_WRITE;
    const DataKey& key = *stateOf(f).key;
    std::array<unsigned char, kPage> sealed{};
    for (int done = 0; done < amount; done += kPage) {
        const sqlite3_int64 pageIndex = (offset + done) / kPage;
        if (!sealPage(key, in + done, sealed.data(), mainAad(pageIndex + 1))) return SQLITE_IOERR_WRITE;
        if (int rc = realWrite(f, sealed.data(), kPage, offset + done); rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

// ---- 3. The WAL ----------------------------------------------------------------------------------------
// A 32-byte header, then frames of a 24-byte header and a page. Headers stay clear (they hold page numbers,
// salts and checksums, no content); pages are sealed. SQLite writes a frame header and its page in two
// calls, and reads them back in one call during recovery, in one (the page alone) otherwise.
int readWal(sqlite3_file* f, unsigned char* out, int amount, sqlite3_int64 offset) {
    const DataKey& key = *stateOf(f).key;
    const sqlite3_int64 callStart = offset;
    std::array<unsigned char, kFrame> frame{};
    std::array<unsigned char, kPage> plain{};
    bool shortRead = false;
    while (amount > 0) {
        if (offset < kWalHeader) {
            const int n = static_cast<int>(std::min<sqlite3_int64>(amount, kWalHeader - offset));
            int rc = realRead(f, out, n, offset);
            if (rc == SQLITE_IOERR_SHORT_READ) shortRead = true;
            else if (rc != SQLITE_OK) return rc;
            out += n, amount -= n, offset += n;
            continue;
        }
        const sqlite3_int64 frameIndex = (offset - kWalHeader) / kFrame;
        const sqlite3_int64 frameOffset = kWalHeader + frameIndex * kFrame;
        const sqlite3_int64 inFrame = offset - frameOffset;
        if (inFrame < kFrameHeader) {
            const int n = static_cast<int>(std::min<sqlite3_int64>(amount, kFrameHeader - inFrame));
            int rc = realRead(f, out, n, offset);
            if (rc == SQLITE_IOERR_SHORT_READ) shortRead = true;
            else if (rc != SQLITE_OK) return rc;
            out += n, amount -= n, offset += n;
            continue;
        }
        const int inPage = static_cast<int>(inFrame - kFrameHeader);
        const int n = std::min(amount, kPage - inPage);
        int rc = realRead(f, frame.data(), kFrame, frameOffset);
        if (rc == SQLITE_IOERR_SHORT_READ) {
            std::memset(out, 0, static_cast<std::size_t>(n));
            shortRead = true;
        } else if (rc != SQLITE_OK) {
            return rc;
        } else if (openPage(key, frame.data() + kFrameHeader, plain.data(), walAad(frameIndex, frame.data()))) {
            std::memcpy(out, plain.data() + inPage, static_cast<std::size_t>(n));
        } else if (callStart <= frameOffset) {
            // Recovery reads header and page together to check the frame's checksum: a frame torn by a
            // crash must fail that check and end the log there, as in plain SQLite, rather than make the
            // whole notebook unreadable. Random bytes, not zeros: walRewriteChecksums also reads whole
            // frames and checksums what it gets, and a checksum over fixed bytes would later match them.
            randombytes_buf(out, static_cast<std::size_t>(n));
        } else {
            return SQLITE_IOERR_DATA;  // a committed frame read for its page: damage, never silently read
        }
        out += n, amount -= n, offset += n;
    }
    return shortRead ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

int writeWal(sqlite3_file* f, const unsigned char* in, int amount, sqlite3_int64 offset) {
    const DataKey& key = *stateOf(f).key;
    std::array<unsigned char, kPage> sealed{};
    std::array<unsigned char, kFrameHeader> header{};
    while (amount > 0) {
        sqlite3_int64 clearUpTo = 0;
        if (offset < kWalHeader) {
            clearUpTo = kWalHeader;
        } else {
            const sqlite3_int64 frameIndex = (offset - kWalHeader) / kFrame;
            const sqlite3_int64 frameOffset = kWalHeader + frameIndex * kFrame;
            const sqlite3_int64 inFrame = offset - frameOffset;
            if (inFrame < kFrameHeader) {
                clearUpTo = frameOffset + kFrameHeader;
            } else {
                if (inFrame != kFrameHeader || amount < kPage) return SQLITE_IOERR_WRITE;
                // The header was written just before (or earlier in this transaction, when a page is
                // written again in place): read it back rather than trust a cache.
                if (realRead(f, header.data(), kFrameHeader, frameOffset) != SQLITE_OK) return SQLITE_IOERR_WRITE;
                if (!sealPage(key, in, sealed.data(), walAad(frameIndex, header.data()))) return SQLITE_IOERR_WRITE;
                if (int rc = realWrite(f, sealed.data(), kPage, offset); rc != SQLITE_OK) return rc;
                in += kPage, amount -= kPage, offset += kPage;
                continue;
            }
        }
        const int n = static_cast<int>(std::min<sqlite3_int64>(amount, clearUpTo - offset));
        if (int rc = realWrite(f, in, n, offset); rc != SQLITE_OK) return rc;
        in += n, amount -= n, offset += n;
    }
    return SQLITE_OK;
}

// ---- 4b. io methods -------------------------------------------------------------------------------------
std::atomic<int> g_faultCountdown{0};
std::atomic<bool> g_faultPersistent{false};
std::atomic<bool> g_faultFired{false};

// True when the injected fault hits this call (see injectEncryptedIoFault).
bool injectedFault() {
    if (g_faultFired.load()) return g_faultPersistent.load();
    if (g_faultCountdown.load() <= 0) return false;
    if (g_faultCountdown.fetch_sub(1) != 1) return false;
    g_faultFired = true;
    return true;
}

int cryptClose(sqlite3_file* f) {
    sqlite3_file* r = realFile(f);
    int rc = r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
    delete reinterpret_cast<CryptFile*>(f)->state;
    reinterpret_cast<CryptFile*>(f)->state = nullptr;
    return rc;
}
int cryptRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
    auto* out = static_cast<unsigned char*>(buf);
    return stateOf(f).wal ? readWal(f, out, amount, offset) : readMain(f, out, amount, offset);
}
int cryptWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
    if (injectedFault()) return SQLITE_IOERR_WRITE;
    const auto* in = static_cast<const unsigned char*>(buf);
    return stateOf(f).wal ? writeWal(f, in, amount, offset) : writeMain(f, in, amount, offset);
}
int cryptTruncate(sqlite3_file* f, sqlite3_int64 size) { return realFile(f)->pMethods->xTruncate(realFile(f), size); }
int cryptSync(sqlite3_file* f, int flags) {
    if (injectedFault()) return SQLITE_IOERR_FSYNC;
    return realFile(f)->pMethods->xSync(realFile(f), flags);
}
int cryptFileSize(sqlite3_file* f, sqlite3_int64* size) { return realFile(f)->pMethods->xFileSize(realFile(f), size); }
int cryptLock(sqlite3_file* f, int level) { return realFile(f)->pMethods->xLock(realFile(f), level); }
int cryptUnlock(sqlite3_file* f, int level) { return realFile(f)->pMethods->xUnlock(realFile(f), level); }
int cryptCheckReservedLock(sqlite3_file* f, int* out) {
    return realFile(f)->pMethods->xCheckReservedLock(realFile(f), out);
}
int cryptFileControl(sqlite3_file* f, int op, void* arg) {
    return realFile(f)->pMethods->xFileControl(realFile(f), op, arg);
}
int cryptSectorSize(sqlite3_file* f) { return realFile(f)->pMethods->xSectorSize(realFile(f)); }
int cryptDeviceCharacteristics(sqlite3_file* f) {
    return realFile(f)->pMethods->xDeviceCharacteristics(realFile(f));
}
// The -shm file holds the WAL's index (page numbers and frame numbers), no content: passed through.
int cryptShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
    return realFile(f)->pMethods->xShmMap(realFile(f), region, size, extend, p);
}
int cryptShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return realFile(f)->pMethods->xShmLock(realFile(f), offset, n, flags);
}
void cryptShmBarrier(sqlite3_file* f) { realFile(f)->pMethods->xShmBarrier(realFile(f)); }
int cryptShmUnmap(sqlite3_file* f, int deleteFlag) { return realFile(f)->pMethods->xShmUnmap(realFile(f), deleteFlag); }

// Version 2: no xFetch, so SQLite never memory-maps the file and reads sealed bytes as if they were pages.
const sqlite3_io_methods kCryptMethods = {
    2,
    cryptClose,
    cryptRead,
    cryptWrite,
    cryptTruncate,
    cryptSync,
    cryptFileSize,
    cryptLock,
    cryptUnlock,
    cryptCheckReservedLock,
    cryptFileControl,
    cryptSectorSize,
    cryptDeviceCharacteristics,
    cryptShmMap,
    cryptShmLock,
    cryptShmBarrier,
    cryptShmUnmap,
    nullptr,
    nullptr,
};

int passRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) { return realRead(f, buf, amount, offset); }
int passWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
    return realWrite(f, buf, amount, offset);
}
// The journal of an empty file (see cryptOpen): no page to seal, so bytes pass through.
const sqlite3_io_methods kPassThroughMethods = {
    1,
    cryptClose,
    passRead,
    passWrite,
    cryptTruncate,
    cryptSync,
    cryptFileSize,
    cryptLock,
    cryptUnlock,
    cryptCheckReservedLock,
    cryptFileControl,
    cryptSectorSize,
    cryptDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

// ---- 4c. The VFS --------------------------------------------------------------------------------------------
sqlite3_vfs* realVfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// A rollback journal holds copies of the pages a transaction changes, as they were before it, in clear.
// Only pages inside the file as it was when the transaction began are copied, so a journal beside an
// empty file (the copy VACUUM INTO writes during a conversion) never holds a page: that one is allowed,
// passed through unsealed; every other journal, and statement journals and temporary files, are refused
// (the notebook runs in WAL mode, and temp_store=MEMORY keeps SQLite from asking for the others).
bool emptyMainFile(sqlite3_filename journalName) {
    std::error_code ec;
    auto size = std::filesystem::file_size(sqlite3_filename_database(journalName), ec);
    return !ec && size == 0;
}

int cryptOpen(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    auto* cf = reinterpret_cast<CryptFile*>(file);
    cf->base.pMethods = nullptr;
    cf->state = nullptr;
    sqlite3_vfs* real = realVfs(vfs);
    const bool main = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    const bool wal = (flags & SQLITE_OPEN_WAL) != 0;
    if (name && (flags & SQLITE_OPEN_MAIN_JOURNAL) != 0 && emptyMainFile(name)) {
        int rc = real->xOpen(real, name, realFile(file), flags, outFlags);
        if (rc == SQLITE_OK) cf->base.pMethods = &kPassThroughMethods;
        return rc;
    }
    if (!name || (!main && !wal)) return SQLITE_CANTOPEN;
    auto key = findNotebookKey(main ? name : sqlite3_filename_database(name));
    if (!key) return SQLITE_CANTOPEN;
    int rc = real->xOpen(real, name, realFile(file), flags, outFlags);
    if (rc != SQLITE_OK) return rc;
    cf->state = new FileState{std::move(key), wal};
    cf->base.pMethods = &kCryptMethods;
    return SQLITE_OK;
}

int cryptDelete(sqlite3_vfs* vfs, const char* name, int syncDir) { return realVfs(vfs)->xDelete(realVfs(vfs), name, syncDir); }
int cryptAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return realVfs(vfs)->xAccess(realVfs(vfs), name, flags, out);
}
int cryptFullPathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
    return realVfs(vfs)->xFullPathname(realVfs(vfs), name, n, out);
}
void* cryptDlOpen(sqlite3_vfs* vfs, const char* name) { return realVfs(vfs)->xDlOpen(realVfs(vfs), name); }
void cryptDlError(sqlite3_vfs* vfs, int n, char* out) { realVfs(vfs)->xDlError(realVfs(vfs), n, out); }
void (*cryptDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return realVfs(vfs)->xDlSym(realVfs(vfs), handle, symbol);
}
void cryptDlClose(sqlite3_vfs* vfs, void* handle) { realVfs(vfs)->xDlClose(realVfs(vfs), handle); }
int cryptRandomness(sqlite3_vfs* vfs, int n, char* out) { return realVfs(vfs)->xRandomness(realVfs(vfs), n, out); }
int cryptSleep(sqlite3_vfs* vfs, int micros) { return realVfs(vfs)->xSleep(realVfs(vfs), micros); }
int cryptCurrentTime(sqlite3_vfs* vfs, double* out) { return realVfs(vfs)->xCurrentTime(realVfs(vfs), out); }
int cryptGetLastError(sqlite3_vfs* vfs, int n, char* out) {
    return realVfs(vfs)->xGetLastError ? realVfs(vfs)->xGetLastError(realVfs(vfs), n, out) : 0;
}
int cryptCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return realVfs(vfs)->xCurrentTimeInt64(realVfs(vfs), out);
}

constexpr const char* kVfsName = "mediane-crypt";

}  // namespace

// ---- 5. Helpers for Database ----------------------------------------------------------------------------------
const char* encryptedVfsName() {
    static std::once_flag once;
    static sqlite3_vfs vfs{};
    std::call_once(once, [] {
        if (sodium_init() < 0) throw Error(Error::Kind::Storage, "err.db_unreadable", {{"detail", "libsodium"}});
        sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
        vfs.iVersion = 2;
        vfs.szOsFile = static_cast<int>(sizeof(CryptFile)) + real->szOsFile;
        vfs.mxPathname = real->mxPathname;
        vfs.zName = kVfsName;
        vfs.pAppData = real;
        vfs.xOpen = cryptOpen;
        vfs.xDelete = cryptDelete;
        vfs.xAccess = cryptAccess;
        vfs.xFullPathname = cryptFullPathname;
        vfs.xDlOpen = cryptDlOpen;
        vfs.xDlError = cryptDlError;
        vfs.xDlSym = cryptDlSym;
        vfs.xDlClose = cryptDlClose;
        vfs.xRandomness = cryptRandomness;
        vfs.xSleep = cryptSleep;
        vfs.xCurrentTime = cryptCurrentTime;
        vfs.xGetLastError = cryptGetLastError;
        vfs.xCurrentTimeInt64 = cryptCurrentTimeInt64;
        if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK)
            throw Error(Error::Kind::Storage, "err.db_unreadable", {{"detail", "sqlite3_vfs_register"}});
    });
    return kVfsName;
}

void injectEncryptedIoFault(int nth, bool persistent) {
    g_faultFired = false;
    g_faultPersistent = persistent;
    g_faultCountdown = nth;
}

bool isPlainDatabaseFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return true;
    char header[16] = {};
    in.read(header, sizeof header);
    if (in.gcount() == 0) return true;
    return in.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

bool firstPageOpensWith(const std::string& path, const DataKey& key) {
    std::ifstream in(path, std::ios::binary);
    std::array<unsigned char, kPage> sealed{}, plain{};
    if (!in) return true;
    in.read(reinterpret_cast<char*>(sealed.data()), kPage);
    if (in.gcount() < kPage) return true;  // nothing written yet: a new notebook
    return openPage(key, sealed.data(), plain.data(), mainAad(1));
}

void prepareEncryptedConnection(sqlite3* db, bool readWrite) {
    auto exec = [db](const char* sql) {
        if (int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr); rc != SQLITE_OK)
            throw Error(Error::Kind::Storage, "err.db_unreadable", {{"detail", sqlite3_errmsg(db)}, {"sql", sql}});
    };
    auto text = [db](const char* sql) {
        sqlite3_stmt* st = nullptr;
        std::string value;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        int rc = sqlite3_finalize(st);
        if (rc != SQLITE_OK)
            throw Error(Error::Kind::Storage, "err.db_unreadable", {{"detail", sqlite3_errmsg(db)}, {"sql", sql}});
        return value;
    };
    // Sorts, temporary tables and statement journals in memory: a temporary file would hold clear rows.
    exec("PRAGMA temp_store=MEMORY");
    if (!readWrite || text("PRAGMA journal_mode") == "wal") return;
    if (text("PRAGMA page_count") == "0") {
        // Before the first page exists: afterwards the page size and reserve are fixed for the file's life.
        exec("PRAGMA page_size=4096");
        int reserve = kEncryptedReserve;
        sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    }
    // Switching to WAL writes page 1 inside a transaction that "always uses a rollback journal" unless the
    // journal is off: a journal would be a clear copy of the page, and this VFS refuses to create one.
    exec("PRAGMA journal_mode=OFF");
    exec("PRAGMA journal_mode=WAL");
}

}  // namespace mediane::store
