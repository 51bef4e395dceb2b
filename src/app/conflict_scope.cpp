#include "app/conflict_scope.hpp"

#include "store/local_conflicts.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::app {

bool mayActOn(const std::optional<store::EnrolledScope>& scope, const store::RemoteConflict& conflict) {
    if (!scope || scope->role != "adviser") return true;
    if (conflict.kind == "place_proposal" || conflict.kind == "over_redemption") return false;
    const auto* kind = sync::findRecordKind(conflict.entity);
    return kind && kind->lifecycle == sync::Lifecycle::Mergeable && conflict.structure == scope->structure;
}

bool maySee(const std::optional<store::EnrolledScope>& scope, const store::RemoteConflict& conflict) {
    return mayActOn(scope, conflict) || conflict.kind == "over_redemption";
}

}  // namespace mediane::app
