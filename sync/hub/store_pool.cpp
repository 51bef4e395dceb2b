#include "sync/hub/store_pool.hpp"

#include <stdexcept>

namespace mediane::hub {

StorePool::StorePool(HubStore& only) : m_all{&only}, m_free{&only} {}

StorePool::StorePool(std::vector<std::unique_ptr<HubStore>> owned) : m_owned(std::move(owned)) {
    if (m_owned.empty()) throw std::logic_error("StorePool needs at least one store");
    for (auto& s : m_owned) m_all.push_back(s.get());
    m_free = m_all;
}

StorePool::Lease::~Lease() {
    if (m_pool) m_pool->giveBack(m_store);
}

StorePool::Lease StorePool::lease() {
    std::unique_lock lock(m_mutex);
    m_returned.wait(lock, [this] { return !m_free.empty(); });
    HubStore* store = m_free.back();
    m_free.pop_back();
    return Lease(*this, *store);
}

void StorePool::giveBack(HubStore* store) {
    {
        std::lock_guard lock(m_mutex);
        m_free.push_back(store);
    }
    m_returned.notify_one();
}

}  // namespace mediane::hub
