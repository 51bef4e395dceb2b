// The adviser's data directory and the hub's stay readable by their owner only: 0700 directories, 0600 files.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <sys/types.h>

namespace mediane::core {

// Every file this process creates from now on is 0600 and every directory 0700 (umask 077).
// Why process-wide: exports, temporary XLSX parts and SQLite's own files are created by code
// that takes no mode argument; the umask is the one switch they all obey.
void keepNewFilesPrivate();

// Usage: { PrivateUmask guard; sqlite3_open_v2(...); }  // umask 077 for the scope, the previous one after
// (umask is per process: do not rely on it across threads that create files concurrently).
class PrivateUmask {
public:
    PrivateUmask();
    ~PrivateUmask();
    PrivateUmask(const PrivateUmask&) = delete;
    PrivateUmask& operator=(const PrivateUmask&) = delete;

private:
    mode_t m_previous;
};

// Creates dir (and missing parents) and makes dir itself 0700, tightening a looser existing one
// (except a sticky shared folder such as /tmp, which is left as it is, with a line on stderr).
// Throws mediane::Error (Io, "err.data_dir" when it cannot be created, "err.file_mode" when its mode cannot be set).
void ensurePrivateDirectory(const std::filesystem::path& dir);

// When path exists with any group or other permission, makes it 0600 and says so once on stderr.
// Returns true when it changed the mode; a missing file is not an error.
bool tightenPrivateFile(const std::filesystem::path& path);

// A SQLite file and its companions (-wal, -shm, -journal): each existing one tightened to 0600.
void tightenDatabaseFiles(const std::filesystem::path& databaseFile);

// Where the "permissions tightened" notices go (stderr by default); tests capture them.
using PermissionNotice = std::function<void(const std::string& file, unsigned oldMode, unsigned newMode)>;
void setPermissionNotice(PermissionNotice notice);

}  // namespace mediane::core
