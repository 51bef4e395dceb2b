#include "store/secret_service_secret.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <libsecret/secret.h>

#include "core/error.hpp"
#include "core/shared_library.hpp"

namespace mediane::store {

namespace fs = std::filesystem;

namespace {

// libsecret's functions and GLib's it needs, taken from libsecret when the keyring is first asked: linked at
// start, it and GLib's libraries were a fifth of every window opening's library loading.
struct SecretLibrary {
    decltype(&secret_schema_new) schemaNew;
    decltype(&secret_password_store_sync) storeSync;
    decltype(&secret_password_lookup_sync) lookupSync;
    decltype(&secret_password_clear_sync) clearSync;
    decltype(&secret_password_free) passwordFree;
    decltype(&g_error_free) errorFree;
    decltype(&g_cancellable_new) cancellableNew;
    decltype(&g_cancellable_cancel) cancellableCancel;
    decltype(&g_object_unref) objectUnref;
};

SecretLibrary loadSecretLibrary() {
    // GLib's functions come through libsecret's own dependencies, which dlsym searches too.
    auto lib = core::SharedLibrary::open("libsecret-1.so.0", "libsecret-1-0");
    return SecretLibrary{
        lib.symbol<decltype(&secret_schema_new)>("secret_schema_new"),
        lib.symbol<decltype(&secret_password_store_sync)>("secret_password_store_sync"),
        lib.symbol<decltype(&secret_password_lookup_sync)>("secret_password_lookup_sync"),
        lib.symbol<decltype(&secret_password_clear_sync)>("secret_password_clear_sync"),
        lib.symbol<decltype(&secret_password_free)>("secret_password_free"),
        lib.symbol<decltype(&g_error_free)>("g_error_free"),
        lib.symbol<decltype(&g_cancellable_new)>("g_cancellable_new"),
        lib.symbol<decltype(&g_cancellable_cancel)>("g_cancellable_cancel"),
        lib.symbol<decltype(&g_object_unref)>("g_object_unref"),
    };
}

// Throws Error "err.library_missing" when libsecret is not installed.
const SecretLibrary& secretLibrary() { return core::loadedOnce<SecretLibrary>(loadSecretLibrary); }

// Why a deadline: a secret service that is activatable but stuck, or a keyring waiting for an unlock
// prompt nobody sees, must not freeze enrolment or the sync worker; past it the file is used.
constexpr std::chrono::milliseconds kServiceTimeout{3000};

// Usage: Deadline d(kServiceTimeout); secret_..._sync(..., d.cancellable(), ...);  // cancelled when late
class Deadline {
public:
    explicit Deadline(std::chrono::milliseconds limit) : m_cancellable(secretLibrary().cancellableNew()) {
        m_thread = std::thread([this, limit] {
            std::unique_lock lock(m_mutex);
            if (!m_cv.wait_for(lock, limit, [this] { return m_done; }))
                secretLibrary().cancellableCancel(m_cancellable);
        });
    }
    ~Deadline() {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_cv.notify_one();
        m_thread.join();
        secretLibrary().objectUnref(m_cancellable);
    }
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;
    GCancellable* cancellable() const { return m_cancellable; }

private:
    GCancellable* m_cancellable;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    std::thread m_thread;
};

const SecretSchema* tokenSchema() {
    // Lives as long as the process: libsecret keeps no copy of the schema.
    static SecretSchema* schema = secretLibrary().schemaNew("fr.mediane.DeviceToken", SECRET_SCHEMA_NONE,
                                                            "notebook", SECRET_SCHEMA_ATTRIBUTE_STRING, nullptr);
    return schema;
}

void warnOnce(const char* what, GError* error) {
    static std::once_flag once;
    std::call_once(once, [&] {
        std::fprintf(stderr, "mediane: the secret service could not %s (%s); the device token is kept in a 0600 file\n",
                     what, error ? error->message : "no answer");
    });
}

class SecretServiceSecret : public DeviceSecret {
public:
    explicit SecretServiceSecret(const fs::path& dataDir)
        : m_notebook(fs::absolute(dataDir).lexically_normal().string()), m_file(dataDir) {}

    std::optional<std::string> load() override {
        if (auto token = lookup()) return token;
        return m_file.load();
    }

    void save(const std::string& token) override {
        GError* error = nullptr;
        Deadline deadline(kServiceTimeout);
        gboolean stored = secretLibrary().storeSync(tokenSchema(), SECRET_COLLECTION_DEFAULT, "Médiane device token",
                                                    token.c_str(), deadline.cancellable(), &error, "notebook",
                                                    m_notebook.c_str(), nullptr);
        if (stored) {
            // One place only: a token left in the file would outlive an erase from the keyring.
            m_file.erase();
            return;
        }
        warnOnce("store the token", error);
        if (error) secretLibrary().errorFree(error);
        m_file.save(token);
    }

    void erase() override {
        GError* error = nullptr;
        Deadline deadline(kServiceTimeout);
        secretLibrary().clearSync(tokenSchema(), deadline.cancellable(), &error, "notebook", m_notebook.c_str(),
                                  nullptr);
        if (error) secretLibrary().errorFree(error);
        m_file.erase();
    }

    std::string where() const override { return "secret service"; }

private:
    std::optional<std::string> lookup() {
        GError* error = nullptr;
        Deadline deadline(kServiceTimeout);
        gchar* found = secretLibrary().lookupSync(tokenSchema(), deadline.cancellable(), &error, "notebook",
                                                  m_notebook.c_str(), nullptr);
        if (error) {
            warnOnce("be read", error);
            secretLibrary().errorFree(error);
        }
        if (!found) return std::nullopt;
        std::string token(found);
        secretLibrary().passwordFree(found);
        if (token.empty()) return std::nullopt;
        return token;
    }

    std::string m_notebook;
    FileDeviceSecret m_file;
};

}  // namespace

bool secretServiceAnswers() {
    try {
        secretLibrary();
    } catch (const Error&) {
        return false;  // no libsecret on this system: the token goes to the 0600 file
    }
    GError* error = nullptr;
    Deadline deadline(kServiceTimeout);
    // A lookup of an attribute no item has: it reaches the service (activating it if installed) but
    // never matches a locked item, so it cannot raise an unlock prompt.
    gchar* found = secretLibrary().lookupSync(tokenSchema(), deadline.cancellable(), &error, "notebook", "(probe)",
                                              nullptr);
    if (found) secretLibrary().passwordFree(found);
    if (error) {
        secretLibrary().errorFree(error);
        return false;
    }
    return true;
}

std::unique_ptr<DeviceSecret> makeSecretServiceSecret(const fs::path& dataDir) {
    return std::make_unique<SecretServiceSecret>(dataDir);
}

}  // namespace mediane::store
