// Laptops for sync tests: a notebook in its own TempDir, enrolled on the test hub, synced through a fault-injecting transport.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/notebook.hpp"
#include "app/sync_service.hpp"
#include "hub_fixture.hpp"
#include "sync/client/curl_transport.hpp"
#include "sync/client/sync_engine.hpp"
#include "support/notebook_sql.hpp"

namespace mediane::test {

enum class Fault {
    None,
    DropBefore,    // the connection fails before the hub sees the request
    DropAfter,     // the hub handles the request (and commits), the answer is lost
    Status500,     // the hub answers 500 without handling the request
    TruncatedBody, // the answer arrives cut in half
    GarbageBody    // a proxy's HTML page instead of JSON
};

// Usage: FaultTransport t(url); t.decide = [](const sync::HttpRequest& r) { return Fault::DropAfter; };
class FaultTransport : public sync::Transport {
public:
    explicit FaultTransport(const std::string& url) : m_real(url) {}
    std::function<Fault(const sync::HttpRequest&)> decide;
    // Sees every answer that reached the client intact (e.g. to count "duplicate" results).
    std::function<void(const sync::HttpRequest&, const sync::HttpResponse&)> observe;
    int injected = 0;

    sync::HttpResponse send(const sync::HttpRequest& request) override;
    sync::WireStats stats() const override { return m_real.stats(); }

private:
    sync::CurlTransport m_real;
};

struct Laptop {
    TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), assetsDir());
    std::string hubUrl;

    void enroll(HubFixture& hub, const std::string& login);
    // One full sync; throws what the engine throws.
    sync::SyncReport sync(sync::EngineOptions options = {});
    sync::SyncReport sync(sync::Transport& transport, sync::EngineOptions options = {});

    core::Learner addLearner(const std::string& pseudonym);
    core::Learner editLearner(const std::string& id, const std::function<void(core::Learner&)>& edit);
    std::int64_t count(const std::string& sql) { return sqlInt(*notebook, sql); }
    std::string text(const std::string& sql);
    // Every learner as "id|fields...|version", sorted, to compare databases.
    std::string learnersDump();
    std::int64_t pending() { return notebook->outbox().pendingCount(); }
    bool intact() { return text("PRAGMA integrity_check") == "ok"; }
};

// A hub and two advisers' laptops of one structure, enrolled (alice on a, bruno on b).
struct TwoLaptops {
    HubFixture hub;
    Laptop a, b;
    TwoLaptops();
};

// Hub-side checks straight from its SQLite file (read-only use).
struct HubFile {
    explicit HubFile(const std::string& dir);
    std::int64_t scalar(const std::string& sql);
    std::string text(const std::string& sql);  // first column of the first row, "" when none
    // A stored record's fields (null when the hub has no such record).
    nlohmann::json record(const std::string& entity, const std::string& recordId);
    std::string dir;
};

}  // namespace mediane::test
