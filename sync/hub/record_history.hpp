// The hub's history of corrections: each accepted write of a correctable record, by whom, naming fields only.
#pragma once

#include <string>

#include "sync/hub/hub_store.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// Usage: noteRecordChange(store, principal, op, *kind, result);   (after the op was applied, in its transaction)
// Records creates, updates and deletes of Mergeable kinds (learners, sessions) that the hub accepted, conflicts
// included; a rejected op or a duplicate changed nothing and is not recorded. What `resin-hub history` prints.
void noteRecordChange(HubStore& store, const Principal& principal, const sync::WireOp& op,
                      const sync::RecordKind& kind, const sync::OpResult& result);

// The history since a date (YYYY-MM-DD or an ISO time) as JSON lines, one per change: time, login, device,
// op, entity, record id, field names. For `resin-hub history --since DATE` and the admin's audit.
std::string recordHistoryLines(HubStore& store, const std::string& sinceIso);

}  // namespace mediane::hub
