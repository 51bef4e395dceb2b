#include "app/session_input.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/record_wire.hpp"

namespace mediane::app {

namespace {
using nlohmann::json;

// Columns of the export that are not session fields: what the notebook computes or joins.
bool readOnlyColumn(const std::string& key) {
    static const char* const columns[] = {"id",         "place_name", "orientation_place_name", "participant_count",
                                          "created_at", "updated_at", "sync_state",             "version"};
    for (const char* c : columns)
        if (key == c) return true;
    return false;
}

// One message per type, so that the expected type reads in the user's language.
const char* typeErrorKey(sync::FieldType type) {
    switch (type) {
        case sync::FieldType::Text: return "corrections.err.field_type_text";
        case sync::FieldType::Integer: return "corrections.err.field_type_integer";
        case sync::FieldType::TextList: return "corrections.err.field_type_text_list";
        case sync::FieldType::IntegerList: break;
    }
    return "corrections.err.field_type_integer_list";
}

bool hasType(const json& value, sync::FieldType type) {
    switch (type) {
        case sync::FieldType::Text: return value.is_string();
        case sync::FieldType::Integer: return value.is_number_integer();
        case sync::FieldType::TextList:
        case sync::FieldType::IntegerList:
            if (!value.is_array()) return false;
            for (const auto& item : value)
                if (type == sync::FieldType::TextList ? !item.is_string() : !item.is_number_integer()) return false;
            return true;
    }
    return false;
}
}  // namespace

core::Session sessionFromInput(const json& input, core::Session base, SessionInput mode) {
    if (!input.is_object()) throw validationError("corrections.err.stdin_not_object", "session");
    const auto& kind = *sync::findRecordKind("session");
    const json current = sync::toWire(base);
    json given = json::object();
    for (auto it = input.begin(); it != input.end(); ++it) {
        const auto& key = it.key();
        if (readOnlyColumn(key)) continue;
        const auto* field = kind.field(key);
        if (!field) throw validationError("corrections.err.field_unknown", "session." + key, {{"field", key}});
        if (!hasType(it.value(), field->type))
            throw validationError(typeErrorKey(field->type), "session." + key, {{"field", key}});
        // A new session may redeem cheques (recordSession checks them); a recorded one keeps its redemptions.
        bool creatingWithCheques = mode == SessionInput::Add && field->role == sync::FieldRole::Derived;
        if (!sync::isCorrectable(*field) && !creatingWithCheques) {
            if (mode == SessionInput::Edit && current.contains(key) && current[key] != it.value())
                throw validationError("corrections.err.field_locked", "session." + key, {{"field", key}});
            continue;
        }
        given[key] = it.value();
    }
    sync::fromWire(given, base);
    return base;
}

json parseInputObject(const std::string& text) {
    try {
        json parsed = json::parse(text);
        if (!parsed.is_object()) throw validationError("corrections.err.stdin_not_object", "session");
        return parsed;
    } catch (const json::parse_error& e) {
        // The byte where reading stopped is what a person needs to find the mistake.
        throw validationError("corrections.err.stdin_json", "session", {{"byte", std::to_string(e.byte)}});
    }
}

}  // namespace mediane::app
