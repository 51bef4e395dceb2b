// The outbox operations the hub refused: they wait in error, with the hub's reason, until a person acts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mediane::store {

class Database;

// One refused operation as the laptop keeps it (outbox.state = 'error').
struct RefusedOperation {
    std::int64_t seq = 0;
    std::string opId, entity, recordId, op;
    std::string reason;   // the hub's code (forbidden, record_exists…), "" when the hub gave none
    std::string message;  // the hub's words after the code
};

// Usage: RefusedOperations refused(db); if (refused.count() > 0) for (auto& r : refused.list(100)) ...
// Read-only: these figures are what every sync report and the status bar repeat, run after run.
class RefusedOperations {
public:
    explicit RefusedOperations(Database& db) : m_db(db) {}
    std::int64_t count();
    // Pending operations held back behind a refused operation of the same record: they cannot leave either.
    std::int64_t heldBack();
    std::vector<RefusedOperation> list(int limit);

private:
    Database& m_db;
};

// "forbidden: this record belongs to another structure" → {"forbidden", "this record belongs…"}.
// Errors the client wrote itself follow the same "code: words" shape (payload_too_large, bad_request).
RefusedOperation splitRefusal(const std::string& stored);

}  // namespace mediane::store
