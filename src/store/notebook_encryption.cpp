#include "store/notebook_encryption.hpp"

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "store/database.hpp"
#include "store/encrypted_vfs.hpp"
#include "store/notebook_key.hpp"
#include "store/sync_file.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <vector>

namespace mediane::store {

namespace fs = std::filesystem;

namespace {

// The plain notebook, opened alone: exclusive locking keeps the app or a sync from writing rows the copy
// would miss while it runs.
class PlainConnection {
public:
    explicit PlainConnection(const std::string& path) {
        try {
            lock(path);
        } catch (...) {
            sqlite3_close(m_db);  // a constructor that throws gets no destructor
            throw;
        }
    }
    ~PlainConnection() { close(); }
    PlainConnection(const PlainConnection&) = delete;
    PlainConnection& operator=(const PlainConnection&) = delete;

    void close() {
        if (m_db && sqlite3_close(m_db) == SQLITE_OK) m_db = nullptr;
    }
    sqlite3* handle() const { return m_db; }

    void exec(const std::string& sql) {
        if (int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr); rc != SQLITE_OK) {
            if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
                throw Error(Error::Kind::Refused, "err.notebook_in_use", {{"file", sqlite3_db_filename(m_db, "main")}});
            fail(rc, sql);
        }
    }

private:
    void lock(const std::string& path) {
        int rc = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        if (rc != SQLITE_OK) fail(rc, "open");
        sqlite3_busy_timeout(m_db, 2000);
        exec("PRAGMA locking_mode=EXCLUSIVE");
        exec("PRAGMA temp_store=MEMORY");
        // Takes the lock, and empties the WAL into the file so nothing is left behind in it.
        int busy = 0;
        sqlite3_stmt* st = nullptr;
        rc = sqlite3_prepare_v2(m_db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, nullptr);
        if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) busy = sqlite3_column_int(st, 0);
        rc = sqlite3_finalize(st);
        if ((rc & 0xFF) == SQLITE_BUSY || busy != 0)
            throw Error(Error::Kind::Refused, "err.notebook_in_use", {{"file", path}});
        if (rc != SQLITE_OK) fail(rc, "wal_checkpoint");
        exec("BEGIN IMMEDIATE; COMMIT");  // a writer elsewhere makes this busy: refuse rather than race it
    }

public:
    // Every b-tree table (shadow tables of FTS5 included) and its row count.
    std::map<std::string, std::int64_t> rowCounts() {
        std::map<std::string, std::int64_t> counts;
        std::vector<std::string> names;
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(m_db, "SELECT name FROM sqlite_master WHERE type='table' AND rootpage>0", -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        if (int rc = sqlite3_finalize(st); rc != SQLITE_OK) fail(rc, "sqlite_master");
        for (const auto& name : names) {
            char* sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", name.c_str());
            sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr);
            sqlite3_free(sql);
            if (sqlite3_step(st) == SQLITE_ROW) counts[name] = sqlite3_column_int64(st, 0);
            if (int rc = sqlite3_finalize(st); rc != SQLITE_OK) fail(rc, name);
        }
        return counts;
    }

private:
    [[noreturn]] void fail(int rc, const std::string& what) {
        std::string detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        throw Error(Error::Kind::Storage, "err.encrypt_failed", {{"detail", detail}, {"step", what.substr(0, 60)}});
    }

    sqlite3* m_db = nullptr;
};

std::int64_t fileSize(const std::string& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    return ec ? -1 : static_cast<std::int64_t>(size);
}

void removeWithCompanions(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// A file name inside a URI: the characters that would end the path or start an escape are escaped.
std::string uriPath(const std::string& path) {
    std::string out;
    for (char c : fs::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            out += hex[static_cast<unsigned char>(c) & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

void encryptDatabaseFile(const std::string& databasePath, const std::string& keyFilePath, const std::string& passphrase,
                         std::shared_ptr<const DataKey> key, const EncryptionHook& hook) {
    auto step = [&hook](EncryptionStep s) {
        if (hook) hook(s);
    };
    if (!isPlainDatabaseFile(databasePath))
        throw Error(Error::Kind::Refused, "err.already_encrypted", {{"file", databasePath}});
    const std::string target = databasePath + ".encrypting";
    core::PrivateUmask privateUmask;
    removeWithCompanions(target);  // what an interrupted conversion left behind: never the notebook itself
    bool renamed = false;
    bool keyWritten = false;
    PlainConnection plain(databasePath);
    try {
        const auto before = plain.rowCounts();
        step(EncryptionStep::Locked);

        registerNotebookKey(target, key);
        encryptedVfsName();
        // The copy gets the reserve its pages need; this only changes what the plain connection asks for
        // new files, the plain file itself is not written.
        plain.exec("PRAGMA page_size=" + std::to_string(kEncryptedPageSize));
        int reserve = kEncryptedReserve;
        sqlite3_file_control(plain.handle(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        char* sql = sqlite3_mprintf("VACUUM INTO 'file:%q?vfs=%q'", uriPath(target).c_str(), encryptedVfsName());
        std::string vacuum(sql);
        sqlite3_free(sql);
        plain.exec(vacuum);
        step(EncryptionStep::Copied);

        {
            // Read back through the VFS as the app will: WAL switched on, structure checked, nothing missing.
            Database copy(target);
            Statement check = copy.prepare("PRAGMA integrity_check");
            std::string verdict = check.step() ? check.columnText(0) : "";
            if (verdict != "ok")
                throw Error(Error::Kind::Storage, "err.encrypt_failed", {{"detail", verdict}, {"step", "integrity_check"}});
            for (const auto& [table, rows] : before) {
                char* count = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table.c_str());
                std::int64_t copied = copy.scalarInt(count);
                sqlite3_free(count);
                if (copied != rows)
                    throw Error(Error::Kind::Storage, "err.encrypt_failed",
                                {{"detail", table + ": " + std::to_string(copied) + " / " + std::to_string(rows)},
                                 {"step", "row counts"}});
            }
        }  // the last connection closes: its WAL is checkpointed into the file and removed
        step(EncryptionStep::Verified);

        syncFile(target);
        step(EncryptionStep::Flushed);

        // Before the rename: an encrypted notebook is never on disk without the file that opens it. A key
        // file beside a plain notebook (a crash before the rename) is ignored: the plain header says which.
        writeKeyFile(keyFilePath, *key, passphrase);
        keyWritten = true;
        step(EncryptionStep::KeyWritten);

        plain.close();
        if (plain.handle() != nullptr || fileSize(databasePath + "-wal") > 0)
            throw Error(Error::Kind::Refused, "err.notebook_in_use", {{"file", databasePath}});
        step(EncryptionStep::PlainClosed);

        renameDurably(target, databasePath);
        renamed = true;
        registerNotebookKey(databasePath, key);
        forgetNotebookKey(target);
        // The plain WAL and index, if any survived the close: they would not open with the new file.
        std::error_code ec;
        fs::remove(databasePath + "-wal", ec);
        fs::remove(databasePath + "-shm", ec);
        step(EncryptionStep::Renamed);
    } catch (...) {
        if (!renamed) {
            forgetNotebookKey(target);
            removeWithCompanions(target);
            std::error_code ec;
            if (keyWritten) fs::remove(keyFilePath, ec);
        }
        throw;
    }
}

}  // namespace mediane::store
