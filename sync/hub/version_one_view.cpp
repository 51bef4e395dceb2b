#include "sync/hub/version_one_view.hpp"

#include "sync/hub/conflict_codes.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

FieldsRecode downgradeOf(const std::string& entity, const core::Vocabularies& current) {
    return [&current, entity](json& fields) -> std::vector<core::LegacyCode> {
        if (const auto* kind = sync::findRecordKind(entity); kind && fields.is_object())
            sync::downgradeWireFields(*kind, fields, current);
        return {};
    };
}
}  // namespace

void downgradeForVersionOne(sync::Change& change, const core::Vocabularies& current) {
    if (change.deleted || !change.fields.is_object()) return;
    if (change.entity == "learner" || change.entity == "session") {
        downgradeOf(change.entity, current)(change.fields);
    } else if (change.entity == sync::kConflictResolutionEntity && change.fields.value("entity", "") == "learner") {
        recodeResolution(change.fields, downgradeOf("learner", current));
    }
}

void downgradeForVersionOne(ConflictEntry& conflict, const core::Vocabularies& current) {
    recodeConflictDetails(conflict.entity, conflict.details, downgradeOf(conflict.entity, current));
}

}  // namespace mediane::hub
