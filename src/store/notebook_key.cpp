#include "store/notebook_key.hpp"

#include "core/error.hpp"
#include "store/sync_file.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace mediane::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "mediane-notebook-key";
constexpr int kVersion = 1;

void initSodium() {
    if (sodium_init() < 0) throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"detail", "libsodium"}});
}

std::string toBase64(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::vector<unsigned char> fromBase64(const std::string& text, const std::string& file) {
    std::vector<unsigned char> out(text.size());
    std::size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"file", file}, {"detail", "base64"}});
    out.resize(length);
    return out;
}

// The wrapping key lives in sodium memory too: it opens the data key as well as the passphrase does.
class WrappingKey {
public:
    WrappingKey(const std::string& passphrase, const unsigned char* salt, KeyDerivationCost cost) {
        m_bytes = static_cast<unsigned char*>(sodium_malloc(crypto_secretbox_KEYBYTES));
        if (!m_bytes) throw std::bad_alloc();
        if (crypto_pwhash(m_bytes, crypto_secretbox_KEYBYTES, passphrase.data(), passphrase.size(), salt,
                          cost.opsLimit, cost.memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
            sodium_free(m_bytes);
            throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"detail", "argon2id: out of memory"}});
        }
    }
    ~WrappingKey() { sodium_free(m_bytes); }
    WrappingKey(const WrappingKey&) = delete;
    WrappingKey& operator=(const WrappingKey&) = delete;
    const unsigned char* bytes() const { return m_bytes; }

private:
    unsigned char* m_bytes = nullptr;
};

std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::map<std::string, std::shared_ptr<const DataKey>>& registry() {
    static std::map<std::string, std::shared_ptr<const DataKey>> r;
    return r;
}
// SQLite hands the VFS an absolute path with symlinks resolved: the registry uses the same form.
std::string registryPath(const std::string& path) {
    std::error_code ec;
    auto p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

}  // namespace

DataKey::DataKey() {
    initSodium();
    m_bytes = static_cast<unsigned char*>(sodium_malloc(kSize));
    if (!m_bytes) throw std::bad_alloc();
}

DataKey::~DataKey() { sodium_free(m_bytes); }  // sodium_free zeroes before releasing

std::shared_ptr<const DataKey> DataKey::generate() {
    std::shared_ptr<DataKey> key(new DataKey());
    randombytes_buf(key->m_bytes, kSize);
    sodium_mprotect_readonly(key->m_bytes);
    return key;
}

std::shared_ptr<const DataKey> DataKey::fromBytes(const unsigned char* bytes) {
    std::shared_ptr<DataKey> key(new DataKey());
    std::copy(bytes, bytes + kSize, key->m_bytes);
    sodium_mprotect_readonly(key->m_bytes);
    return key;
}

KeyDerivationCost defaultKeyDerivationCost() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

void checkNewPassphrase(const std::string& passphrase) {
    // Counted in bytes: 10 is enough for a phrase of a few words, which is what the guide recommends.
    if (passphrase.size() < 10)
        throw Error(Error::Kind::Validation, "err.passphrase_short", {{"min", "10"}}, "passphrase");
}

void writeKeyFile(const std::string& path, const DataKey& key, const std::string& passphrase, KeyDerivationCost cost) {
    initSodium();
    unsigned char salt[crypto_pwhash_SALTBYTES];
    unsigned char nonce[crypto_secretbox_NONCEBYTES];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    WrappingKey wrapping(passphrase, salt, cost);
    unsigned char wrapped[DataKey::kSize + crypto_secretbox_MACBYTES];
    crypto_secretbox_easy(wrapped, key.bytes(), DataKey::kSize, nonce, wrapping.bytes());
    nlohmann::json j = {{"format", kFormat},
                        {"version", kVersion},
                        {"kdf", "argon2id13"},
                        {"ops_limit", cost.opsLimit},
                        {"mem_limit", cost.memLimit},
                        {"salt", toBase64(salt, sizeof salt)},
                        {"nonce", toBase64(nonce, sizeof nonce)},
                        {"wrapped_key", toBase64(wrapped, sizeof wrapped)}};
    writeFileAtomically(path, j.dump(2) + "\n");
}

std::shared_ptr<const DataKey> readKeyFile(const std::string& path, const std::string& passphrase) {
    initSodium();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"file", path}, {"detail", "missing"}});
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json j;
    std::vector<unsigned char> salt, nonce, wrapped;
    KeyDerivationCost cost{};
    try {
        j = nlohmann::json::parse(text.str());
        if (j.at("format") != kFormat || j.at("kdf") != "argon2id13")
            throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"file", path}, {"detail", "format"}});
        if (j.at("version").get<int>() > kVersion)
            throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"file", path}, {"detail", "newer version"}});
        cost.opsLimit = j.at("ops_limit").get<std::uint64_t>();
        cost.memLimit = j.at("mem_limit").get<std::size_t>();
        salt = fromBase64(j.at("salt").get<std::string>(), path);
        nonce = fromBase64(j.at("nonce").get<std::string>(), path);
        wrapped = fromBase64(j.at("wrapped_key").get<std::string>(), path);
    } catch (const nlohmann::json::exception& e) {
        throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"file", path}, {"detail", e.what()}});
    }
    // Bounds on what the file may ask for: a tampered file must not make us allocate 100 GB.
    if (salt.size() != crypto_pwhash_SALTBYTES || nonce.size() != crypto_secretbox_NONCEBYTES ||
        wrapped.size() != DataKey::kSize + crypto_secretbox_MACBYTES || cost.opsLimit < crypto_pwhash_OPSLIMIT_MIN ||
        cost.opsLimit > 16 || cost.memLimit < crypto_pwhash_MEMLIMIT_MIN || cost.memLimit > (std::size_t{1} << 30))
        throw Error(Error::Kind::Storage, "err.notebook_key_unreadable", {{"file", path}, {"detail", "parameters"}});
    WrappingKey wrapping(passphrase, salt.data(), cost);
    unsigned char* plain = static_cast<unsigned char*>(sodium_malloc(DataKey::kSize));
    if (!plain) throw std::bad_alloc();
    if (crypto_secretbox_open_easy(plain, wrapped.data(), wrapped.size(), nonce.data(), wrapping.bytes()) != 0) {
        sodium_free(plain);
        throw Error(Error::Kind::Refused, "err.passphrase_wrong", {{"file", path}}, "passphrase");
    }
    auto key = DataKey::fromBytes(plain);
    sodium_free(plain);
    return key;
}

void changeKeyFilePassphrase(const std::string& path, const std::string& oldPassphrase,
                             const std::string& newPassphrase) {
    checkNewPassphrase(newPassphrase);
    auto key = readKeyFile(path, oldPassphrase);
    writeKeyFile(path, *key, newPassphrase);
}

void registerNotebookKey(const std::string& databasePath, std::shared_ptr<const DataKey> key) {
    std::lock_guard lock(registryMutex());
    registry()[registryPath(databasePath)] = std::move(key);
}

void forgetNotebookKey(const std::string& databasePath) {
    std::lock_guard lock(registryMutex());
    registry().erase(registryPath(databasePath));
}

std::shared_ptr<const DataKey> findNotebookKey(const std::string& databasePath) {
    std::lock_guard lock(registryMutex());
    auto it = registry().find(registryPath(databasePath));
    return it == registry().end() ? nullptr : it->second;
}

}  // namespace mediane::store
