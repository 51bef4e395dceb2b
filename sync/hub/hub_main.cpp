// resin-hub: serves the sync protocol, and manages accounts, devices and compaction from the command line.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <pthread.h>
#include <limits>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "core/directory_import.hpp"
#include "core/directory_schema.hpp"
#include "core/error.hpp"
#include "core/installed_assets.hpp"
#include "core/private_files.hpp"
#include "core/text_file.hpp"
#include "core/translator.hpp"
#include "sync/hub/audit_log.hpp"
#include "sync/hub/record_history.hpp"
#include "sync/hub/credentials.hpp"
#include "sync/hub/device_tokens.hpp"
#include "sync/hub/hub_backup.hpp"
#include "sync/hub/directory_publish.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/hub/pass_commands.hpp"
#include "sync/hub/learner_erasure_rules.hpp"
#include "sync/hub/privacy_commands.hpp"
#include "sync/hub/hub_vocabularies.hpp"
#include "sync/hub/metrics_token.hpp"
#include "sync/hub/sqlite_hub_store.hpp"
#ifdef MEDIANE_HUB_POSTGRESQL
#include "sync/hub/pg_hub_migration.hpp"
#include "sync/hub/pg_hub_store.hpp"
#include "sync/hub/pg_login_failures.hpp"
#endif
#include "sync/hub/vocabulary_publish.hpp"

namespace {

using namespace mediane;

std::string storePath(const std::string& dataDir) {
    // Password hashes, token hashes and every structure's learners: the owner's account only. SQLite
    // creates -wal and -shm with the main file's mode, so a 0600 hub.sqlite3 keeps them 0600 too.
    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);
    auto path = std::filesystem::path(dataDir) / "hub.sqlite3";
    core::tightenDatabaseFiles(path);
    // A newer file is refused before anything touches it; an older one is kept as it was, then migrated.
    if (auto kept = hub::checkBeforeUpgrade(path.string()); !kept.empty())
        std::fprintf(stderr, "resin-hub: %s was kept as %s before its upgrade\n", path.c_str(), kept.c_str());
    return path.string();
}

// --db: the PostgreSQL database every command uses instead of DIR/hub.sqlite3 ("" : the SQLite file).
std::string g_database;

bool isPostgresUri(const std::string& db) { return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0; }

// The hub's store: --db's PostgreSQL database when given, else the SQLite file in the data directory.
std::unique_ptr<hub::HubStore> openStore(const std::string& dataDir) {
    if (g_database.empty()) return std::make_unique<hub::SqliteHubStore>(storePath(dataDir));
    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);  // the audit log stays there
#ifdef MEDIANE_HUB_POSTGRESQL
    return std::make_unique<hub::PgHubStore>(g_database);
#else
    throw validationError("err.hub.postgresql_missing", "--db");
#endif
}

// `backup --to FILE` and `restore --from FILE`, on the database file alone (no migration: a backup is of the file as it is).
int backupOrRestore(const std::string& dataDir, const std::string& to, const std::string& from) {
    // PostgreSQL has its own tools, which copy one consistent instant of a live database (docs/hub-postgresql.md).
    if (!g_database.empty()) throw validationError("err.hub.backup_postgresql", "--db");
    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);
    const auto path = (std::filesystem::path(dataDir) / "hub.sqlite3").string();
    nlohmann::json out;
    if (!to.empty()) {
        auto done = hub::backupHub(path, to);
        out = {{"backup", done.file}, {"schema_version", done.schemaVersion}, {"bytes", done.bytes}};
    } else {
        auto restored = hub::restoreHub(path, from);
        out = {{"database", path}, {"backup_schema_version", restored.backupSchemaVersion},
               {"previous_database", restored.previousCopy.empty() ? nlohmann::json(nullptr)
                                                                   : nlohmann::json(restored.previousCopy)}};
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}

// The package's share/resin-hub beside the installed binary, or a build tree's assets (core/installed_assets.hpp).
const std::string& installedAssets() {
    static const std::string dir = core::findAssetsDir(core::executablePath("resin-hub"), "resin-hub");
    return dir;
}

// The i18n tables of --assets, else the installed ones.
core::Translator loadTranslator(const std::string& assets) {
    for (const auto& dir : {assets, installedAssets()})
        if (!dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / "i18n" / "en"))
            return core::Translator::load((std::filesystem::path(dir) / "i18n").string(), "en");
    return core::Translator::fromJson("en", "{}");
}

// The standard's schema.json from --assets, else the installed one; "" when neither has it.
std::string directorySchemaPath(const std::string& assets) {
    for (const auto& dir : {assets, installedAssets()}) {
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
    auto opened = openStore(dataDir);
    auto& store = *opened;
    auto publication = hub::publishDirectory(store, plan);
    std::printf("%s\n", hub::directoryImportReport(file, plan, publication, loadTranslator(assets)).dump(2).c_str());
    if (plan.rejectedRows > 0)
        std::fprintf(stderr, "resin-hub: %d / %d rejected (%s)\n", plan.rejectedRows, plan.rows, file.c_str());
    return 0;
}

// "yes" / "no" of a command-line option; nullopt when it was not given.
std::optional<int> yesNo(const std::string& value, const char* option) {
    if (value.empty()) return std::nullopt;
    if (value == "yes" || value == "oui") return 1;
    if (value == "no" || value == "non") return 0;
    throw validationError("err.hub.yes_no", option, {{"option", option}, {"value", value}});
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

std::string auditPath(const std::string& dataDir, const std::string& auditLog) {
    return auditLog.empty() ? (std::filesystem::path(dataDir) / "audit.jsonl").string() : auditLog;
}

// Admin commands leave the same trail as requests, with "cli" as their address.
void auditCommand(const std::string& path, const std::string& action, const std::string& login,
                  const std::string& device, const std::string& result) {
    hub::AuditLog log(path);
    log.record({"cli", login, device, action, result});
}

// The vocabularies the hub shipped with, from --assets, else the installed ones; "" when neither has them.
std::string vocabulariesPath(const std::string& assets) {
    for (const auto& dir : {assets, installedAssets()}) {
        auto path = std::filesystem::path(dir) / "vocab" / "vocabularies.json";
        if (!dir.empty() && std::filesystem::exists(path)) return path.string();
    }
    return {};
}

std::string shippedVocabularies(const std::string& assets) {
    auto path = vocabulariesPath(assets);
    return path.empty() ? std::string() : core::readTextFile(path);
}

// Publishes a vocabularies file; prints what changed as JSON. A refusal is audited too, with its reason.
int publishVocabularies(const std::string& dataDir, const std::string& file, const std::string& assets,
                        const std::string& audit) {
    auto opened = openStore(dataDir);
    auto& store = *opened;
    auto current = hub::currentVocabularies(store, shippedVocabularies(assets));
    hub::VocabularyPublication publication;
    try {
        publication = hub::publishVocabularies(store, *current, core::readTextFile(file));
    } catch (const Error& e) {
        auditCommand(audit, "vocab publish", "", "", "refused " + e.key());
        throw;
    }
    nlohmann::json retired = nlohmann::json::array();
    for (const auto& r : publication.retired)
        retired.push_back({{"vocabulary", r.vocabulary}, {"code", r.code}, {"replaced_by", r.replacedBy}});
    nlohmann::json out = {{"version", publication.version},
                          {"previous_version", publication.previousVersion},
                          {"added", publication.added},
                          {"retired", retired},
                          {"records_rewritten", publication.recordsRewritten}};
    std::printf("%s\n", out.dump(2).c_str());
    auditCommand(audit, "vocab publish", "", "",
                 "ok version " + std::to_string(publication.version) + " rewritten " +
                     std::to_string(publication.recordsRewritten));
    return 0;
}

// The codes that had no equivalent, for a coordinator: each record's, and a count per field and code.
int vocabularyReport(const std::string& dataDir, const std::string& assets) {
    auto opened = openStore(dataDir);
    auto& store = *opened;
    auto current = hub::currentVocabularies(store, shippedVocabularies(assets));
    nlohmann::json unmapped = nlohmann::json::array();
    std::map<std::pair<std::string, std::string>, int> counts;
    for (const auto& u : store.unmappedCodes()) {
        unmapped.push_back({{"entity", u.entity}, {"record_id", u.recordId}, {"field", u.field}, {"old_code", u.oldCode},
                            {"source", u.source}, {"reported_at", u.reportedAt}});
        ++counts[{u.field, u.oldCode}];
    }
    nlohmann::json byCode = nlohmann::json::array();
    for (const auto& [key, records] : counts)
        byCode.push_back({{"field", key.first}, {"old_code", key.second}, {"records", records}});
    nlohmann::json out = {{"vocabulary_version", current->version}, {"unmapped", unmapped}, {"by_code", byCode}};
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}

// `migrate --from-data DIR --to postgresql://...`: prints each table's rows and checksum, the same on both sides.
int migrateToPostgres(const std::string& fromDir, const std::string& to, const std::string& auditLog) {
#ifdef MEDIANE_HUB_POSTGRESQL
    if (!isPostgresUri(to)) throw validationError("err.hub.migrate_target", "--to", {{"value", to}});
    if (!std::filesystem::exists(std::filesystem::path(fromDir) / "hub.sqlite3"))
        throw Error(Error::Kind::NotFound, "err.hub.migrate_source_missing", {{"dir", fromDir}});
    auto source = storePath(fromDir);
    hub::PgHubStore target(to);
    auto report = hub::migrateSqliteHub(source, target);
    nlohmann::json tables = nlohmann::json::object();
    for (const auto& t : report.tables) tables[t.name] = {{"rows", t.rows}, {"checksum", t.checksum}};
    std::printf("%s\n", nlohmann::json{{"from", source}, {"tables", tables}, {"last_server_seq", report.lastServerSeq},
                                       {"verified", true}}.dump(2).c_str());
    hub::AuditLog(auditPath(fromDir, auditLog)).record({"cli", "", "", "migrate", "ok"});
    return 0;
#else
    (void)fromDir;
    (void)to;
    (void)auditLog;
    throw validationError("err.hub.postgresql_missing", "--to");
#endif
}

struct ServeSettings {
    std::string listen;
    std::size_t maxBody = sync::kMaxPushBodyBytes;
    std::string assets;
    std::int64_t tokenSeconds = 0;
    std::string auditLog;
    hub::TlsFiles tls;
    hub::ConnectionLimits limits;
    hub::AnswerCompression compression;
    std::string metricsTokenFile;
    // A PostgreSQL hub's connections, each serving one request at a time (SQLite's hub has its one).
    int databaseConnections = 8;
};

int serve(const std::string& dataDir, const ServeSettings& settings) {
    const auto& listen = settings.listen;
    const auto& assets = settings.assets;
    // Signals are taken by one thread with sigwait, so stopping the server never runs inside a handler.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGHUP);  // re-read the TLS certificate and key
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    hub::ServerOptions options;
    splitListen(listen, options);
    options.maxBodyBytes = settings.maxBody;
    options.limits = settings.limits;
    options.compression = settings.compression;
    options.tls = settings.tls;
    options.directorySchemaPath = directorySchemaPath(assets);
    options.vocabulariesPath = vocabulariesPath(assets);
    options.tokenLifetimeSeconds = settings.tokenSeconds;
    if (!settings.metricsTokenFile.empty()) options.metricsToken = hub::readMetricsToken(settings.metricsTokenFile);
    hub::AccountGuardConfig guard;
    guard.auditLogPath = auditPath(dataDir, settings.auditLog);
    options.accounts = std::make_shared<hub::AccountGuard>(guard);
#ifdef MEDIANE_HUB_POSTGRESQL
    // Every hub process on the database counts failed sign-ins together: spreading guesses over them gains nothing.
    if (!g_database.empty()) options.accounts->throttle.share(std::make_shared<hub::PgLoginFailures>(g_database));
#endif
    std::vector<std::unique_ptr<hub::HubStore>> stores;
    stores.push_back(openStore(dataDir));
    hub::applyRetention(*stores.front(), core::today());  // at start, then on the first pull of each day
    while (!g_database.empty() && static_cast<int>(stores.size()) < settings.databaseConnections)
        stores.push_back(openStore(dataDir));
    hub::HubServer server(std::make_unique<hub::StorePool>(std::move(stores)), loadTranslator(assets), options);
    int port = server.bind();
    std::printf("listening on %s:%d%s\n", options.host.c_str(), port, options.tls.certFile.empty() ? "" : " (https)");
    std::fflush(stdout);

    std::thread waiter([&server, stopSignals] {
        for (;;) {
            int signal = 0;
            sigwait(&stopSignals, &signal);
            if (signal != SIGHUP) break;
            auto error = server.reloadTls();
            if (error.empty())
                std::fprintf(stderr, "tls: certificate and key reloaded\n");
            else
                std::fprintf(stderr, "tls: reload failed, the previous certificate stays in use: %s\n", error.c_str());
        }
        server.stop();
    });
    server.serve();
    // serve() also returns on a bind failure; wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 0;
}

int addUser(const std::string& dataDir, hub::UserAccount user, const std::string& audit) {
    if (user.role != "adviser" && user.role != "coordinator" && user.role != "admin")
        throw validationError("err.hub.role", "--role", {{"value", user.role}});
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < 10) throw validationError("err.hub.password_short", "password", {{"min", "10"}});
    auto opened = openStore(dataDir);
    auto& store = *opened;
    // The same password keeps its hash, so re-running `user add` to fix a territory cuts no laptop off.
    auto existing = store.findUser(user.login);
    user.passwordHash = existing && hub::verifyPassword(existing->passwordHash, password) ? existing->passwordHash
                                                                                          : hub::hashPassword(password);
    bool cut = store.saveUser(user);
    std::printf("user %s saved (%s, %s)%s\n", user.login.c_str(), user.role.c_str(), user.structure.c_str(),
                cut ? "; its devices' tokens were revoked: they must enroll again" : "");
    auditCommand(audit, existing ? "user update" : "user add", user.login, "", cut ? "ok tokens_cut" : "ok");
    return 0;
}

std::string orDash(const std::string& text) { return text.empty() ? "-" : text; }

// Columns padded to their widest cell: for an admin's terminal.
void printTable(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i] + std::string(widths[i] - row[i].size() + 2, ' ') : row[i];
        std::printf("%s\n", line.c_str());
    }
}

int listUsers(const std::string& dataDir, bool table) {
    auto opened = openStore(dataDir);
    auto& store = *opened;
    auto users = store.listUsers();
    if (table) {
        std::vector<std::vector<std::string>> rows{{"LOGIN", "ROLE", "STRUCTURE", "DISABLED", "DEVICES"}};
        for (const auto& u : users)
            rows.push_back({u.login, u.role, u.structure, u.disabled ? "yes" : "no", std::to_string(u.devices)});
        printTable(rows);
        return 0;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& u : users)
        out.push_back({{"login", u.login}, {"role", u.role}, {"structure", u.structure}, {"disabled", u.disabled},
                       {"devices", u.devices}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}

int listDevices(const std::string& dataDir, const std::string& login, bool table) {
    auto opened = openStore(dataDir);
    auto& store = *opened;
    auto devices = store.listDevices(login);
    auto expires = [](const hub::DeviceEntry& d) { return d.hasToken ? hub::isoFromUnix(d.tokenExpiresAt) : ""; };
    if (table) {
        std::vector<std::vector<std::string>> rows{{"DEVICE", "LOGIN", "ENROLLED", "LAST SEEN", "EXPIRES", "REVOKED"}};
        for (const auto& d : devices)
            rows.push_back({d.deviceId, d.login, d.enrolledAt, orDash(d.lastSeenAt), orDash(expires(d)),
                            d.revoked ? "yes" : "no"});
        printTable(rows);
        return 0;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : devices)
        out.push_back({{"device", d.deviceId}, {"login", d.login}, {"enrolled", d.enrolledAt},
                       {"last_seen", d.lastSeenAt}, {"expires", expires(d)}, {"has_token", d.hasToken},
                       {"revoked", d.revoked}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"resin-hub: the Rés'IN sync hub for Médiane laptops"};
    app.require_subcommand(0, 1);
    std::string dataDir;
    ServeSettings settings;
    auto& assets = settings.assets;
    int tokenDays = 60;
    // Required, except by `migrate`, which names its own.
    app.add_option("--data", dataDir, "Directory holding the hub database (hub.sqlite3) and audit log (audit.jsonl)");
    app.add_option("--db", g_database,
                   "postgresql://USER@HOST:PORT/DATABASE: keep the hub's data in PostgreSQL (several hub processes "
                   "may share it) instead of DIR/hub.sqlite3; DIR keeps the audit log")
        ->check([](const std::string& value) {
            return isPostgresUri(value) ? std::string() : std::string("--db takes a postgresql:// address");
        });
    app.add_option("--db-connections", settings.databaseConnections,
                   "With --db: connections this process keeps to PostgreSQL, each serving one request at a time "
                   "(default 8)")
        ->check(CLI::Range(1, 64));
    app.add_option("--listen", settings.listen,
                   "HOST:PORT to serve on; port 0 picks a free port, printed on the first line");
    app.add_option("--max-body", settings.maxBody, "Largest accepted request body in bytes, after decompression");
    app.add_option("--gzip-level", settings.compression.gzipLevel,
                   "gzip level of JSON answers to callers that accept it: 1 fastest to 9 smallest (default 6), 0 none")
        ->check(CLI::Range(0, 9));
    app.add_option("--brotli-quality", settings.compression.brotliQuality,
                   "Brotli quality of JSON answers to callers that accept it: 1 fastest to 11 smallest (default 5), "
                   "0 none (gzip then)")
        ->check(CLI::Range(0, 11));
    app.add_option("--assets", assets, "Assets directory (translations, vocabularies, directory schema); default: the installed share/resin-hub, $MEDIANE_ASSETS overrides");
    app.add_option("--token-days", tokenDays,
                   "Device token lifetime in days (default 60); a token in use renews itself after a quarter of it")
        ->check(CLI::Range(1, 3650));
    // Hidden: lets tests see expiry and renewal in seconds.
    app.add_option("--token-seconds", settings.tokenSeconds)->group("");
    app.add_option("--audit-log", settings.auditLog,
                   "Audit log file (JSON lines, 0600); default DIR/audit.jsonl");
    app.add_option("--tls-cert", settings.tls.certFile,
                   "PEM certificate chain: serve HTTPS (with --tls-key); kill -HUP re-reads both files");
    app.add_option("--tls-key", settings.tls.keyFile, "PEM private key of --tls-cert");
    app.add_option("--workers", settings.limits.workers, "Threads serving connections (default 64)");
    app.add_option("--max-connections-per-address", settings.limits.perAddress,
                   "Connections one client address may hold at once (default 32; behind a proxy, raise it)");
    app.add_option("--metrics-token-file", settings.metricsTokenFile,
                   "Serve GET /metrics (Prometheus text: counts only) to callers bearing the token in this file "
                   "(Authorization: Bearer; 16 characters at least); without it there is no /metrics");
    int headTimeoutMs = static_cast<int>(settings.limits.headDeadline.count());
    app.add_option("--head-timeout-ms", headTimeoutMs,
                   "Time a client has to send a request's head (TLS handshake, request line, headers)");

    // resin-hub.service reads the server's settings from /etc/resin-hub/resin-hub.conf (packaging/hub/).
    app.set_config("--config", "", "Settings file: `name = value` lines named after the long options above "
                                   "(listen, tls-cert, workers...); the command line wins over it");
    // A misspelt name in the settings file must stop the hub, not leave it running on a default.
    app.allow_config_extras(CLI::config_extras_mode::error);

    auto* backupCmd = app.add_subcommand(
        "backup", "Write a checked copy of the hub database to FILE while the hub serves (SQLite online backup: "
                  "one consistent instant, recent pushes included); prints it as JSON");
    std::string backupTo, restoreFrom;
    backupCmd->add_option("--to", backupTo, "The backup file to write (replaced if it exists)")->required();
    auto* restoreCmd = app.add_subcommand(
        "restore", "Replace the hub database by a backup (stop the service first); a backup from a newer resin-hub "
                   "is refused; the database it replaces is kept in DIR/backups/");
    restoreCmd->add_option("--from", restoreFrom, "The backup file")->required();

    auto* migrateCmd = app.add_subcommand(
        "migrate", "Copy a SQLite hub into an empty PostgreSQL database: every record, change, op result, conflict, "
                   "account, device (token hashes and cursors included: laptops keep syncing without enrolling "
                   "again), verified by row counts and checksums before it commits; prints the tables as JSON. "
                   "Stop the SQLite hub first, then serve with --db");
    std::string migrateFrom, migrateTo;
    migrateCmd->add_option("--from-data", migrateFrom, "The SQLite hub's directory (hub.sqlite3)")->required();
    migrateCmd->add_option("--to", migrateTo, "postgresql://USER@HOST:PORT/DATABASE (empty; the schema is created)")
        ->required();

    auto* user = app.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* userAdd = user->add_subcommand("add", "Create or update an account; the password is read on stdin. A new "
                                                "password, role or structure revokes the tokens of all its devices");
    hub::UserAccount account;
    userAdd->add_option("--login", account.login, "Login")->required();
    userAdd->add_option("--role", account.role, "adviser | coordinator | admin")->required();
    userAdd->add_option("--structure", account.structure, "The structure the account works for")->required();
    userAdd->add_option("--territory", account.territory, "The structure's territory (for coordinators' scope)");

    std::string targetLogin;
    bool table = false;
    auto* userDisable = user->add_subcommand("disable", "Refuse the account's sign-ins and its devices' requests (403)");
    auto* userEnable = user->add_subcommand("enable", "Lift a disable: the account's devices work again");
    auto* userRemove = user->add_subcommand("remove", "Delete the account and its devices (revoked devices stay revoked)");
    for (auto* sub : {userDisable, userEnable, userRemove}) sub->add_option("--login", targetLogin, "Login")->required();
    auto* userList = user->add_subcommand("list", "Accounts as JSON (login, role, structure, disabled, devices); "
                                                  "never a password hash");
    userList->add_flag("--table", table, "A table for the terminal instead of JSON");

    auto* device = app.add_subcommand("device", "Manage enrolled laptops");
    device->require_subcommand(1);
    auto* revoke = device->add_subcommand("revoke", "Revoke a device: its token stops working (401) and it cannot "
                                                    "enroll again, by any account, until admitted");
    auto* admit = device->add_subcommand("admit", "Let a revoked device enroll again (it needs a new sign-in)");
    std::string deviceId;
    for (auto* sub : {revoke, admit}) sub->add_option("--device", deviceId, "Device id")->required();
    auto* deviceList = device->add_subcommand("list", "Devices as JSON (device, login, enrolled, last seen, expires, "
                                                      "revoked)");
    deviceList->add_option("--login", targetLogin, "Only this account's devices");
    deviceList->add_flag("--table", table, "A table for the terminal instead of JSON");

    auto* prune = app.add_subcommand("prune", "Compact the change feed: drop superseded changes and old tombstones");
    int days = 180;
    prune->add_option("--days", days, "Keep this many days of history (the tombstone horizon)");
    int offlineDays = std::numeric_limits<int>::min();
    prune->add_option("--offline-days", offlineDays,
                      "A tombstone stays until every device seen in the last N days (default: --days) has pulled it; "
                      "a device away longer re-snapshots without the erased data");

    auto* retention = app.add_subcommand("retention", "How long identities (name, contact) are kept after a learner's "
                                                      "last session; past it they are cleared on the hub and every laptop");
    retention->require_subcommand(1);
    auto* retentionSet = retention->add_subcommand("set", "Set a structure's period (applied at once, then daily)");
    auto* retentionShow = retention->add_subcommand("show", "Print a structure's period (default 24 months)");
    std::string retentionStructure;
    int retentionMonths = 0;
    retentionSet->add_option("--structure", retentionStructure, "Structure name")->required();
    retentionSet->add_option("--months", retentionMonths, "Months after the last session")->required();
    retentionShow->add_option("--structure", retentionStructure, "Structure name")->required();
    auto* auditCmd = app.add_subcommand("audit", "Who erased, withdrew consent, corrected or exported what and when: "
                                                 "JSON lines with ids and logins, never a value");
    std::string auditSince = "0000";
    auditCmd->add_option("--since", auditSince, "ISO date or instant (default: everything)");

    auto* import = app.add_subcommand("import", "Publish data files on the hub");
    import->require_subcommand(1);
    auto* importDir = import->add_subcommand(
        "directory", "Publish the places of a CSV in the national standard (lieux de médiation numérique 1.0.2) "
                     "to every laptop; prints a JSON report of every normalised or rejected line and field");
    std::string directoryFile;
    importDir->add_option("file", directoryFile, "CSV file (UTF-8 or Windows-1252, `,` or `;`)")->required();

    auto* vocab = app.add_subcommand("vocab", "The vocabularies laptops record activity in (national activity report)");
    vocab->require_subcommand(1);
    auto* vocabPublish = vocab->add_subcommand(
        "publish", "Serve a new vocabularies document (assets/vocab/vocabularies.json's shape, a higher \"version\") "
                   "to every laptop from its next sync. Refused when it drops a code still used by a record, unless "
                   "its \"retired\" section maps it ({\"vocabulary\", \"code\", \"replaced_by\"}); mapped records "
                   "are rewritten. Prints what changed as JSON");
    std::string vocabFile;
    vocabPublish->add_option("file", vocabFile, "JSON file")->required();
    auto* vocabReport = vocab->add_subcommand(
        "report", "Codes that had no equivalent in the current vocabularies (hub migration, old laptops' pushes, "
                  "retirements), kept on their records: JSON (entity, record id, field, old code; no personal data)");

    auto* history = app.add_subcommand(
        "history", "Corrections of learners and sessions (create, update, delete) accepted since a date: JSON lines of "
                   "time, login, device, record id and the names of the fields changed, never their values");
    std::string historySince;
    history->add_option("--since", historySince, "YYYY-MM-DD or an ISO UTC time")->required();

    auto* pass = app.add_subcommand("pass", "A structure's Pass numérique roles, catalogue and cancellations; "
                                            "its laptops pull them on their next sync");
    pass->require_subcommand(1);
    auto* passProfile = pass->add_subcommand("profile", "Create or change a structure's roles and grace period");
    auto* passService = pass->add_subcommand("service", "Add or change a service of a qualified place's catalogue");
    auto* passCancel = pass->add_subcommand("cancel", "Cancel a lost, stolen or damaged cheque or range (all or nothing)");
    auto* passShow = pass->add_subcommand("show", "A structure's profile and services as JSON");
    std::string passStructure, passDistributor, passQualified, passWithdrawn, passCode, passCause = "lost", passReason;
    std::string passLabel;
    // Not given: the lowest int, so that any number typed, 0 or -1 included, is checked rather than ignored.
    constexpr int kNotGiven = std::numeric_limits<int>::min();
    int passGraceDays = kNotGiven, passCheques = kNotGiven;
    std::int64_t passFirst = 0, passLast = 0;
    for (auto* sub : {passProfile, passService, passShow})
        sub->add_option("--structure", passStructure, "Structure name")->required();
    passProfile->add_option("--distributor", passDistributor, "yes | no: hands cheques out to learners");
    passProfile->add_option("--qualified-place", passQualified, "yes | no: redeems cheques against its services");
    passProfile->add_option("--grace-days", passGraceDays, "Days after 31/12 a cheque is still redeemed (0-366, default 31)");
    passService->add_option("--code", passCode, "Code: lowercase letters, digits, - and _ (e.g. atelier-2h)")->required();
    auto* labelOption = passService->add_option("--label", passLabel, "What the learner gets (e.g. « Atelier 2 h »)");
    passService->add_option("--cheques", passCheques, "Cheques the service costs (1-20)");
    passService->add_option("--withdrawn", passWithdrawn, "yes | no: no longer offered");
    passCancel->add_option("--first", passFirst, "First cheque number")->required();
    passCancel->add_option("--last", passLast, "Last cheque number (default: --first)");
    passCancel->add_option("--cause", passCause, "lost | stolen | damaged (default lost)");
    passCancel->add_option("--reason", passReason, "Why, in a few words")->required();

    CLI11_PARSE(app, argc, argv);
    if (dataDir.empty() && !migrateCmd->parsed()) return app.exit(CLI::RequiredError("--data"));
    settings.limits.headDeadline = std::chrono::milliseconds(std::max(headTimeoutMs, 100));
    if (settings.tls.certFile.empty() != settings.tls.keyFile.empty()) {
        std::fprintf(stderr, "resin-hub: give both --tls-cert and --tls-key, or neither\n");
        return 2;
    }
    try {
        hub::initCrypto();
        auto audit = auditPath(dataDir, settings.auditLog);
        if (settings.tokenSeconds <= 0) settings.tokenSeconds = std::int64_t{tokenDays} * 86400;
        if (migrateCmd->parsed()) return migrateToPostgres(migrateFrom, migrateTo, settings.auditLog);
        if (backupCmd->parsed() || restoreCmd->parsed()) return backupOrRestore(dataDir, backupTo, restoreFrom);
        if (userAdd->parsed()) return addUser(dataDir, account, audit);
        if (userList->parsed()) return listUsers(dataDir, table);
        if (deviceList->parsed()) return listDevices(dataDir, targetLogin, table);
        if (userDisable->parsed() || userEnable->parsed() || userRemove->parsed()) {
            auto opened = openStore(dataDir);
            auto& store = *opened;
            const char* action = userRemove->parsed() ? "remove" : userDisable->parsed() ? "disable" : "enable";
            bool found = userRemove->parsed() ? store.removeUser(targetLogin)
                                              : store.setUserDisabled(targetLogin, userDisable->parsed());
            auditCommand(audit, std::string("user ") + action, targetLogin, "", found ? "ok" : "unknown_login");
            if (!found) throw Error(Error::Kind::NotFound, "err.hub.user_unknown", {{"login", targetLogin}});
            std::printf("user %s: %s\n", targetLogin.c_str(), action);
            return 0;
        }
        if (revoke->parsed() || admit->parsed()) {
            auto opened = openStore(dataDir);
            auto& store = *opened;
            const char* action = revoke->parsed() ? "revoke" : "admit";
            bool found = revoke->parsed() ? store.revokeDevice(deviceId) : store.admitDevice(deviceId);
            auditCommand(audit, std::string("device ") + action, "", deviceId, found ? "ok" : "unknown_device");
            if (!found) throw Error(Error::Kind::NotFound, "err.hub.device_unknown", {{"device", deviceId}});
            std::printf("device %s: %s\n", deviceId.c_str(), action);
            return 0;
        }
        if (retentionSet->parsed() || retentionShow->parsed() || auditCmd->parsed()) {
            auto opened = openStore(dataDir);
            auto& store = *opened;
            if (auditCmd->parsed()) return hub::printPrivacyAudit(store, auditSince);
            if (retentionShow->parsed()) return hub::showRetention(store, retentionStructure);
            auditCommand(audit, "retention set", "", "", "ok");
            return hub::setRetention(store, retentionStructure, retentionMonths);
        }
        if (passProfile->parsed() || passService->parsed() || passCancel->parsed() || passShow->parsed()) {
            auto opened = openStore(dataDir);
            auto& store = *opened;
            nlohmann::json out;
            if (passProfile->parsed()) {
                hub::PassProfileChange change{passStructure, yesNo(passDistributor, "--distributor"),
                                              yesNo(passQualified, "--qualified-place"), std::nullopt};
                if (passGraceDays != kNotGiven) change.graceDays = passGraceDays;
                out = hub::setPassProfile(store, change);
            } else if (passService->parsed()) {
                hub::PassServiceChange change{passStructure, passCode, std::nullopt, std::nullopt,
                                              yesNo(passWithdrawn, "--withdrawn")};
                if (labelOption->count() > 0) change.label = passLabel;
                if (passCheques != kNotGiven) change.cheques = passCheques;
                out = hub::setPassService(store, change);
            } else if (passCancel->parsed()) {
                out = hub::cancelChequesOnHub(store, {passFirst, passLast, passCause, passReason});
            } else {
                out = hub::passSettingsOf(store, passStructure);
            }
            if (!passShow->parsed())
                auditCommand(audit, std::string("pass ") + (passProfile->parsed() ? "profile" : passService->parsed() ? "service" : "cancel"),
                             "", "", "ok");
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
        }
        if (importDir->parsed()) return importDirectory(dataDir, directoryFile, assets);
        if (vocabPublish->parsed()) return publishVocabularies(dataDir, vocabFile, assets, audit);
        if (vocabReport->parsed()) return vocabularyReport(dataDir, assets);
        if (history->parsed()) {
            auto opened = openStore(dataDir);
            auto& store = *opened;
            std::fputs(hub::recordHistoryLines(store, historySince).c_str(), stdout);
            return 0;
        }
        if (prune->parsed()) {
            auto opened = openStore(dataDir);
            auto& store = *opened;
            if (offlineDays == std::numeric_limits<int>::min()) offlineDays = days;
            auto removed = store.pruneKeepingCursors(core::addDays(core::today(), -days),
                                                     core::addDays(core::today(), -offlineDays));
            std::printf("%lld change rows removed; cursors below %lld now get 410\n", static_cast<long long>(removed),
                        static_cast<long long>(store.prunedBelow()));
            return 0;
        }
        if (settings.listen.empty()) throw validationError("err.hub.listen_missing", "--listen");
        return serve(dataDir, settings);
    } catch (const Error& e) {
        std::fprintf(stderr, "resin-hub: %s\n", loadTranslator(assets).message(e).c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "resin-hub: %s\n", e.what());
        return 1;
    }
}
