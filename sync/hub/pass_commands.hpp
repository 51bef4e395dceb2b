// `resin-hub pass profile|service|cancel|show`: a structure's Pass numérique settings and cancellations, set on the hub.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace mediane::hub {

class HubStore;

struct PassProfileChange {
    std::string structure;
    std::optional<int> distributor, qualifiedPlace, graceDays;
};

struct PassServiceChange {
    std::string structure;
    std::string code;
    std::optional<std::string> label;
    std::optional<int> cheques, withdrawn;
};

struct ChequeCancellation {
    std::int64_t first = 0, last = 0;
    std::string cause = "lost";
    std::string reason;
};

// Each is written as an admin's op through the same rules as a laptop's push (so a laptop pulls it like any
// change, and a cancellation after a redemption is raised as a conflict) and returns what was stored, as JSON.
// Bad input throws mediane::Error naming the option; nothing is written then.
nlohmann::json setPassProfile(HubStore& store, const PassProfileChange& change);
nlohmann::json setPassService(HubStore& store, const PassServiceChange& change);
// All or nothing: a number already redeemed or cancelled anywhere refuses the whole range, naming it.
nlohmann::json cancelChequesOnHub(HubStore& store, const ChequeCancellation& cancellation);
nlohmann::json passSettingsOf(HubStore& store, const std::string& structure);

}  // namespace mediane::hub
