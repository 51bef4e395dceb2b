#include "store/sync_cursor.hpp"

#include <string>

#include "store/local_settings.hpp"

namespace mediane::store {

namespace {
constexpr const char* kChangesKey = "sync.cursor";
constexpr const char* kConflictsKey = "sync.conflicts_after";
}  // namespace

std::int64_t SyncCursor::changes() { return std::stoll(LocalSettings(m_db).get(kChangesKey, "0")); }
void SyncCursor::setChanges(std::int64_t serverSeq) { LocalSettings(m_db).set(kChangesKey, std::to_string(serverSeq)); }
std::int64_t SyncCursor::conflicts() { return std::stoll(LocalSettings(m_db).get(kConflictsKey, "0")); }
void SyncCursor::setConflicts(std::int64_t conflictId) {
    LocalSettings(m_db).set(kConflictsKey, std::to_string(conflictId));
}
void SyncCursor::restart() {
    setChanges(0);
    setConflicts(0);
}

}  // namespace mediane::store
