// Who may read and write what: an adviser their structure, a coordinator their territory, an admin everything.
#pragma once

#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

Scope scopeOf(const Principal& principal, HubStore& store);
// Coordinators and admins edit the shared directory directly; an adviser's place edits are proposals.
bool editsDirectory(const Principal& principal);
// A cheque event as a puller of this scope reads it: another structure's event on one of its cheques tells what
// happened, when and where, never to whom, in which of its sessions, or its free text. Both backends call it.
void showChequeEventTo(const Scope& scope, const std::string& structure, nlohmann::json& fields);

}  // namespace mediane::hub
