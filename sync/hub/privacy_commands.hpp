// `resin-hub retention set|show` and `resin-hub audit --since DATE`: the admin's side of retention and the privacy audit.
#pragma once

#include <string>

namespace mediane::hub {

class HubStore;

// Sets the structure's retention period for identities (months > 0) and applies it at once; prints JSON.
int setRetention(HubStore& store, const std::string& structure, int months);
// Every structure's period as JSON (structures without one have the default).
int showRetention(HubStore& store, const std::string& structure);
// Erasures, withdrawals, corrections and retention runs since the date (ISO date or instant), one JSON
// object per line: when, action, entity, record id, login, device, structure, note. Never a value.
int printPrivacyAudit(HubStore& store, const std::string& since);

}  // namespace mediane::hub
