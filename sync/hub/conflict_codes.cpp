#include "sync/hub/conflict_codes.hpp"

#include <algorithm>

namespace mediane::hub {

namespace {
using nlohmann::json;

bool holdsRecordFields(const std::string& entity) { return entity == "learner" || entity == "session"; }

void recodeObject(json& details, const char* key, const FieldsRecode& recode) {
    auto it = details.find(key);
    if (it != details.end() && it->is_object()) recode(*it);
}

// {"age_bracket": {"hub": a, "incoming": b}}: each side recoded as a record of its own.
void recodeClashes(json& clashes, const FieldsRecode& recode) {
    if (!clashes.is_object()) return;
    for (const char* side : {"hub", "incoming"}) {
        json fields = json::object();
        for (auto it = clashes.begin(); it != clashes.end(); ++it)
            if (it->is_object() && it->contains(side)) fields[it.key()] = (*it)[side];
        auto kept = recode(fields);
        for (auto it = clashes.begin(); it != clashes.end(); ++it) {
            if (!it->is_object() || !it->contains(side) || !fields.contains(it.key())) continue;
            bool moved = std::any_of(kept.begin(), kept.end(), [&](const core::LegacyCode& k) { return k.field == it.key(); });
            if (!moved) (*it)[side] = fields[it.key()];
        }
    }
}
}  // namespace

void recodeConflictDetails(const std::string& entity, json& details, const FieldsRecode& recode) {
    if (!holdsRecordFields(entity) || !details.is_object()) return;
    for (const char* key : {"applied", "incoming", "deleted_state"}) recodeObject(details, key, recode);
    if (auto it = details.find("fields"); it != details.end()) recodeClashes(*it, recode);
}

void recodeResolution(json& resolution, const FieldsRecode& recode) {
    if (!resolution.is_object()) return;
    recodeObject(resolution, "fields", recode);
}

}  // namespace mediane::hub
