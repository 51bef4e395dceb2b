#include "sync/hub/conflict_view.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

// Enough for a coordinator of another structure to see that the cheque was used, when and where (which
// structure), and nothing that points to a person.
json redactedRedemption(const json& entry, const std::string& structure) {
    json fields = json::object();
    const json& source = entry.contains("fields") && entry["fields"].is_object() ? entry["fields"] : json::object();
    for (const char* key : {"kind", "cheque_id", "on_date"})
        if (source.contains(key)) fields[key] = source[key];
    return {{"record_id", entry.value("record_id", "")}, {"structure", structure}, {"fields", fields}};
}
}  // namespace

ConflictEntry visibleTo(ConflictEntry conflict, const Scope& scope) {
    if (conflict.kind != "over_redemption" || scope.everything) return conflict;
    auto& details = conflict.details;
    if (details.contains("earlier") && details["earlier"].is_array())
        for (auto& entry : details["earlier"]) {
            auto structure = entry.value("structure", "");
            if (!scope.reaches(structure) || structure.empty()) entry = redactedRedemption(entry, structure);
        }
    if (details.contains("incoming") && !scope.reaches(conflict.structure))
        details["incoming"] = redactedRedemption(details["incoming"], conflict.structure);
    return conflict;
}

sync::WireConflict toWire(ConflictEntry&& c) {
    return {c.id,
            std::move(c.kind),
            std::move(c.entity),
            std::move(c.recordId),
            std::move(c.opId),
            std::move(c.deviceId),
            std::move(c.structure),
            std::move(c.details),
            std::move(c.createdAt)};
}

std::string chequeOwner(HubStore& store, const std::string& chequeId, std::int64_t number) {
    auto hash = chequeId.find('#');
    if (hash != std::string::npos && hash != 0) {
        auto booklet = store.findRecord("pass_booklet", chequeId.substr(0, hash));
        if (booklet && !booklet->deleted) return booklet->structure;
    }
    if (number <= 0) return {};
    auto booklet = store.bookletCovering(number);
    return booklet ? booklet->structure : std::string();
}

}  // namespace mediane::hub
