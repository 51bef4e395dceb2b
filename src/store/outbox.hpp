// The outbox: every local change, written in the same transaction as the record, waiting to be pushed to the hub.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/hlc.hpp"

namespace mediane::store {

class Database;

struct OutboxOperation {
    std::int64_t seq = 0;          // per-device sequence (the order of the changes)
    std::string opId;              // UUID, the idempotency key on the hub
    std::string entity;            // "learner", "session", "pass_booklet", "cheque_event", "assessment", "place"
    std::string recordId;
    std::string op;                // "create" | "update" | "delete"
    int baseVersion = 0;           // hub version the change was made on (learner merges)
    nlohmann::json fields;         // only the changed fields
    std::string hlc;
    std::string createdAt;
    std::string state = "pending"; // pending | sent | acked | error
    std::string error;
};

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
