#include "store/database.hpp"

#include <memory>

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "store/encrypted_vfs.hpp"
#include "store/notebook_key.hpp"

namespace mediane::store {

// What must happen before SQLite sees the file, and last until the connection is set up.
struct Database::Opening {
    bool onDisk = false;
    std::unique_ptr<core::PrivateUmask> privateUmask;
    std::shared_ptr<const DataKey> key;

    static Opening begin(const std::string& path, OpenMode mode) {
        Opening o;
        o.onDisk = mode == OpenMode::ReadWrite && !path.empty() && path != ":memory:";
        // Learners' data: a file left 0644 by an older Médiane, or copied in, is made 0600 before use.
        if (o.onDisk) core::tightenDatabaseFiles(path);
        // SQLite creates the file (and later its -wal and -shm, with the file's own mode) itself: only
        // the umask decides their mode, so it is 077 while the connection opens and switches to WAL.
        if (o.onDisk) o.privateUmask = std::make_unique<core::PrivateUmask>();
        // An encrypted notebook whose key this process holds goes through the encrypting VFS; a key that
        // does not open its first page is said to be wrong before SQLite reports a "damaged" file.
        if (o.onDisk || mode == OpenMode::ReadOnly) o.key = findNotebookKey(path);
        if (o.key && !firstPageOpensWith(path, *o.key))
            throw Error(Error::Kind::Refused, "err.notebook_key_mismatch", {{"file", path}});
        return o;
    }

    sql::Options options(OpenMode mode) const {
        sql::Options o;
        o.access = mode == OpenMode::ReadOnly ? sql::Options::Access::ReadOnly : sql::Options::Access::ReadWrite;
        o.vfs = key ? encryptedVfsName() : nullptr;
        return o;
    }
};

Database::Database(const std::string& path, OpenMode mode) : Database(path, mode, Opening::begin(path, mode)) {}

Database::Database(const std::string& path, OpenMode mode, Opening&& opening)
    : sql::Connection(path, opening.options(mode)) {
    try {
        if (opening.key) prepareEncryptedConnection(handle(), mode == OpenMode::ReadWrite);
        // Reading the schema first makes a file that is not a database fail here, with a clear message.
        scalarInt("SELECT count(*) FROM sqlite_master");
        if (mode == OpenMode::ReadWrite) {
            exec("PRAGMA journal_mode=WAL");
            exec("PRAGMA synchronous=FULL");
        }
        exec("PRAGMA foreign_keys=ON");
        // Deleted and overwritten content is zeroed, so an erased learner leaves no bytes in free pages.
        exec("PRAGMA secure_delete=ON");
        opening.privateUmask.reset();
        if (opening.onDisk) core::tightenDatabaseFiles(path);
    } catch (const Error& e) {
        // The connection closes as the exception leaves the constructor.
        auto params = e.params();
        params["file"] = path;
        // A read-only, full or busy file is not a damaged one: its own message says what to do, and none
        // of them suggests replacing a good file.
        const std::string& key = e.key();
        bool specific = key == "err.db_readonly" || key == "err.disk_full" || key == "err.db_busy";
        throw Error(Error::Kind::Storage, specific ? key : "err.db_unreadable", params);
    }
}

}  // namespace mediane::store
