// The outbox: every local change, written in the same transaction as the record, waiting to be pushed to the hub.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/hlc.hpp"

namespace mediane::store {

class Database;

// The operation as stored (store/outbox_operation.hpp): only the files that read operations need JSON.
struct OutboxOperation;

class Outbox {
public:
    Outbox(Database& db, core::HybridClock& clock) : m_db(db), m_clock(clock) {}
    // Must be called inside the Transaction that writes the record itself.
    void append(const std::string& entity, const std::string& recordId, const std::string& op,
                const nlohmann::json& fields, int baseVersion = 0);
    std::int64_t pendingCount();
    // The oldest operations not yet acknowledged by the hub, in order.
    std::vector<OutboxOperation> pending(int limit);
    std::vector<OutboxOperation> forRecord(const std::string& recordId);

private:
    Database& m_db;
    core::HybridClock& m_clock;
};

}  // namespace mediane::store
