// One outbox operation as stored: a local change waiting for (or acknowledged by) the hub.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace mediane::store {

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

}  // namespace mediane::store
