#include "app/sync_service.hpp"

#include "core/error.hpp"
#include "core/text_file.hpp"
#include "store/database.hpp"
#include "store/local_settings.hpp"
#include "sync/client/hub_address.hpp"
#include "sync/client/enrollment.hpp"

namespace mediane::app {

namespace {
void checkHubUrl(const std::string& url) { sync::requireSafeHubUrl(url); }

// The certificate authority given at enrolment (a structure's own CA) is kept in the notebook's local
// settings, so every later sync, the GUI's included, verifies the hub against it without --ca-file.
constexpr const char* kHubCaSetting = "hub_ca_pem";

sync::TransportOptions withRememberedCa(Notebook& notebook, sync::TransportOptions options) {
    if (options.caFile.empty() && options.caPem.empty())
        options.caPem = notebook.settings().get(kHubCaSetting);
    return options;
}
}  // namespace

store::SyncAccount enrollDevice(Notebook& notebook, const std::string& hubUrl, const std::string& login,
                                const std::string& password, const sync::TransportOptions& options) {
    checkHubUrl(hubUrl);
    std::string caPem = options.caFile.empty() ? std::string() : core::readTextFile(options.caFile);
    sync::CurlTransport transport(hubUrl, options);
    store::Database db(notebook.dataFile());
    auto account = sync::enrollDevice(db, transport, hubUrl, login, password);
    // Only once the hub was reached through it: a wrong file is never remembered.
    if (!options.caFile.empty()) notebook.settings().set(kHubCaSetting, caPem);
    return account;
}

sync::SyncReport syncNow(Notebook& notebook, const std::string& hubOverride, const sync::TransportOptions& options,
                         bool pushOnly) {
    // Its own connection to the notebook file, as the background worker has: the notebook's stays inside it.
    store::Database db(notebook.dataFile());
    store::SyncAccountStore accounts(db);
    auto account = accounts.load();
    if (!account) throw Error(Error::Kind::Refused, "err.sync.not_enrolled");
    if (!hubOverride.empty() && hubOverride != account->hubUrl) {
        checkHubUrl(hubOverride);
        accounts.setHubUrl(hubOverride);
        account->hubUrl = hubOverride;
    }
    sync::CurlTransport transport(account->hubUrl, withRememberedCa(notebook, options));
    sync::EngineOptions engineOptions;
    engineOptions.pushOnly = pushOnly;
    engineOptions.vocabularyVersion = notebook.vocabularies().version();
    sync::SyncEngine engine(db, transport, engineOptions);
    return engine.runOnce();
}

bool isEnrolled(Notebook& notebook) {
    store::Database db(notebook.dataFile());
    return store::SyncAccountStore(db).load().has_value();
}

std::unique_ptr<sync::SyncWorker> startSyncWorker(Notebook& notebook, sync::WorkerOptions options,
                                                  sync::TransportOptions transport) {
    transport = withRememberedCa(notebook, std::move(transport));
    options.vocabularyVersion = notebook.vocabularies().version();
    return std::make_unique<sync::SyncWorker>(
        notebook.dataFile(),
        [transport](const std::string& url, const std::atomic<bool>& stop) {
            auto withAbort = transport;
            withAbort.abort = &stop;
            return std::make_unique<sync::CurlTransport>(url, withAbort);
        },
        options);
}

}  // namespace mediane::app
