// The resin-hub HTTP server: routes, authentication, size caps, one log line per request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/translator.hpp"
#include "sync/hub/account_guard.hpp"
#include "sync/hub/hub_store.hpp"

namespace httplib {
class Server;
}

namespace mediane::hub {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                                  // 0: an ephemeral port, printed at start
    std::size_t maxBodyBytes = 8 * 1024 * 1024;    // after decompression too
    int defaultPullLimit = 500;
    int maxPullLimit = 1000;
    // The standard's schema.json, for GET /v1/directory; empty: that endpoint answers 503.
    std::string directorySchemaPath;
    // Device tokens expire after tokenLifetimeSeconds and renew on use once older than
    // tokenRenewAfterSeconds (0: a quarter of the lifetime).
    std::int64_t tokenLifetimeSeconds = 60LL * 86400;
    std::int64_t tokenRenewAfterSeconds = 0;
    // Login throttling, the Argon2 gate and the audit log, shared by every copy of these options.
    std::shared_ptr<AccountGuard> accounts = std::make_shared<AccountGuard>();
};

class HubServer {
public:
    HubServer(HubStore& store, core::Translator translator, ServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // Binds and returns the actual port; throws mediane::Error when the address is taken.
    int bind();
    // Serves until stop() (from any thread).
    void serve();
    void stop();

private:
    void routes();

    HubStore& m_store;
    core::Translator m_translator;
    ServerOptions m_options;
    std::unique_ptr<httplib::Server> m_server;
    // SQLite has one writer; serialising store calls also keeps the change feed gap-free for pullers.
    std::mutex m_storeMutex;
};

}  // namespace mediane::hub
