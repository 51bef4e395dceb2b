// The client's side of the outbox: which operations go in the next push batch, and what the hub answered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sync/protocol/wire_types.hpp"

namespace mediane::store {
class Database;
}

namespace mediane::sync {

struct LedgerTally {
    std::int64_t acked = 0;      // applied, duplicate or conflict: the hub has it
    std::int64_t conflicts = 0;  // of which the hub raised a conflict
    std::int64_t rejected = 0;   // marked in error
};

class OutboxLedger {
public:
    explicit OutboxLedger(store::Database& db) : m_db(db) {}

    // The oldest pending operations, in device order, at most maxOps and about maxBytes of JSON.
    // At most one operation per record: the next one's base_version depends on this one's answer.
    // A record with an operation in error holds back its later operations, and nothing else.
    // `inFlight` names records with an operation sent and not yet answered: none of their operations goes.
    std::vector<WireOp> nextBatch(int maxOps, std::size_t maxBytes, const std::set<std::string>& inFlight = {});
    // Operations that a push could still send (pending, not held behind an error).
    std::int64_t waiting();

    // Records the hub's per-op answers in one transaction. Throws (Io, "err.sync.bad_answer") when the
    // answer does not match the batch, and then changes nothing.
    LedgerTally recordResults(const std::vector<WireOp>& batch, const std::vector<OpResult>& results);
    // The hub refused the whole request as malformed (400): these operations go in error, not round again.
    void markFailed(const std::vector<WireOp>& batch, const std::string& message);

private:
    void markRecord(const WireOp& op, const std::string& state);
    // A created record's stamped fields it left empty (typed before enrolment) take this laptop's account, as
    // the hub stamped them, so the record reads here as the hub stores it and need not come back.
    void stampLikeTheHub(const WireOp& op);
    store::Database& m_db;
    std::optional<std::pair<std::string, std::string>> m_account;  // structure and login, read once
};

}  // namespace mediane::sync
