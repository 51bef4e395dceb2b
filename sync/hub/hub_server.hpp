// The resin-hub HTTP server: routes, authentication, size caps, one log line per request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/translator.hpp"
#include "sync/hub/answer_encoding.hpp"
#include "sync/hub/connection_limits.hpp"
#include "sync/hub/account_guard.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/store_pool.hpp"
#include "sync/protocol/endpoints.hpp"

namespace mediane::hub {

class GuardedServer;
class BodySlots;
class HubVocabularies;
class HubMetrics;

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                                  // 0: an ephemeral port, printed at start
    std::size_t maxBodyBytes = sync::kMaxPushBodyBytes;  // after decompression too
    int defaultPullLimit = sync::kDefaultPullLimit;
    int maxPullLimit = sync::kMaxPullLimit;
    int maxProposals = sync::kMaxProposals;
    // The standard's schema.json, for the directory endpoint; empty: that endpoint answers 503.
    std::string directorySchemaPath;
    // The vocabularies the hub shipped with (assets/vocab/vocabularies.json); `resin-hub vocab publish`
    // supersedes them. Empty: only published ones, and GET /v1/vocabularies answers 503 until one is.
    std::string vocabulariesPath;
    // Connections: counts, deadlines and byte caps enforced before any handler runs.
    ConnectionLimits limits;
    // JSON answers: gzip level (0: none) and the size below which they go as they are.
    AnswerCompression compression;
    // Request bodies parsed at once (each may cost several times maxBodyBytes while decoded): the rest
    // wait a little, then get 503 with Retry-After. Bounds the hub's memory under a flood of pushes.
    int bodySlots = 4;
    // HTTPS when both are set (PEM files; re-read on SIGHUP).
    TlsFiles tls;
    // Device tokens expire after tokenLifetimeSeconds and renew on use once older than
    // tokenRenewAfterSeconds (0: a quarter of the lifetime).
    std::int64_t tokenLifetimeSeconds = 60LL * 86400;
    std::int64_t tokenRenewAfterSeconds = 0;
    // GET /metrics answers only a caller bearing this token (sync/hub/metrics_token.hpp); empty: no such endpoint.
    std::string metricsToken;
    // Login throttling, the Argon2 gate and the audit log, shared by every copy of these options.
    std::shared_ptr<AccountGuard> accounts = std::make_shared<AccountGuard>();
};

class HubServer {
public:
    // One store, which requests take turns on.
    HubServer(HubStore& store, core::Translator translator, ServerOptions options);
    // Several connections to one database (PostgreSQL), each lent to one request at a time.
    HubServer(std::unique_ptr<StorePool> stores, core::Translator translator, ServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // Binds and returns the actual port; throws mediane::Error when the address is taken.
    int bind();
    // Serves until stop() (from any thread).
    void serve();
    void stop();
    // Re-reads the TLS certificate and key; "" on success, else why the old ones stay in use.
    std::string reloadTls();
    // The request handling on raw bytes, without a socket: for fuzzing the HTTP entry points.
    std::string processBytes(const std::string& rawRequests);

private:
    void routes();

    std::unique_ptr<StorePool> m_stores;
    core::Translator m_translator;
    ServerOptions m_options;
    std::unique_ptr<GuardedServer> m_server;
    std::unique_ptr<BodySlots> m_bodySlots;
    std::unique_ptr<HubVocabularies> m_vocabularies;
    std::unique_ptr<HubMetrics> m_metrics;
};

}  // namespace mediane::hub
