#include "core/private_files.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <sys/stat.h>

namespace mediane::core {

namespace fs = std::filesystem;

namespace {

constexpr mode_t kGroupOrOther = S_IRWXG | S_IRWXO;

std::mutex& noticeMutex() {
    static std::mutex m;
    return m;
}

PermissionNotice& notice() {
    static PermissionNotice n = [](const std::string& file, unsigned oldMode, unsigned newMode) {
        // program_invocation_short_name: the same notice comes from mediane and from resin-hub.
        std::fprintf(stderr, "%s: %s was open to other accounts (mode %04o); now %04o\n", program_invocation_short_name,
                     file.c_str(), oldMode, newMode);
    };
    return n;
}

void announce(const fs::path& path, mode_t oldMode, mode_t newMode) {
    std::lock_guard lock(noticeMutex());
    if (notice()) notice()(path.string(), oldMode & 07777, newMode);
}

}  // namespace

void keepNewFilesPrivate() { ::umask(S_IRWXG | S_IRWXO); }

PrivateUmask::PrivateUmask() : m_previous(::umask(S_IRWXG | S_IRWXO)) {}
PrivateUmask::~PrivateUmask() { ::umask(m_previous); }

void ensurePrivateDirectory(const fs::path& dir) {
    std::error_code ec;
    {
        PrivateUmask guard;
        fs::create_directories(dir, ec);
    }
    if (ec) throw Error(Error::Kind::Io, "err.data_dir", {{"file", dir.string()}, {"detail", ec.message()}});
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0)
        throw Error(Error::Kind::Io, "err.data_dir", {{"file", dir.string()}, {"detail", std::strerror(errno)}});
    if ((st.st_mode & 0777) == 0700) return;
    // A shared sticky directory (--data /tmp) must keep working for everyone else: the files in it are
    // 0600 anyway; say why the folder itself was left alone.
    if (st.st_mode & S_ISVTX) {
        std::lock_guard lock(noticeMutex());
        std::fprintf(stderr, "%s: %s is a shared folder; its mode is left as it is (keep the data in a folder of its own)\n",
                     program_invocation_short_name, dir.c_str());
        return;
    }
    if (::chmod(dir.c_str(), 0700) != 0)
        throw Error(Error::Kind::Io, "err.file_mode", {{"file", dir.string()}, {"detail", std::strerror(errno)}});
    // A directory we just created had 0700 already; only a looser pre-existing one is worth a line.
    if (st.st_mode & kGroupOrOther) announce(dir, st.st_mode, 0700);
}

bool tightenPrivateFile(const fs::path& path) {
    struct stat st {};
    // lstat: a symlink's own mode means nothing, and following it could chmod a file outside the directory.
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    if ((st.st_mode & kGroupOrOther) == 0) return false;
    if (::chmod(path.c_str(), 0600) != 0)
        throw Error(Error::Kind::Io, "err.file_mode", {{"file", path.string()}, {"detail", std::strerror(errno)}});
    announce(path, st.st_mode, 0600);
    return true;
}

void tightenDatabaseFiles(const fs::path& databaseFile) {
    tightenPrivateFile(databaseFile);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) tightenPrivateFile(databaseFile.string() + suffix);
}

void setPermissionNotice(PermissionNotice n) {
    std::lock_guard lock(noticeMutex());
    notice() = std::move(n);
}

}  // namespace mediane::core
