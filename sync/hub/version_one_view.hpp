// What a laptop still on protocol version 1 is sent: records in the codes it knows, or French labels.
#pragma once

#include "core/vocabulary.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// A pulled change of a learner, a session or a learner's conflict resolution, downgraded with
// sync::downgradeWireFields. A session's kind is always a version 1 code ("individual", "workshop" or its
// "oneoff" back), never a label such a laptop would read as an individual session.
void downgradeForVersionOne(sync::Change& change, const core::Vocabularies& current);
// A conflict's record fields, for the same laptop's conflict list.
void downgradeForVersionOne(ConflictEntry& conflict, const core::Vocabularies& current);

}  // namespace mediane::hub
