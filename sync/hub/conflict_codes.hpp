// The parts of a stored conflict's details that hold a learner's or a session's fields, recoded together
// (upgraded by the hub's migration, downgraded for a version 1 laptop that lists conflicts).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/legacy_codes.hpp"

namespace mediane::hub {

// Rewrites a record's fields in place and returns the codes it kept aside (upgradeWireFields' answer).
using FieldsRecode = std::function<std::vector<core::LegacyCode>(nlohmann::json& fields)>;

// Applies `recode` to every fields object of a conflict about `entity` ("applied", "incoming",
// "deleted_state", and both sides of each clashing field). A clashing value the recode would only move to
// legacy_codes stays as it was, so the person deciding still sees both values.
void recodeConflictDetails(const std::string& entity, nlohmann::json& details, const FieldsRecode& recode);

// The same for a conflict resolution's chosen fields ({"fields": {...}}, of a learner).
void recodeResolution(nlohmann::json& resolution, const FieldsRecode& recode);

}  // namespace mediane::hub
