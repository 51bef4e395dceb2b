#include "core/installed_assets.hpp"

#include <cstdlib>
#include <filesystem>

namespace mediane::core {

namespace fs = std::filesystem;

namespace {
bool holdsAssets(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "vocab" / "vocabularies.json", ec);
}
}  // namespace

std::string executablePath(const std::string& argv0) {
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !self.empty()) return self.string();
    return argv0;
}

std::string findAssetsDir(const std::string& executablePath, const std::string& package) {
    if (const char* env = std::getenv("MEDIANE_ASSETS"); env && *env) return env;
    std::error_code ec;
    const fs::path exe = fs::weakly_canonical(fs::path(executablePath), ec);
    const fs::path bin = exe.parent_path();
    // Installed first: a package unpacked inside a source checkout must still read its own files.
    if (bin.filename() == "bin") {
        const fs::path shared = bin.parent_path() / "share" / package;
        if (holdsAssets(shared)) return shared.string();
    }
    for (fs::path dir = bin; !dir.empty(); dir = dir.parent_path()) {
        if (holdsAssets(dir / "assets")) return (dir / "assets").string();
        if (dir == dir.parent_path()) break;
    }
    return {};
}

}  // namespace mediane::core
