#include "app/sync_service.hpp"

#include "core/error.hpp"
#include "sync/client/enrollment.hpp"

namespace mediane::app {

namespace {
void checkHubUrl(const std::string& url) {
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        throw validationError("err.sync.hub_url", "sync.hub", {{"url", url}});
}
}  // namespace

store::SyncAccount enrollDevice(Notebook& notebook, const std::string& hubUrl, const std::string& login,
                                const std::string& password, const sync::TransportOptions& options) {
    checkHubUrl(hubUrl);
    sync::CurlTransport transport(hubUrl, options);
    return sync::enrollDevice(notebook.database(), transport, hubUrl, login, password);
}

sync::SyncReport syncNow(Notebook& notebook, const std::string& hubOverride, const sync::TransportOptions& options,
                         bool pushOnly) {
    store::SyncAccountStore accounts(notebook.database());
    auto account = accounts.load();
    if (!account) throw Error(Error::Kind::Refused, "err.sync.not_enrolled");
    if (!hubOverride.empty() && hubOverride != account->hubUrl) {
        checkHubUrl(hubOverride);
        accounts.setHubUrl(hubOverride);
        account->hubUrl = hubOverride;
    }
    sync::CurlTransport transport(account->hubUrl, options);
    sync::EngineOptions engineOptions;
    engineOptions.pushOnly = pushOnly;
    sync::SyncEngine engine(notebook.database(), transport, engineOptions);
    return engine.runOnce();
}

std::unique_ptr<sync::SyncWorker> startSyncWorker(Notebook& notebook, sync::WorkerOptions options,
                                                  sync::TransportOptions transport) {
    return std::make_unique<sync::SyncWorker>(
        notebook.database().path(),
        [transport](const std::string& url, const std::atomic<bool>& stop) {
            auto withAbort = transport;
            withAbort.abort = &stop;
            return std::make_unique<sync::CurlTransport>(url, withAbort);
        },
        options);
}

}  // namespace mediane::app
