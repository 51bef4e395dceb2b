#include "store/sync_file.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

namespace mediane::store {

namespace {
[[noreturn]] void fail(const std::string& file, int error) {
    throw Error(Error::Kind::Storage, "err.db_write", {{"file", file}, {"detail", std::strerror(error)}});
}

void syncPath(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    if (::fsync(fd) != 0) {
        int error = errno;
        ::close(fd);
        fail(path, error);
    }
    ::close(fd);
}

std::string parentOf(const std::string& path) {
    auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}
}  // namespace

void syncFile(const std::string& path) { syncPath(path, O_RDONLY); }
void syncDirectory(const std::string& directory) { syncPath(directory, O_RDONLY | O_DIRECTORY); }

void writeFileAtomically(const std::string& path, const std::string& content) {
    const std::string tmp = path + ".tmp";
    // Never through a link someone planted; 0600 from the first byte, even over a leftover .tmp
    // whose older mode O_CREAT would keep.
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) fail(tmp, errno);
    if (::fchmod(fd, 0600) != 0) {
        int error = errno;
        ::close(fd);
        fail(tmp, error);
    }
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            fail(tmp, error);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int error = errno;
        ::unlink(tmp.c_str());
        fail(tmp, error);
    }
    renameDurably(tmp, path);
}

void renameDurably(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) fail(to, errno);
    syncDirectory(parentOf(to));
}

}  // namespace mediane::store
