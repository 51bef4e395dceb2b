// The Pass numérique cheque lifecycle: which transitions are allowed, and why one is refused.
#pragma once

#include <string>

#include "core/model.hpp"

namespace mediane::core::pass_rules {

// Each check throws mediane::Error (Refused) with a key that says what happened and what to do.
void checkCanGive(const PassCheque& cheque, const std::string& learnerId, const std::string& onDate);
void checkCanRedeem(const PassCheque& cheque, const std::string& onDate);
void checkCanClaim(const PassCheque& cheque);
void checkBooklet(const PassBooklet& booklet);

}  // namespace mediane::core::pass_rules
