// Who may read and write what: an adviser their structure, a coordinator their territory, an admin everything.
#pragma once

#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

Scope scopeOf(const Principal& principal, HubStore& store);
// Coordinators and admins edit the shared directory directly; an adviser's place edits are proposals.
bool editsDirectory(const Principal& principal);

}  // namespace mediane::hub
