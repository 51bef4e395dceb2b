// The hub's database connections, each lent to one request at a time.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

// SQLite's hub has one connection (its one writer), so requests take turns on it, which also keeps the change
// feed gap-free for pullers. A PostgreSQL hub has several: requests wait for a free connection, not for each
// other, and the database keeps them apart as it keeps two hub processes apart (docs/hub-postgresql.md).
// Usage: auto lease = pool.lease(); lease->findUser(login);
class StorePool {
public:
    // One store the caller keeps alive.
    explicit StorePool(HubStore& only);
    // Stores the pool owns (at least one).
    explicit StorePool(std::vector<std::unique_ptr<HubStore>> owned);
    StorePool(const StorePool&) = delete;
    StorePool& operator=(const StorePool&) = delete;

    class Lease {
    public:
        Lease(StorePool& pool, HubStore& store) : m_pool(&pool), m_store(&store) {}
        Lease(Lease&& other) noexcept : m_pool(other.m_pool), m_store(other.m_store) { other.m_pool = nullptr; }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        HubStore& operator*() const { return *m_store; }
        HubStore* operator->() const { return m_store; }

    private:
        StorePool* m_pool;
        HubStore* m_store;
    };

    // Waits for a free store.
    Lease lease();
    std::size_t size() const { return m_all.size(); }

private:
    void giveBack(HubStore* store);

    std::vector<std::unique_ptr<HubStore>> m_owned;
    std::vector<HubStore*> m_all;
    std::vector<HubStore*> m_free;
    std::mutex m_mutex;
    std::condition_variable m_returned;
};

}  // namespace mediane::hub
