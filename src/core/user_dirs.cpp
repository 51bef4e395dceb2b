#include "core/user_dirs.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace mediane::core {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::filesystem::path xdgConfigHome() {
    if (auto xdg = env("XDG_CONFIG_HOME"); !xdg.empty()) return xdg;
    if (auto home = env("HOME"); !home.empty()) return std::filesystem::path(home) / ".config";
    return {};
}

}  // namespace

std::filesystem::path configDir() {
    auto base = xdgConfigHome();
    return base.empty() ? base : base / "mediane";
}

std::string userDirFromText(const std::string& dirsText, const std::string& name, const std::string& home) {
    // Lines look like XDG_DOCUMENTS_DIR="$HOME/Documents" (the format xdg-user-dirs-update writes).
    const std::string prefix = "XDG_" + name + "_DIR=";
    std::istringstream lines(dirsText);
    std::string line, found;
    while (std::getline(lines, line)) {
        if (line.rfind(prefix, 0) != 0) continue;
        std::string value = line.substr(prefix.size());
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (value.rfind("$HOME", 0) == 0) value = home + value.substr(5);
        found = value;  // the last assignment wins, as in a shell
    }
    // "$HOME/" alone means the user switched the folder off: no Documents folder then.
    if (!found.empty() && (found == home || found == home + "/")) return {};
    return found;
}

std::filesystem::path documentsDir() {
    const std::string home = env("HOME");
    if (home.empty()) return {};
    std::ifstream file(xdgConfigHome() / "user-dirs.dirs");
    if (file) {
        std::stringstream text;
        text << file.rdbuf();
        if (auto dir = userDirFromText(text.str(), "DOCUMENTS", home); !dir.empty()) return dir;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(std::filesystem::path(home) / "Documents", ec))
        return std::filesystem::path(home) / "Documents";
    return home;
}

}  // namespace mediane::core
