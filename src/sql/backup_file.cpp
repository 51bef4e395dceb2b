#include "sql/backup_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

#include "core/error.hpp"
#include "sql/online_backup.hpp"

namespace mediane::sql {

namespace fs = std::filesystem;

namespace {

Error writeError(const std::string& file, int error) {
    return Error(Error::Kind::Io, "err.backup.write", {{"file", file}, {"detail", std::strerror(error)}});
}

// Flushes a file, or a folder's entries (so a rename survives a power cut), to the disk.
void flushToDisk(const std::string& path, bool folder) {
    int fd = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) throw writeError(path, errno);
    int rc = ::fsync(fd);
    int error = errno;
    ::close(fd);
    // Some file systems (a folder on FAT, a network share) cannot sync a folder: the file itself was synced.
    if (rc != 0 && !(folder && (error == EINVAL || error == EBADF))) throw writeError(path, error);
}

}  // namespace

void removeDatabaseFiles(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

BackupFile writeBackupFile(Connection& from, const std::string& to, const CopyOpener& openCopy) {
    const fs::path target(to);
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(Error::Kind::Io, "err.backup.folder_missing", {{"folder", folder.string()}});
    const std::string partial = to + ".partial";
    removeDatabaseFiles(partial);  // left by a backup killed halfway
    BackupFile done;
    done.file = to;
    try {
        {
            auto copy = openCopy(partial);
            copyDatabase(from, *copy);
            auto check = integrityCheck(*copy);
            if (check != "ok")
                throw Error(Error::Kind::Storage, "err.backup.damaged", {{"file", to}, {"detail", check}});
            done.schemaVersion = static_cast<int>(copy->scalarInt("PRAGMA user_version"));
            // Folds the copy's own WAL into the file now, so the one file is the whole backup once closed.
            copy->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Closing the last connection checkpointed and removed the copy's -wal and -shm: the one file is whole.
        flushToDisk(partial, false);
        fs::rename(partial, to, ec);
        if (ec) throw writeError(to, ec.value());
        flushToDisk(folder.string(), true);
    } catch (...) {
        removeDatabaseFiles(partial);
        throw;
    }
    done.bytes = fs::file_size(to, ec);
    return done;
}

}  // namespace mediane::sql
