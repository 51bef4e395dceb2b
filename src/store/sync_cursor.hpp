// Where this laptop stands in the hub's feeds: the last change applied and the last conflict fetched.
#pragma once

#include <cstdint>

namespace mediane::store {

class Database;

// Both positions are rows of the notebook, written in the transaction of the data they cover, so a
// crash never leaves a position ahead of what was applied.
class SyncCursor {
public:
    explicit SyncCursor(Database& db) : m_db(db) {}
    std::int64_t changes();
    void setChanges(std::int64_t serverSeq);
    std::int64_t conflicts();
    void setConflicts(std::int64_t conflictId);
    // The highest server_seq the hub's push answers gave this laptop's own ops: it holds those changes as
    // stored, so its pulls may leave them out. Only ever raised.
    std::int64_t heldThrough();
    void raiseHeldThrough(std::int64_t serverSeq);
    // Another hub has other feeds: its sequence numbers and conflict ids mean nothing here.
    void restart();

private:
    Database& m_db;
};

}  // namespace mediane::store
