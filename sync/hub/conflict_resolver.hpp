// Resolving a conflict on the hub: who may, what a resolution changes, and the change every laptop pulls.
#pragma once

#include "sync/hub/hub_store.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// Usage (inside PushApplier's transaction, after its op_id idempotency check):
//   auto result = ConflictResolver(store, principal).resolve(op);  // op.entity == "conflict_resolution"
// op.recordId is the hub's conflict id; op.fields the resolution:
//   {"fields": {"phone": "06…"}, "note": "…"}        learner conflicts: the value kept per field, written as a new version
//   {"keep": "<cheque_event record id>", "note": "…"}  over-redemption: which redemption keeps the cheque, recorded
// Rejects with a reason the HTTP endpoint maps to a status: unknown_conflict (404), forbidden (403),
// already_resolved (409), bad_resolution (400).
class ConflictResolver {
public:
    ConflictResolver(HubStore& store, const Principal& principal) : m_store(store), m_principal(principal) {}
    sync::OpResult resolve(const sync::WireOp& op);

private:
    HubStore& m_store;
    const Principal& m_principal;
};

// Who may resolve a conflict of this kind and structure (see docs/sync-protocol.md, "Resolving a conflict").
bool mayResolve(const Principal& principal, const ConflictEntry& conflict, HubStore& store);

}  // namespace mediane::hub
