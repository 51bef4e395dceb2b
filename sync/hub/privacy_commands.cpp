#include "sync/hub/privacy_commands.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/learner_erasure_rules.hpp"

namespace mediane::hub {

int setRetention(HubStore& store, const std::string& structure, int months) {
    if (structure.empty()) throw validationError("err.hub.retention_structure", "--structure");
    if (months <= 0 || months > 1200) throw validationError("err.hub.retention_months", "--months");
    store.setRetentionMonths(structure, months);
    int cleared = applyRetention(store, core::today(), true);
    std::printf("%s\n", nlohmann::json{{"structure", structure}, {"months", months}, {"identities_cleared", cleared}}.dump().c_str());
    return 0;
}

int showRetention(HubStore& store, const std::string& structure) {
    std::printf("%s\n", nlohmann::json{{"structure", structure}, {"months", store.retentionMonths(structure)}}.dump().c_str());
    return 0;
}

int printPrivacyAudit(HubStore& store, const std::string& since) {
    for (const auto& e : store.privacyEvents(since)) {
        nlohmann::json line = {{"at", e.at},           {"action", e.action},       {"entity", e.entity},
                               {"record_id", e.recordId}, {"login", e.login},      {"device", e.deviceId},
                               {"structure", e.structure}, {"note", e.note}};
        std::printf("%s\n", line.dump().c_str());
    }
    return 0;
}

}  // namespace mediane::hub
