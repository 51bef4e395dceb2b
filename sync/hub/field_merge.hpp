// The field merge rule of every Mergeable kind (learner, session): an offline edit made on base_version meets
// whatever the hub accepted since.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace mediane::hub {

struct MergeOutcome {
    nlohmann::json apply = nlohmann::json::object();     // fields to write now
    nlohmann::json clashes = nlohmann::json::object();   // field → {hub, incoming}: a hard conflict
    nlohmann::json changedSince = nlohmann::json::array();  // fields others changed after base_version
    bool versionGap = false;                             // someone wrote after base_version
};

// Usage: auto m = mergeUpdate(record.fields, record.fieldVersions, record.version, op.baseVersion, op.fields);
// A field changed on the hub after base_version and edited again with a different value clashes: the hub
// keeps its value and the incoming one goes to the conflict. Every other field applies.
MergeOutcome mergeUpdate(const nlohmann::json& current, const nlohmann::json& fieldVersions,
                         std::int64_t currentVersion, std::int64_t baseVersion, const nlohmann::json& incoming);

}  // namespace mediane::hub
