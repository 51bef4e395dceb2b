// The device token outside the notebook: the 0600 token file, the choice of store, the account, migration 7.
#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/private_files.hpp"
#include "store/database.hpp"
#include "store/device_secret.hpp"
#include "store/migrations.hpp"
#include "store/sync_account_store.hpp"
#include "store/secret_service_secret.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

using namespace mediane;
using mediane::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kToken = "dt_7f3c9a1e5b2d4c8f9e0a1b2c3d4e5f60";

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool fileHolds(const fs::path& p, const std::string& needle) {
    return fs::exists(p) && readBytes(p).find(needle) != std::string::npos;
}

store::SyncAccount account(const std::string& token) {
    return {"https://hub.example.org", token, "alice", "adviser", "cs-parilly", "", "2025-03-01T09:00:00Z"};
}

// A store that refuses every token, as a full disk or a read-only directory would.
class RefusingSecret : public store::DeviceSecret {
public:
    std::optional<std::string> load() override { return std::nullopt; }
    void save(const std::string&) override { throw Error(Error::Kind::Io, "err.device_token", {{"file", "x"}}); }
    void erase() override {}
    std::string where() const override { return "nowhere"; }
};

}  // namespace

TEST_CASE("the token file is 0600, round-trips and is erased") {
    TempDir dir;
    ::umask(022);
    store::FileDeviceSecret secret(dir.path());
    CHECK_FALSE(secret.load());
    secret.save(kToken);
    auto file = dir.path() / store::FileDeviceSecret::kFileName;
    CHECK(modeOf(file) == 0600);
    CHECK(secret.load() == std::optional<std::string>(kToken));
    secret.save("dt_renewed");
    CHECK(secret.load() == std::optional<std::string>("dt_renewed"));
    CHECK_FALSE(fs::exists(file.string() + ".tmp"));
    secret.erase();
    CHECK_FALSE(fs::exists(file));
    CHECK_FALSE(secret.load());
    secret.erase();  // erasing twice is not an error
}

TEST_CASE("a token file left 0644 is tightened when read, and rewritten 0600 over a loose leftover") {
    TempDir dir;
    auto file = dir.path() / store::FileDeviceSecret::kFileName;
    std::ofstream(file) << kToken << "\n";
    REQUIRE(::chmod(file.c_str(), 0644) == 0);
    auto tmp = file.string() + ".tmp";
    std::ofstream(tmp) << "old";
    REQUIRE(::chmod(tmp.c_str(), 0666) == 0);
    core::setPermissionNotice([](const std::string&, unsigned, unsigned) {});
    store::FileDeviceSecret secret(dir.path());
    CHECK(secret.load() == std::optional<std::string>(kToken));
    CHECK(modeOf(file) == 0600);
    secret.save("dt_next");
    CHECK(modeOf(file) == 0600);
    core::setPermissionNotice(nullptr);
}

TEST_CASE("the token store is the file unless a session bus has a secret service that answers") {
    int probes = 0;
    auto answers = [&probes](bool yes) {
        return [&probes, yes] {
            ++probes;
            return yes;
        };
    };
    using store::SecretBackend;
    SECTION("no session bus: the file, and D-Bus is never touched") {
        CHECK(store::chooseSecretBackend({"", "", answers(true)}) == SecretBackend::File);
        CHECK(store::chooseSecretBackend({"secret-service", "", answers(true)}) == SecretBackend::File);
        CHECK(probes == 0);
    }
    SECTION("a bus whose secret service does not answer in time: the file") {
        CHECK(store::chooseSecretBackend({"", "unix:path=/run/user/1000/bus", answers(false)}) == SecretBackend::File);
        CHECK(probes == 1);
    }
    SECTION("a bus with a secret service: the secret service") {
        CHECK(store::chooseSecretBackend({"", "unix:path=/run/user/1000/bus", answers(true)}) ==
              SecretBackend::SecretService);
    }
    SECTION("MEDIANE_TOKEN_STORE=file wins, without a probe") {
        CHECK(store::chooseSecretBackend({"file", "unix:path=/run/user/1000/bus", answers(true)}) == SecretBackend::File);
        CHECK(probes == 0);
    }
    SECTION("MEDIANE_TOKEN_STORE=secret-service with a bus skips the probe") {
        CHECK(store::chooseSecretBackend({"secret-service", "unix:path=/run/user/1000/bus", answers(false)}) ==
              SecretBackend::SecretService);
        CHECK(probes == 0);
    }
}

TEST_CASE("the account's fields stay in the notebook and its token does not") {
    TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql db(*notebook);
    store::SyncAccountStore accounts(db, std::make_unique<store::FileDeviceSecret>(dir.path()));
    accounts.save(account(kToken));
    auto loaded = accounts.load();
    REQUIRE(loaded);
    CHECK(loaded->deviceToken == kToken);
    CHECK(loaded->login == "alice");
    CHECK(loaded->hubUrl == "https://hub.example.org");
    CHECK(modeOf(dir.path() / store::FileDeviceSecret::kFileName) == 0600);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    auto file = dir.path() / app::Notebook::kDatabaseFile;
    CHECK_FALSE(fileHolds(file, kToken));
    CHECK_FALSE(fileHolds(file.string() + "-wal", kToken));
    CHECK(fileHolds(file, "alice"));

    SECTION("the token renewed by the hub replaces the old one") {
        auto renewed = *loaded;
        renewed.deviceToken = "dt_renewed_0001";
        accounts.save(renewed);
        CHECK(accounts.load()->deviceToken == "dt_renewed_0001");
    }
    SECTION("a notebook copied without its token file loads the account with no token") {
        store::FileDeviceSecret(dir.path()).erase();
        auto copy = accounts.load();
        REQUIRE(copy);
        CHECK(copy->deviceToken.empty());
    }
}

TEST_CASE("an account whose token cannot be kept is not saved at all") {
    TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql db(*notebook);
    store::SyncAccountStore accounts(db, std::make_unique<RefusingSecret>());
    CHECK_THROWS_AS(accounts.save(account(kToken)), Error);
    CHECK_FALSE(accounts.load());
}

TEST_CASE("migration 7 moves the token out of an old notebook and leaves no byte of it in the file or the WAL") {
    TempDir dir;
    auto file = dir.path() / app::Notebook::kDatabaseFile;
    const std::string older = "dt_enrolled_first_time_5a5a5a5a5a5a";
    {
        store::Database db(file.string());
        // Debian's SQLite has secure_delete on by default; others do not: test the harder case.
        db.exec("PRAGMA secure_delete = OFF");
        store::migrate(db, 6);
        // Enrolled twice, as an older Médiane did it: the first token replaced without secure_delete.
        for (const auto& t : {older, std::string(kToken)})
            db.prepare("INSERT OR REPLACE INTO sync_account (id, hub_url, device_token, login, role, structure, "
                       "territory, enrolled_at) VALUES (1, 'https://hub.example.org', ?, 'alice', 'adviser', "
                       "'cs-parilly', '', '2025-03-01T09:00:00Z')")
                .bind(1, t)
                .run();
        db.exec("PRAGMA wal_checkpoint(PASSIVE)");
        // The test means something only if the bytes were there before.
        REQUIRE((fileHolds(file, kToken) || fileHolds(file.string() + "-wal", kToken)));
        REQUIRE((fileHolds(file, older) || fileHolds(file.string() + "-wal", older)));
    }
    {
        store::Database db(file.string());
        db.exec("PRAGMA secure_delete = OFF");
        store::migrate(db);
    }

    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql db(*notebook);
    CHECK(store::schemaVersion(db) == store::latestSchemaVersion());
    CHECK(db.scalarInt("SELECT count(*) FROM pragma_table_info('sync_account') WHERE name = 'device_token'") == 0);
    auto loaded = store::SyncAccountStore(db).load();
    REQUIRE(loaded);
    CHECK(loaded->deviceToken == kToken);
    CHECK(loaded->structure == "cs-parilly");
    CHECK(store::openDeviceSecret(dir.path())->load() == std::optional<std::string>(kToken));

    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (const auto& t : {older, std::string(kToken)}) {
        CHECK_FALSE(fileHolds(file, t));
        CHECK_FALSE(fileHolds(file.string() + "-wal", t));
    }
    auto st = db.prepare("PRAGMA integrity_check");
    REQUIRE(st.step());
    CHECK(st.columnText(0) == "ok");
}

TEST_CASE("migration 7 on a notebook never enrolled moves nothing") {
    TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql db(*notebook);
    CHECK_FALSE(store::SyncAccountStore(db).load());
    CHECK_FALSE(fs::exists(dir.path() / store::FileDeviceSecret::kFileName));
}

TEST_CASE("a session bus that leads nowhere means no secret service, and the token still lands in the 0600 file") {
    TempDir dir;
    const char* previous = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    std::string saved = previous ? previous : "";
    ::setenv("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + (dir.path() / "no-bus").string()).c_str(), 1);
    CHECK_FALSE(store::secretServiceAnswers());
    // Even when forced to the secret service, a failing one falls back to the file, never loses the token.
    auto secret = store::makeSecretServiceSecret(dir.path());
    secret->save(kToken);
    CHECK(modeOf(dir.path() / store::FileDeviceSecret::kFileName) == 0600);
    CHECK(secret->load() == std::optional<std::string>(kToken));
    secret->erase();
    CHECK_FALSE(secret->load());
    if (previous) ::setenv("DBUS_SESSION_BUS_ADDRESS", saved.c_str(), 1);
    else ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
}
