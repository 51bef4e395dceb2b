// What the hub accepts as a Pass numérique booklet: the range of numbers decides whose cheques a structure sees.
#pragma once

#include <optional>
#include <string>

#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

// Why a new `booklet` (as it would be stored) is refused, or nothing; booklets are facts, never updated. A
// structure's booklet makes the other structures' events on its numbers reach its pulls, so a forged range would
// read the network's cheques: the numbers must be positive integers, at most core::pass_rules' 10,000 of them, and
// no number may be in another structure's live booklet (cheque numbers are unique in the network).
std::optional<std::string> bookletProblem(HubStore& store, const StoredRecord& booklet);

}  // namespace mediane::hub
