// Which conflicts a person on this laptop can decide: the hub's rule (sync/hub/conflict_resolver), read locally.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/enrolled_scope.hpp"

namespace mediane::store {
struct RemoteConflict;
}

namespace mediane::app {

// An adviser decides their own structure's learner and session conflicts; a cheque redeemed twice and a
// directory proposal (e.g. the adviser's own place) are a coordinator's or the hub admin's business, so
// the adviser's inbox does not show them. A coordinator sees what the hub sent (their territory), except
// proposals, which only the admin decides but a coordinator may review. Not enrolled: nothing to hide.
bool mayActOn(const std::optional<store::EnrolledScope>& scope, const store::RemoteConflict& conflict);
// What the inbox lists: what the person may decide, and for an adviser also a cheque redeemed twice that
// the hub sent them (their structure gave or redeemed it: docs/pass-numerique.md), shown for information
// with who decides it. A directory proposal stays out of an adviser's inbox.
bool maySee(const std::optional<store::EnrolledScope>& scope, const store::RemoteConflict& conflict);

}  // namespace mediane::app
