#include "app/legacy_labels.hpp"

#include "core/legacy_codes.hpp"
#include "core/vocabulary_upgrade.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::app {

std::string legacyLabels(std::string_view entity, const std::string& legacyCodes, std::string_view field) {
    const auto* kind = sync::findRecordKind(entity);
    std::string out;
    for (const auto& code : core::parseLegacyCodes(legacyCodes)) {
        if (!field.empty() && code.field != field) continue;
        const auto* described = kind ? kind->field(code.field) : nullptr;
        std::string label = described ? core::legacyLabel(described->vocabulary, code.code) : code.code;
        out += (out.empty() ? "" : ", ") + label;
    }
    return out;
}

}  // namespace mediane::app
