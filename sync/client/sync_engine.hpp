// One full sync with the hub: push the outbox in gzip batches, pull the change feed in pages, fetch conflicts,
// and take the hub's vocabularies when they are newer than the laptop's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "store/refused_operations.hpp"
#include "sync/client/exchange_thread.hpp"
#include "sync/client/transport.hpp"
#include "sync/protocol/endpoints.hpp"

namespace mediane::store {
class Database;
}

namespace mediane::sync {

struct PullTail;
struct WireConflict;

struct SyncProgress {
    enum class Phase { Pushing, Pulling, Conflicts };
    Phase phase = Phase::Pushing;
    std::int64_t done = 0;   // operations pushed, or changes pulled
    std::int64_t total = 0;  // operations to push; for a pull, unknown (0) until the last page
};

struct SyncReport {
    std::int64_t pushed = 0;        // operations sent and answered
    std::int64_t acked = 0;         // of which accepted by the hub (applied, duplicate or conflict)
    std::int64_t pushConflicts = 0; // of which raised a conflict
    std::int64_t rejected = 0;      // marked in error by this run
    // Every operation waiting in error after this run (refused by this run or an earlier one), the
    // operations held back behind them, and the first of them with the hub's reasons: a later sync
    // that pushes nothing still says what waits and why.
    std::int64_t refused = 0;
    std::int64_t heldBack = 0;
    std::vector<store::RefusedOperation> refusedOps;
    std::int64_t pulled = 0;        // changes received
    std::int64_t held = 0;          // of this laptop's own learners, markers only (it holds them already)
    std::int64_t skipped = 0;       // changes kept aside (see sync_skipped)
    std::int64_t newConflicts = 0;  // conflict records fetched
    std::int64_t pushRequests = 0, pullRequests = 0;
    std::int64_t cursor = 0;        // server_seq reached
    int vocabularyVersion = 0;      // the vocabularies version pulled by this sync, 0 when none was newer
    std::string finishedAt;         // UTC, also stored as the "last_sync" setting
    WireStats wire;                 // bytes on the wire for the whole sync (compressed bodies and headers)
    double pushSeconds = 0, pullSeconds = 0;
};

struct EngineOptions {
    int batchOps = kPushBatchOps;
    std::size_t batchBytes = kPushBatchBytes;
    // The largest page the hub serves: on a slow link each page is a round trip, and a page of 1,000 changes
    // compresses 8 % smaller than two of 500 (docs/benchmarks.md).
    int pullPage = kMaxPullLimit;
    // Send the outbox only (a slow link at the end of the day); the next full sync pulls.
    bool pushOnly = false;
    // The vocabularies version the notebook already uses (its shipped asset's, or a pulled one's): the hub
    // sends its document only when it is newer than this and than the last one pulled.
    int vocabularyVersion = 0;
    std::function<void(const SyncProgress&)> onProgress;
    // A failure point for tests: called inside each page's transaction, after its changes and before its
    // cursor commit. Throwing from it is a crash in the middle of applying a pull.
    std::function<void(int page)> beforePageCommit;
};

// Usage: CurlTransport t(account.hubUrl); SyncEngine engine(db, t); auto report = engine.runOnce();
// Blocking: the GUI runs it on SyncWorker's thread, with its own Database connection.
// Throws mediane::Error: Kind::Io for what is worth retrying later (network, 5xx, unreadable answer),
// Kind::Refused for what needs a person (not enrolled, token refused or expired, account disabled,
// protocol too old). A token the hub renews on the way is saved at once and used for the rest of the run.
class SyncEngine {
public:
    SyncEngine(store::Database& db, Transport& transport, EngineOptions options = {});
    SyncReport runOnce();

private:
    void push(const std::string& deviceId, SyncReport& report);
    // True when the last page carried the conflicts, vocabularies version and retention (kept in `tail`).
    bool pull(SyncReport& report, PullTail& tail);
    // The tail's answers kept as the three requests' would be; asks only for what it could not carry.
    void keepTail(const PullTail& tail, SyncReport& report);
    void fetchConflicts(SyncReport& report);
    // Returns how many conflicts it kept.
    std::size_t keepConflicts(const std::vector<WireConflict>& conflicts);
    void keepRetention(int months);
    void fetchVocabularies(SyncReport& report);
    // The structure's retention period for identities, kept in local settings (retention_fetch.cpp).
    void fetchRetention(SyncReport& report);
    // What still waits in error once the push is done (refused now or by an earlier sync).
    void countRefused(SyncReport& report);
    // Sends with the current device token; keeps a renewed token the hub hands back, and turns an
    // expired token or a disabled account into the error that asks a person to act.
    HttpResponse exchange(HttpRequest request);
    // The two halves of exchange: the request sent on the exchange thread (with the current token) while
    // this one goes on with the notebook, and its answer taken in here (a renewed token kept, an expired
    // token or a disabled account turned into the error that asks a person to act).
    std::future<HttpResponse> send(HttpRequest request);
    HttpResponse received(HttpResponse response, const std::string& target);
    void keepRenewedToken(const std::string& token);
    void progress(SyncProgress::Phase phase, std::int64_t done, std::int64_t total);

    store::Database& m_db;
    Transport& m_transport;
    EngineOptions m_options;
    std::string m_token;
    // Last: joined before the rest goes, so no exchange outlives what it uses.
    ExchangeThread m_exchanges;
};

}  // namespace mediane::sync
