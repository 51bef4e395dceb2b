#include "app/user_folders.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/notebook.hpp"
#include "core/user_dirs.hpp"

extern char** environ;

namespace mediane::app {

namespace {
const char* kSetting = "export_folder";

std::string folded(const std::string& s) {
    std::string out = s;
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
}  // namespace

std::string exportFolder(Notebook& notebook) {
    std::string saved = notebook.settings().get(kSetting);
    std::error_code ec;
    if (!saved.empty() && std::filesystem::is_directory(saved, ec)) return saved;
    if (auto documents = core::documentsDir(); !documents.empty()) return documents.string();
    return (std::filesystem::path(notebook.dataFile()).parent_path() / "exports").string();
}

void rememberExportFolder(Notebook& notebook, const std::string& folder) { notebook.settings().set(kSetting, folder); }

std::vector<std::string> subfolders(const std::string& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeError;
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] != '.' && it->is_directory(typeError)) names.push_back(name);
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return folded(a) < folded(b); });
    return names;
}

bool openFolder(const std::string& folder) {
    // A shell that starts xdg-open in the background and returns at once: the file manager is no child of
    // ours (no zombie, nothing to wait for), and we still learn whether it could be started.
    pid_t shell = 0;
    const char* script = "command -v xdg-open >/dev/null || exit 127; xdg-open \"$1\" >/dev/null 2>&1 &";
    char* argv[] = {const_cast<char*>("sh"), const_cast<char*>("-c"), const_cast<char*>(script),
                    const_cast<char*>("sh"), const_cast<char*>(folder.c_str()), nullptr};
    if (posix_spawnp(&shell, "sh", nullptr, nullptr, argv, environ) != 0) return false;
    int status = 0;
    while (waitpid(shell, &status, 0) < 0) {
        if (errno != EINTR) return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace mediane::app
