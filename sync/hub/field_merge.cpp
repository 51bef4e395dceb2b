#include "sync/hub/field_merge.hpp"

namespace mediane::hub {

MergeOutcome mergeUpdate(const nlohmann::json& current, const nlohmann::json& fieldVersions,
                         std::int64_t currentVersion, std::int64_t baseVersion, const nlohmann::json& incoming) {
    MergeOutcome out;
    out.versionGap = currentVersion > baseVersion;
    for (auto it = fieldVersions.begin(); it != fieldVersions.end(); ++it)
        if (it.value().get<std::int64_t>() > baseVersion) out.changedSince.push_back(it.key());
    for (auto it = incoming.begin(); it != incoming.end(); ++it) {
        auto version = fieldVersions.find(it.key());
        bool touchedSince = version != fieldVersions.end() && version->get<std::int64_t>() > baseVersion;
        auto hubValue = current.find(it.key());
        bool differs = hubValue == current.end() || *hubValue != it.value();
        if (touchedSince && differs)
            out.clashes[it.key()] = {{"hub", hubValue == current.end() ? nlohmann::json() : *hubValue},
                                     {"incoming", it.value()}};
        else if (differs)
            out.apply[it.key()] = it.value();
    }
    return out;
}

}  // namespace mediane::hub
