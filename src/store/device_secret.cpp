#include "store/device_secret.hpp"

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "store/database.hpp"
#include "store/secret_service_secret.hpp"
#include "store/sync_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mediane::store {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void failToken(const fs::path& file, int err) {
    throw Error(Error::Kind::Io, "err.device_token", {{"file", file.string()}, {"detail", std::strerror(err)}});
}

std::string envOr(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

FileDeviceSecret::FileDeviceSecret(fs::path dataDir) : m_file(std::move(dataDir) / kFileName) {}

std::optional<std::string> FileDeviceSecret::load() {
    core::tightenPrivateFile(m_file);
    std::ifstream in(m_file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.empty()) return std::nullopt;
    return token;
}

void FileDeviceSecret::save(const std::string& token) {
    try {
        writeFileAtomically(m_file.string(), token + "\n");
    } catch (const Error& e) {
        auto detail = e.params().count("detail") ? e.params().at("detail") : std::string();
        throw Error(Error::Kind::Io, "err.device_token", {{"file", m_file.string()}, {"detail", detail}});
    }
}

void FileDeviceSecret::erase() {
    if (::unlink(m_file.c_str()) != 0 && errno != ENOENT) failToken(m_file, errno);
}

SecretBackend chooseSecretBackend(const SecretEnvironment& env) {
    if (env.override == "file") return SecretBackend::File;
    // No session bus: asking GLib for one would try to autolaunch dbus-daemon, or block on a headless box.
    if (env.busAddress.empty()) return SecretBackend::File;
    if (env.override == "secret-service") return SecretBackend::SecretService;
    return env.serviceAnswers && env.serviceAnswers() ? SecretBackend::SecretService : SecretBackend::File;
}

SecretEnvironment processSecretEnvironment() {
    return {envOr("MEDIANE_TOKEN_STORE"), envOr("DBUS_SESSION_BUS_ADDRESS"), [] { return secretServiceAnswers(); }};
}

std::unique_ptr<DeviceSecret> openDeviceSecret(const fs::path& dataDir, SecretBackend backend) {
    if (backend == SecretBackend::SecretService) return makeSecretServiceSecret(dataDir);
    return std::make_unique<FileDeviceSecret>(dataDir);
}

std::unique_ptr<DeviceSecret> openDeviceSecret(const fs::path& dataDir) {
    // Probing D-Bus costs a round trip (up to its timeout): once per process, not at every sync.
    static std::once_flag once;
    static SecretBackend backend = SecretBackend::File;
    std::call_once(once, [] { backend = chooseSecretBackend(processSecretEnvironment()); });
    return openDeviceSecret(dataDir, backend);
}

fs::path dataDirOf(const Database& db) {
    std::error_code ec;
    fs::path file = fs::absolute(fs::path(db.path()), ec);
    if (ec) file = fs::path(db.path());
    return file.parent_path();
}

bool moveDeviceTokenOutOfNotebook(Database& db) {
    auto st = db.prepare("SELECT device_token FROM sync_account WHERE id = 1");
    if (!st.step()) return false;
    std::string token = st.columnText(0);
    if (token.empty()) return false;
    openDeviceSecret(dataDirOf(db))->save(token);
    return true;
}

}  // namespace mediane::store
