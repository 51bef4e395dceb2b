// What of a conflict a caller may read: another structure's redemption shows its date, not its learner or session.
#pragma once

#include "sync/hub/hub_store.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// Over-redemption entries of structures outside the scope keep only kind, cheque, date and structure;
// everything else of the conflict is returned as stored (the store already filtered by scope).
ConflictEntry visibleTo(ConflictEntry conflict, const Scope& scope);

// The conflict as a laptop reads it, its fields moved rather than copied (a page holds a thousand).
sync::WireConflict toWire(ConflictEntry&& conflict);

// The structure whose booklet a cheque id ("<booklet id>#<number>") belongs to, "" when the hub has no such booklet.
// A cheque no laptop knew the booklet of ("pass#<number>") is owned by the booklet whose range holds its number.
std::string chequeOwner(HubStore& store, const std::string& chequeId, std::int64_t number = 0);

}  // namespace mediane::hub
