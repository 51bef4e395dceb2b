// A sample value for every wire field of a record kind, made from its description, so tests cover new fields unedited.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/protocol/pass_settings.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::test {

struct SampleContext {
    std::map<std::string, std::string> ids;  // entity → id of the sample record already written
    std::string structure, login;             // the writer's account
};

// Values the notebook's schema accepts: integers small and rising within a kind (a booklet's last number
// above its first, a score within 0–31), choices past the default, lists sorted (lists are sets), text
// with accents. Derived fields start empty: their sources (other records) make them.
inline nlohmann::json sampleWire(const sync::RecordKind& kind, const SampleContext& context) {
    using sync::FieldRole;
    using sync::FieldType;
    nlohmann::json wire = nlohmann::json::object();
    int index = 0;
    for (const auto& f : kind.fields) {
        ++index;
        const std::string text = "«" + kind.entity + "." + f.wire + "» été";
        nlohmann::json value;
        if (f.role == FieldRole::Derived) value = nlohmann::json::array();
        else if (f.role == FieldRole::StampedStructure || f.role == FieldRole::OwnerStructure) value = context.structure;
        else if (f.role == FieldRole::StampedAdviser) value = context.login;
        else if (f.role == FieldRole::Choice) value = f.choices.at(1 % f.choices.size());
        else if (f.role == FieldRole::Reference) {
            std::string id;
            if (f.refersTo == "pass_cheque") {
                // Cheque ids are "<booklet id>#<number>": the sample booklet's first cheque.
                const auto* booklet = sync::findRecordKind("pass_booklet");
                int first = 0;
                for (std::size_t i = 0; i < booklet->fields.size(); ++i)
                    if (booklet->fields[i].wire == "first_number") first = static_cast<int>(i) + 2;
                id = context.ids.at("pass_booklet") + "#" + std::to_string(first);
            } else {
                id = context.ids.at(f.refersTo);
            }
            value = f.type == FieldType::TextList ? nlohmann::json::array({id}) : nlohmann::json(id);
        } else if (f.type == FieldType::Integer) value = index + 1;
        else if (f.type == FieldType::IntegerList) value = {index, index + 1};
        else if (f.headCounts) value = {"a-" + f.wire + ":1", "b-" + f.wire + ":" + std::to_string(index + 2)};
        else if (f.type == FieldType::TextList) value = {"a-" + f.wire, "b-" + f.wire};
        else value = text;
        wire[f.wire] = value;
    }
    // A structure's Pass settings have bounds both sides enforce (sync/protocol/pass_settings): flags, a grace
    // period within a year, a code that makes the id.
    if (kind.entity == "pass_profile") wire.update({{"distributor", 0}, {"qualified_place", 1}, {"grace_days", 45}});
    if (kind.entity == "pass_service") wire.update({{"code", "atelier-ete"}, {"cheques", 3}, {"withdrawn", 1}});
    return wire;
}

// The id a sample record must have when its kind derives ids from its fields ("" when any id will do).
inline std::string sampleId(const sync::RecordKind& kind, const SampleContext& context) {
    if (kind.entity == "pass_profile") return sync::passProfileId(context.structure);
    if (kind.entity == "pass_service") return sync::passServiceId(context.structure, "atelier-ete");
    return {};
}

}  // namespace mediane::test
