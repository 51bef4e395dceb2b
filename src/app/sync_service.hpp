// The notebook's sync with the Rés'IN hub, as the CLI and the GUI call it: enroll once, sync now, sync in the background.
#pragma once

#include <memory>
#include <string>

#include "app/notebook.hpp"
#include "store/sync_account_store.hpp"
#include "sync/client/curl_transport.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/client/sync_worker.hpp"

namespace mediane::app {

// Usage: enrollDevice(*notebook, "https://hub.example.org", "alice", password);
store::SyncAccount enrollDevice(Notebook& notebook, const std::string& hubUrl, const std::string& login,
                                const std::string& password, const sync::TransportOptions& options = {});

// One full sync (push, pull, conflicts), blocking. hubOverride replaces the enrolled hub's address
// (the hub moved) and is remembered.
sync::SyncReport syncNow(Notebook& notebook, const std::string& hubOverride = {},
                         const sync::TransportOptions& options = {}, bool pushOnly = false);

// True once this notebook was enrolled with a hub (it then syncs in the background).
bool isEnrolled(Notebook& notebook);

// The GUI's background sync: its own thread and database connection, libcurl with the given options.
std::unique_ptr<sync::SyncWorker> startSyncWorker(Notebook& notebook, sync::WorkerOptions options = {},
                                                  sync::TransportOptions transport = {});

}  // namespace mediane::app
