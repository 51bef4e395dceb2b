// resin-hub: serves the sync protocol, and manages accounts, devices and compaction from the command line.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <thread>

#include <CLI/CLI.hpp>

#include "core/calendar.hpp"
#include "core/directory_import.hpp"
#include "core/directory_schema.hpp"
#include "core/error.hpp"
#include "core/private_files.hpp"
#include "core/text_file.hpp"
#include "core/translator.hpp"
#include "sync/hub/credentials.hpp"
#include "sync/hub/directory_publish.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/sqlite_hub_store.hpp"

namespace {

using namespace mediane;

std::string storePath(const std::string& dataDir) {
    // Password hashes, token hashes and every structure's learners: the owner's account only. SQLite
    // creates -wal and -shm with the main file's mode, so a 0600 hub.sqlite3 keeps them 0600 too.
    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);
    auto path = std::filesystem::path(dataDir) / "hub.sqlite3";
    core::tightenDatabaseFiles(path);
    return path.string();
}

// The i18n tables next to the binary's build tree, else the source tree's.
core::Translator loadTranslator(const std::string& assets) {
    for (const auto& dir : {assets, std::string(MEDIANE_HUB_ASSETS)})
        if (!dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / "i18n" / "en"))
            return core::Translator::load((std::filesystem::path(dir) / "i18n").string(), "en");
    return core::Translator::fromJson("en", "{}");
}

// The standard's schema.json from --assets, else the build tree's; "" when neither has it.
std::string directorySchemaPath(const std::string& assets) {
    for (const auto& dir : {assets, std::string(MEDIANE_HUB_ASSETS)}) {
        auto path = std::filesystem::path(dir) / "directory" / "schema.json";
        if (!dir.empty() && std::filesystem::exists(path)) return path.string();
    }
    return {};
}

// Publishes the file's places on the hub and prints the laptop import's JSON report.
int importDirectory(const std::string& dataDir, const std::string& file, const std::string& assets) {
    auto schemaPath = directorySchemaPath(assets);
    if (schemaPath.empty()) throw Error(Error::Kind::Io, "err.hub.directory_schema_missing", {{"assets", assets}});
    auto schema = core::DirectorySchema::loadFile(schemaPath);
    auto plan = core::planDirectoryImport(core::readTextFile(file), schema, file);
    hub::SqliteHubStore store(storePath(dataDir));
    auto publication = hub::publishDirectory(store, plan);
    std::printf("%s\n", hub::directoryImportReport(file, plan, publication, loadTranslator(assets)).dump(2).c_str());
    if (plan.rejectedRows > 0)
        std::fprintf(stderr, "resin-hub: %d / %d rejected (%s)\n", plan.rejectedRows, plan.rows, file.c_str());
    return 0;
}

void splitListen(const std::string& listen, hub::ServerOptions& options) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw validationError("err.hub.listen_format", "--listen", {{"value", listen}});
    options.host = listen.substr(0, colon);
    try {
        options.port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
        throw validationError("err.hub.listen_format", "--listen", {{"value", listen}});
    }
    if (options.port < 0 || options.port > 65535)
        throw validationError("err.hub.listen_format", "--listen", {{"value", listen}});
}

int serve(const std::string& dataDir, const std::string& listen, std::size_t maxBody, const std::string& assets) {
    // Signals are taken by one thread with sigwait, so stopping the server never runs inside a handler.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    hub::ServerOptions options;
    splitListen(listen, options);
    options.maxBodyBytes = maxBody;
    options.directorySchemaPath = directorySchemaPath(assets);
    hub::SqliteHubStore store(storePath(dataDir));
    hub::HubServer server(store, loadTranslator(assets), options);
    int port = server.bind();
    std::printf("listening on %s:%d\n", options.host.c_str(), port);
    std::fflush(stdout);

    std::thread waiter([&server, stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        server.stop();
    });
    server.serve();
    // serve() also returns on a bind failure; wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 0;
}

int addUser(const std::string& dataDir, hub::UserAccount user) {
    if (user.role != "adviser" && user.role != "coordinator" && user.role != "admin")
        throw validationError("err.hub.role", "--role", {{"value", user.role}});
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < 10) throw validationError("err.hub.password_short", "password", {{"min", "10"}});
    user.passwordHash = hub::hashPassword(password);
    hub::SqliteHubStore store(storePath(dataDir));
    store.saveUser(user);
    std::printf("user %s saved (%s, %s)\n", user.login.c_str(), user.role.c_str(), user.structure.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"resin-hub: the Rés'IN sync hub for Médiane laptops"};
    app.require_subcommand(0, 1);
    std::string dataDir, listen, assets;
    std::size_t maxBody = 8 * 1024 * 1024;
    app.add_option("--data", dataDir, "Directory holding the hub database (hub.sqlite3)")->required();
    app.add_option("--listen", listen, "HOST:PORT to serve on; port 0 picks a free port, printed on the first line");
    app.add_option("--max-body", maxBody, "Largest accepted request body in bytes, after decompression");
    app.add_option("--assets", assets, "Assets directory (translations); defaults to the build's");

    auto* user = app.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* userAdd = user->add_subcommand("add", "Create or update an account; the password is read on stdin");
    hub::UserAccount account;
    userAdd->add_option("--login", account.login, "Login")->required();
    userAdd->add_option("--role", account.role, "adviser | coordinator | admin")->required();
    userAdd->add_option("--structure", account.structure, "The structure the account works for")->required();
    userAdd->add_option("--territory", account.territory, "The structure's territory (for coordinators' scope)");

    auto* device = app.add_subcommand("device", "Manage enrolled laptops");
    device->require_subcommand(1);
    auto* revoke = device->add_subcommand("revoke", "Revoke a device's token: its next request gets 401");
    std::string deviceId;
    revoke->add_option("--device", deviceId, "Device id")->required();

    auto* prune = app.add_subcommand("prune", "Compact the change feed: drop superseded changes and old tombstones");
    int days = 180;
    prune->add_option("--days", days, "Keep this many days of history (the tombstone horizon)");

    auto* import = app.add_subcommand("import", "Publish data files on the hub");
    import->require_subcommand(1);
    auto* importDir = import->add_subcommand(
        "directory", "Publish the places of a CSV in the national standard (lieux de médiation numérique 1.0.2) "
                     "to every laptop; prints a JSON report of every normalised or rejected line and field");
    std::string directoryFile;
    importDir->add_option("file", directoryFile, "CSV file (UTF-8 or Windows-1252, `,` or `;`)")->required();

    CLI11_PARSE(app, argc, argv);
    try {
        hub::initCrypto();
        if (userAdd->parsed()) return addUser(dataDir, account);
        if (revoke->parsed()) {
            hub::SqliteHubStore store(storePath(dataDir));
            if (!store.revokeDevice(deviceId)) throw Error(Error::Kind::NotFound, "err.hub.device_unknown", {{"device", deviceId}});
            std::printf("device %s revoked\n", deviceId.c_str());
            return 0;
        }
        if (importDir->parsed()) return importDirectory(dataDir, directoryFile, assets);
        if (prune->parsed()) {
            hub::SqliteHubStore store(storePath(dataDir));
            auto removed = store.prune(core::addDays(core::today(), -days));
            std::printf("%lld change rows removed; cursors below %lld now get 410\n", static_cast<long long>(removed),
                        static_cast<long long>(store.prunedBelow()));
            return 0;
        }
        if (listen.empty()) throw validationError("err.hub.listen_missing", "--listen");
        return serve(dataDir, listen, maxBody, assets);
    } catch (const Error& e) {
        std::fprintf(stderr, "resin-hub: %s\n", loadTranslator(assets).message(e).c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "resin-hub: %s\n", e.what());
        return 1;
    }
}
