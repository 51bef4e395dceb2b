// Where this laptop's device token lives: the desktop's secret service, else a 0600 file beside the notebook, never inside it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace mediane::store {

class Database;

// One token per notebook (data directory). Implementations never write it into the SQLite file,
// so a copied notebook, an export or a backup of the .sqlite file never carries it.
class DeviceSecret {
public:
    virtual ~DeviceSecret() = default;
    virtual std::optional<std::string> load() = 0;
    // Throws mediane::Error (Io, "err.device_token") when the token cannot be kept anywhere.
    virtual void save(const std::string& token) = 0;
    virtual void erase() = 0;
    // "secret service" or the token file's path: for status output and docs, never the token.
    virtual std::string where() const = 0;
};

// The token in <dataDir>/device-token, mode 0600 (tightened when found looser), written atomically.
class FileDeviceSecret : public DeviceSecret {
public:
    static constexpr const char* kFileName = "device-token";
    explicit FileDeviceSecret(std::filesystem::path dataDir);
    std::optional<std::string> load() override;
    void save(const std::string& token) override;
    void erase() override;
    std::string where() const override { return m_file.string(); }

private:
    std::filesystem::path m_file;
};

enum class SecretBackend { File, SecretService };

// What the choice depends on, injectable so a test can cover every case without a desktop session.
struct SecretEnvironment {
    std::string override;    // $MEDIANE_TOKEN_STORE: "file" or "secret-service" forces the choice
    std::string busAddress;  // $DBUS_SESSION_BUS_ADDRESS; empty: no session bus, never try D-Bus
    // Asks the secret service whether it answers, within its own timeout. Only called with a bus.
    std::function<bool()> serviceAnswers;
};

// Why not always libsecret: without a session bus GLib would try to autolaunch one (or hang on a
// headless laptop or in CI); a secret service that does not answer in time is as good as absent.
SecretBackend chooseSecretBackend(const SecretEnvironment& env);

// The environment of this process: $MEDIANE_TOKEN_STORE, $DBUS_SESSION_BUS_ADDRESS and a real,
// time-bounded probe of org.freedesktop.secrets.
SecretEnvironment processSecretEnvironment();

// The token store for the notebook in dataDir: the secret service (keyed by the directory's absolute
// path, with the file as fallback when the service fails) or the file. The process decides once.
std::unique_ptr<DeviceSecret> openDeviceSecret(const std::filesystem::path& dataDir);
std::unique_ptr<DeviceSecret> openDeviceSecret(const std::filesystem::path& dataDir, SecretBackend backend);

// The directory holding a notebook's database file (the token is kept per notebook).
std::filesystem::path dataDirOf(const Database& db);

// Migration 7's first half: the token of a notebook written before it leaves sync_account for the
// notebook's DeviceSecret. Runs inside the migration's transaction; the SQL then erases the column.
// Returns true when there was a token to move.
bool moveDeviceTokenOutOfNotebook(Database& db);

}  // namespace mediane::store
