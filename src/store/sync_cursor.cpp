#include "store/sync_cursor.hpp"

#include <string>

#include "store/local_settings.hpp"

namespace mediane::store {

namespace {
constexpr const char* kChangesKey = "sync.cursor";
constexpr const char* kConflictsKey = "sync.conflicts_after";
constexpr const char* kHeldKey = "sync.held_through";
}  // namespace

std::int64_t SyncCursor::changes() { return std::stoll(LocalSettings(m_db).get(kChangesKey, "0")); }
void SyncCursor::setChanges(std::int64_t serverSeq) { LocalSettings(m_db).set(kChangesKey, std::to_string(serverSeq)); }
std::int64_t SyncCursor::conflicts() { return std::stoll(LocalSettings(m_db).get(kConflictsKey, "0")); }
void SyncCursor::setConflicts(std::int64_t conflictId) {
    LocalSettings(m_db).set(kConflictsKey, std::to_string(conflictId));
}
std::int64_t SyncCursor::heldThrough() { return std::stoll(LocalSettings(m_db).get(kHeldKey, "0")); }
void SyncCursor::raiseHeldThrough(std::int64_t serverSeq) {
    if (serverSeq > heldThrough()) LocalSettings(m_db).set(kHeldKey, std::to_string(serverSeq));
}
void SyncCursor::restart() {
    setChanges(0);
    setConflicts(0);
    LocalSettings(m_db).set(kHeldKey, "0");
}

}  // namespace mediane::store
