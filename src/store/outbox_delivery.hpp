// The outbox seen from the sync client: what may be sent next, and the hub's answers written back.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mediane::store {

class Database;

// An operation waiting to be pushed; its fields stay JSON text until the batch takes it.
struct QueuedOperation {
    std::int64_t seq = 0;
    std::string opId, entity, recordId, op;
    std::int64_t baseVersion = 0;
    std::string fields;
    std::string hlc;
};

class OutboxDelivery {
public:
    explicit OutboxDelivery(Database& db) : m_db(db) {}

    // Pending operations in device order, skipping those held back behind an earlier operation of the
    // same record that is in error (and nothing else).
    std::vector<QueuedOperation> sendable(int limit);
    // The same operations one at a time, until `take` returns false: a push batch is full long before the
    // rows it may have to skip are read (a batch of sessions fills 256 KB at a quarter of its scan).
    void forEachSendable(int limit, const std::function<bool(QueuedOperation&)>& take);
    std::int64_t sendableCount();

    // The hub has it (applied, duplicate or conflict).
    void acknowledge(const std::string& opId);
    // Refused: the operation stays in error with the hub's reason, and holds back its record's next ones.
    void refuse(const std::string& opId, const std::string& message);
    // Applied right on top of the version it was made on: the record's next operations (and a mergeable
    // record's own row) were made on the new version.
    void carryVersion(std::string_view entity, const std::string& recordId, std::int64_t afterSeq,
                      std::int64_t fromVersion, std::int64_t toVersion);

private:
    Database& m_db;
};

// The fields of a record's operations not yet acknowledged, oldest first: what a pull rebases on top of.
std::vector<nlohmann::json> unacknowledgedFields(Database& db, std::string_view entity, const std::string& recordId);

}  // namespace mediane::store
