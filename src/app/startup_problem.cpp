#include "app/startup_problem.hpp"

#include <unistd.h>

#include <filesystem>

namespace mediane::app {

namespace {
bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// A file or folder this process cannot write: SQLite may call that "unable to open" or even "unreadable".
bool notWritable(const std::string& file) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (file.empty()) return false;
    if (fs::exists(file, ec) && ::access(file.c_str(), W_OK) != 0) return true;
    auto dir = fs::path(file).parent_path();
    return !dir.empty() && fs::exists(dir, ec) && ::access(dir.c_str(), W_OK) != 0;
}

const char* keyOf(StartupProblemKind kind) {
    switch (kind) {
        case StartupProblemKind::Corrupt: return "corrupt";
        case StartupProblemKind::ReadOnly: return "read_only";
        case StartupProblemKind::NewerVersion: return "newer_version";
        case StartupProblemKind::DiskFull: return "disk_full";
        case StartupProblemKind::Locked: return "locked";
        case StartupProblemKind::Other: break;
    }
    return "other";
}
}  // namespace

StartupProblemKind classifyStartupError(const Error& error, const std::string& dataFile) {
    const std::string& key = error.key();
    std::string detail;
    if (auto it = error.params().find("detail"); it != error.params().end()) detail = it->second;
    if (key == "err.db_too_new") return StartupProblemKind::NewerVersion;
    if (key == "err.disk_full" || contains(detail, "disk is full")) return StartupProblemKind::DiskFull;
    if (key == "err.db_busy" || contains(detail, "database is locked")) return StartupProblemKind::Locked;
    if (key == "err.db_readonly" || contains(detail, "readonly") || contains(detail, "read-only"))
        return StartupProblemKind::ReadOnly;
    if (key == "err.db_unreadable" || key == "err.db_write") {
        // Checked before calling it damaged: a write-protected good file must never be "unreadable".
        if (notWritable(dataFile)) return StartupProblemKind::ReadOnly;
        if (key == "err.db_unreadable") return StartupProblemKind::Corrupt;
    }
    return StartupProblemKind::Other;
}

StartupProblem describeStartupProblem(const Error& error, const std::string& dataFile, const core::Translator& tr) {
    StartupProblem p;
    p.kind = classifyStartupError(error, dataFile);
    const std::string base = std::string("first_day.startup.") + keyOf(p.kind);
    Error::Params params = error.params();
    params["file"] = dataFile;
    params["folder"] = std::filesystem::path(dataFile).parent_path().string();
    p.title = tr.format(base + ".title", params);
    p.detail = tr.message(error);
    p.message = p.kind == StartupProblemKind::Other ? p.detail : tr.format(base + ".message", params);
    p.nextStep = tr.format(base + ".next", params);
    p.canRetry = p.kind == StartupProblemKind::ReadOnly || p.kind == StartupProblemKind::DiskFull ||
                 p.kind == StartupProblemKind::Locked || p.kind == StartupProblemKind::Other;
    return p;
}

}  // namespace mediane::app
